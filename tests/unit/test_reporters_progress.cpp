#include <reporters/progress.hpp>
#include <util/text_table.hpp>

#include <doctest/doctest.h>

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

TEST_SUITE_BEGIN("reporters_progress");

using namespace perfgate;
using reporters::ProgressDisplay;
using reporters::ProgressStyle;

namespace {

// A memory stream that the display writes to, and what it holds.
class Capture
{
public:
    Capture() : m_stream(open_memstream(&m_buffer, &m_size)) { REQUIRE(m_stream != nullptr); }
    Capture(const Capture&) = delete;
    Capture& operator=(const Capture&) = delete;
    ~Capture()
    {
        std::fclose(m_stream);
        std::free(m_buffer);
    }

    std::FILE* stream() { return m_stream; }
    std::string text()
    {
        std::fflush(m_stream);
        return std::string(m_buffer, m_size);
    }

private:
    char* m_buffer = nullptr;
    std::size_t m_size = 0;
    std::FILE* m_stream;
};

core::BenchmarkResult result_of(std::string id)
{
    core::BenchmarkResult result;
    result.id = std::move(id);
    result.metric("wall", "s", core::Better::lower).samples = {0.01, 0.02};
    return result;
}

} // namespace

TEST_CASE("ProgressDisplay prints one plain line per benchmark, hostile names escaped")
{
    Capture capture;
    ProgressDisplay display(capture.stream(), ProgressStyle::lines, false);
    display.started(2);
    display.finished(result_of("ok\n::error::x"));
    auto failed = result_of("::warning::y");
    failed.status = core::Status::failed;
    failed.message = "exit code 1 (stderr: \x1b[2J##[error]z)";
    display.finished(failed);
    display.done();
    CHECK(capture.text() ==
          "[1/2] ok\\x0a::error::x: 2 runs, median 15.0 ms\n"
          "[2/2] ::warning::y: failed: exit code 1 (stderr: \\x1b[2J##\\x5berror]z)\n");
}

TEST_CASE("ProgressDisplay draws bars with escaped, shortened names")
{
    Capture capture;
    ProgressDisplay display(capture.stream(), ProgressStyle::bars, false);
    display.started(2);
    const std::string id = "\x1b[31m::error::" + std::string(50, 'x');
    const std::vector<double> samples{0.01};
    display.progressed({id, 1, 10, 0.5, samples, "s"});
    const auto text = capture.text();
    CHECK(text.find("\x1b[31m") == std::string::npos);
    CHECK(text.starts_with("\\x1b[31m::error::" + std::string(23, 'x') + "\u2026  ##"));
    CHECK(text.find("median 10.0 ms  ETA 4.5 s\n[0/2 done]\n") != std::string::npos);
}

TEST_CASE("ProgressDisplay keeps finished benchmarks above the bars, with an ETA for the rest")
{
    Capture capture;
    ProgressDisplay display(capture.stream(), ProgressStyle::bars, false);
    display.started(2);
    const std::vector<double> samples{0.01, 0.01};
    display.progressed({"first", 2, 4, 1.0, samples, "s"});
    const auto before = capture.text().size();
    display.finished(result_of("first"));
    const auto after = capture.text().substr(before);
    // The bars are erased, the result printed for good, and no bar is drawn for it again.
    CHECK(after.starts_with("\x1b[1A\x1b[2K\x1b[1A\x1b[2K\r[1/2] first: 2 runs, median 15.0 ms\n"));
    CHECK(after.find("##") == std::string::npos);
    CHECK(capture.text().find("2/4      1.0 s  median 10.0 ms  ETA 1.0 s\n") != std::string::npos);
}

TEST_CASE("ProgressDisplay fits its bars to the terminal's width")
{
    Capture capture;
    ProgressDisplay display(capture.stream(), ProgressStyle::bars, false, 60);
    display.started(1);
    const std::vector<double> samples{0.2};
    display.progressed({std::string(70, 'n'), 1, 3, 0.4, samples, "s"});
    const auto text = capture.text();
    const auto bar_line = text.substr(0, text.find('\n'));
    CHECK(util::display_width(bar_line) <= 60);
    // The id gives way first, down to 12 characters and an ellipsis; then the line's end.
    CHECK(bar_line.starts_with(std::string(12, 'n') + "\u2026  ########"));
    CHECK(bar_line.ends_with("\u2026"));
    CHECK(text.ends_with("\n[0/1 done]\n"));
}

TEST_SUITE_END();
