#include <reporters/console_comparison.hpp>

#include "sample_comparison.hpp"
#include <doctest/doctest.h>

#include <regex>
#include <string>
#include <vector>

TEST_SUITE_BEGIN("reporters_console_comparison");

using namespace perfgate;
using baselines::Verdict;

namespace {

std::vector<std::string> lines_of(const std::string& text)
{
    std::vector<std::string> lines;
    for (std::size_t start = 0; start < text.size();) {
        auto end = text.find('\n', start);
        end = end == std::string::npos ? text.size() : end;
        lines.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return lines;
}

// A comparison whose ids, metric, unit, message, note and warning all carry hostile text.
baselines::Comparison hostile_comparison()
{
    auto comparison = test::sample_comparison();
    comparison.entries[0].id = "::error::x";
    comparison.entries[1].id = "ok\n::add-mask::secret";
    comparison.entries[2].metric = "\x1b[2Jwall";
    comparison.entries[3].unit = "##[group]";
    comparison.entries[3].notes.push_back("from\r::warning::note");
    auto& failed = comparison.entries.back();
    REQUIRE(failed.verdict == Verdict::failed);
    failed.id = "\x1b]0;title\a";
    failed.message = "exit code 1 (stderr: \x1b[31m::error::pwned)";
    comparison.warnings.push_back("machine\n::error::warned");
    return comparison;
}

} // namespace

TEST_CASE("render_console_comparison shows hostile text escaped, one line each")
{
    const auto out = reporters::render_console_comparison(hostile_comparison(), false);
    CHECK(out.find('\x1b') == std::string::npos);
    CHECK(out.find('\r') == std::string::npos);
    CHECK(out.find('\a') == std::string::npos);
    CHECK(out.find("##[") == std::string::npos);
    for (const auto& line : lines_of(out)) {
        CAPTURE(line);
        CHECK_FALSE(std::regex_search(line, std::regex("^\\s*::")));
    }
    CHECK(out.find("\\x3a:error::x ") != std::string::npos);
    CHECK(out.find("ok\\x0a::add-mask::secret ") != std::string::npos);
    CHECK(out.find("\\x1b[2Jwall") != std::string::npos);
    CHECK(
        out.find("failed: '\\x1b]0;title\\x07': exit code 1 (stderr: \\x1b[31m::error::pwned)\n") !=
        std::string::npos);
    CHECK(out.find("from\\x0d::warning::note") != std::string::npos);
    CHECK(out.find("warning: machine\\x0a::error::warned\n") != std::string::npos);
}

TEST_CASE("render_console_comparison keeps its own colours around escaped text")
{
    const auto comparison = hostile_comparison();
    const auto coloured = reporters::render_console_comparison(comparison, true);
    CHECK(coloured.find("\x1b[1mBenchmark\x1b[0m") != std::string::npos);
    CHECK(std::regex_replace(coloured, std::regex("\x1b\\[[0-9;]*m"), "") ==
          reporters::render_console_comparison(comparison, false));
}

TEST_SUITE_END();
