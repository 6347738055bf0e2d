#include <reporters/run_table.hpp>
#include <util/text_table.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <regex>
#include <string>
#include <vector>

TEST_SUITE_BEGIN("reporters_run_table");

using namespace perfgate;
using namespace perfgate::reporters;
using core::BenchmarkResult;

namespace {

// A command benchmark `id` with the given wall times, and cpu times half as long.
BenchmarkResult command_result(const std::string& id, const std::vector<double>& wall)
{
    BenchmarkResult result;
    result.id = id;
    result.source = core::Source::command;
    std::vector<double> cpu;
    cpu.reserve(wall.size());
    for (const double w : wall) {
        cpu.push_back(w / 2);
    }
    result.metric("wall", "s", core::Better::lower).samples = wall;
    result.metric("cpu", "s", core::Better::lower).samples = cpu;
    return result;
}

// A failed command benchmark `id` with the given wall times.
BenchmarkResult failed_result(const std::string& id, const std::vector<double>& wall)
{
    auto result = command_result(id, wall);
    result.status = core::Status::failed;
    result.message = "run 2 of 'x' exited with code 1";
    return result;
}

// Return `text` without its ANSI escape sequences.
std::string without_ansi(const std::string& text)
{
    return std::regex_replace(text, std::regex("\x1b\\[[0-9;]*m"), "");
}

// Return line `n` (from 0) of `text`.
std::string line_of(const std::string& text, std::size_t n)
{
    std::size_t start = 0;
    for (std::size_t i = 0; i < n; ++i) {
        start = text.find('\n', start);
        REQUIRE(start != std::string::npos);
        ++start;
    }
    return text.substr(start, text.find('\n', start) - start);
}

} // namespace

TEST_CASE("relative_speeds compares each result with the fastest")
{
    SUBCASE("ratio of means and the propagated error")
    {
        const auto relatives = relative_speeds({command_result("slow", {0.020, 0.024, 0.028}),
                                                command_result("fast", {0.010, 0.012, 0.014})},
                                               "wall");
        REQUIRE(relatives.size() == 2);
        REQUIRE(relatives[0]);
        REQUIRE(relatives[1]);
        CHECK(relatives[0]->ratio == doctest::Approx(2.0));
        CHECK(relatives[0]->error ==
              doctest::Approx(2.0 * std::hypot(0.004 / 0.024, 0.002 / 0.012)));
        CHECK_FALSE(relatives[0]->fastest);
        CHECK(relatives[1]->ratio == 1.0);
        CHECK(relatives[1]->error == 0.0);
        CHECK(relatives[1]->fastest);
    }
    SUBCASE("on the metric asked for")
    {
        auto odd = command_result("odd", {0.020, 0.020});
        odd.metric("cpu", "s", core::Better::lower).samples = {0.001, 0.001};
        const auto relatives = relative_speeds({command_result("a", {0.010, 0.010}), odd}, "cpu");
        REQUIRE(relatives[0]);
        REQUIRE(relatives[1]);
        CHECK(relatives[1]->fastest);
        CHECK(relatives[0]->ratio == doctest::Approx(5.0));
    }
    SUBCASE("failed and unmeasured results are left out")
    {
        auto unmeasured = command_result("unmeasured", {});
        BenchmarkResult no_metric;
        no_metric.id = "no metric";
        const auto relatives = relative_speeds({failed_result("failed but fastest", {0.001}),
                                                command_result("slow", {0.030, 0.030}),
                                                unmeasured,
                                                no_metric,
                                                command_result("fast", {0.010, 0.010})},
                                               "wall");
        REQUIRE(relatives.size() == 5);
        CHECK_FALSE(relatives[0]);
        REQUIRE(relatives[1]);
        CHECK(relatives[1]->ratio == doctest::Approx(3.0));
        CHECK_FALSE(relatives[2]);
        CHECK_FALSE(relatives[3]);
        REQUIRE(relatives[4]);
        CHECK(relatives[4]->fastest);
    }
    SUBCASE("nothing measured")
    {
        CHECK(relative_speeds({}, "wall").empty());
        const auto relatives = relative_speeds({command_result("zero", {0.0, 0.0})}, "wall");
        REQUIRE(relatives.size() == 1);
        CHECK_FALSE(relatives[0]);
    }
}

TEST_CASE("render_run_table shows one benchmark without a relative column")
{
    const std::string table =
        render_run_table({command_result("sleep", {0.010, 0.012, 0.014})}, {});
    CHECK(table == "Benchmark   Median          Mean \u00b1 \u03c3          Min \u2026 Max  Runs\n"
                   "sleep      12.0 ms  12.0 ms \u00b1 2.0 ms  10.0 ms \u2026 14.0 ms     3\n");
}

TEST_CASE("render_run_table shows several benchmarks relative to the fastest")
{
    const std::string table = render_run_table({command_result("slow", {0.020, 0.024, 0.028}),
                                                command_result("fast", {0.010, 0.012, 0.014})},
                                               {});
    CHECK(line_of(table, 0).ends_with("Runs     Relative"));
    CHECK(line_of(table, 1).starts_with("slow "));
    CHECK(line_of(table, 1).ends_with("  3  2.00 \u00b1 0.47"));
    CHECK(line_of(table, 2).starts_with("fast "));
    CHECK(line_of(table, 2).ends_with("  3         1.00"));

    SUBCASE("slower without any spread is not shown as the reference")
    {
        const std::string single_runs =
            render_run_table({command_result("one", {0.010}), command_result("two", {0.020})}, {});
        CHECK(line_of(single_runs, 1).ends_with("1         1.00"));
        CHECK(line_of(single_runs, 2).ends_with("1  2.00 \u00b1 0.00"));
    }
}

TEST_CASE("render_run_table fixes one unit per row")
{
    SUBCASE("the median's")
    {
        const std::string table =
            render_run_table({command_result("spiky", {0.010, 0.012, 1.5})}, {});
        CHECK(line_of(table, 1).find("10.0 ms \u2026 1500.0 ms") != std::string::npos);
    }
    SUBCASE("or the one chosen")
    {
        RunTableOptions options;
        options.unit = core::time_unit_named("microsecond");
        const std::string table =
            render_run_table({command_result("sleep", {0.010, 0.012, 0.014})}, options);
        CHECK(line_of(table, 1).find("12000.0 \u00b5s \u00b1 2000.0 \u00b5s") != std::string::npos);
    }
}

TEST_CASE("render_run_table shows other metrics and Google Benchmark results")
{
    SUBCASE("Google Benchmark real time when the metric is absent")
    {
        BenchmarkResult program;
        program.id = "BM_Sort/8";
        program.source = core::Source::google_benchmark;
        program.metric("real_time", "ns", core::Better::lower).samples = {1000, 1100, 1200};
        const std::string table = render_run_table({program}, {});
        CHECK(line_of(table, 1).starts_with("BM_Sort/8  "));
        CHECK(line_of(table, 1).find("1.1 \u00b5s  1.1 \u00b5s \u00b1 0.1 \u00b5s") !=
              std::string::npos);
    }
    SUBCASE("bytes")
    {
        auto result = command_result("alloc", {0.01});
        result.metric("peak_rss", "B", core::Better::lower).samples = {2097152};
        RunTableOptions options;
        options.metric = "peak_rss";
        const std::string table = render_run_table({result}, options);
        CHECK(line_of(table, 1).find("2.0 MiB  2.0 MiB \u00b1 0 B") != std::string::npos);
    }
}

TEST_CASE("render_run_table marks failed benchmarks")
{
    SUBCASE("with samples, among others")
    {
        const std::string table = render_run_table({command_result("a", {0.010, 0.010}),
                                                    command_result("b", {0.020, 0.020}),
                                                    failed_result("broken", {0.005})},
                                                   {});
        const std::string row = line_of(table, 3);
        CHECK(row.starts_with("broken "));
        CHECK(std::regex_search(row, std::regex(" 1 failed +-$")));
        CHECK(line_of(table, 1).ends_with("1.00"));
    }
    SUBCASE("without samples")
    {
        const std::string table =
            render_run_table({command_result("ok", {0.010}), failed_result("broken", {})}, {});
        CHECK(line_of(table, 0).ends_with("Runs"));
        const std::string row = line_of(table, 2);
        CHECK(std::regex_match(row, std::regex("broken +- +- +- +failed")));
    }
    SUBCASE("interrupted: the runs that finished are still counted")
    {
        auto interrupted = command_result("cut", {0.010, 0.011, 0.012});
        interrupted.status = core::Status::interrupted;
        const std::string row = line_of(render_run_table({interrupted}, {}), 1);
        CHECK(std::regex_search(row, std::regex("  3 interrupted( +-)?$")));
    }
}

TEST_CASE("render_run_table in colour aligns like the plain table")
{
    const std::vector<BenchmarkResult> results{command_result("slow", {0.020, 0.024, 0.028}),
                                               command_result("fast", {0.010, 0.012, 0.014}),
                                               failed_result("broken", {0.005})};
    RunTableOptions coloured;
    coloured.color = true;
    const std::string table = render_run_table(results, coloured);
    CHECK(table.starts_with("\x1b[1mBenchmark\x1b[0m"));
    CHECK(table.find("broken\x1b[0m") != std::string::npos);
    CHECK(without_ansi(table) == render_run_table(results, {}));
    CHECK(render_run_table(results, {}).find('\x1b') == std::string::npos);
}

TEST_CASE("render_shell_notes names the benchmarks that ran under a shell")
{
    auto piped = command_result("seq 10 | wc -l", {0.01});
    piped.shell = "/bin/sh";
    piped.shell_startup_seconds = 0.0012;
    auto failed = failed_result("exit 1 | true", {0.01});
    failed.shell = "/bin/sh";
    failed.shell_startup_seconds = 0.0012;
    const auto direct = command_result("true", {0.01});

    CHECK(render_shell_notes({piped, failed, direct}) ==
          "note: 'seq 10 | wc -l' ran under /bin/sh -c; the shell's own start-up (1.20 ms median) "
          "is included in its times (use an argv or -N to run it directly)\n");
    CHECK(render_shell_notes({direct}).empty());
}

TEST_CASE("render_run_table shows hostile names escaped, its own colours intact")
{
    auto failed = failed_result("\x1b[2J::error::gone", {0.01});
    const std::vector<BenchmarkResult> results{command_result("::error::x", {0.01, 0.02}),
                                               command_result("ok\n::add-mask::s", {0.01}),
                                               command_result("##[group]x", {0.01}),
                                               failed};
    const std::string plain = render_run_table(results, {});
    CHECK(plain.find('\x1b') == std::string::npos);
    CHECK(line_of(plain, 1).starts_with("\\x3a:error::x "));
    CHECK(line_of(plain, 2).starts_with("ok\\x0a::add-mask::s "));
    CHECK(line_of(plain, 3).starts_with("##\\x5bgroup]x "));
    CHECK(line_of(plain, 4).starts_with("\\x1b[2J::error::gone "));
    CHECK(plain.find("##[") == std::string::npos);

    RunTableOptions coloured;
    coloured.color = true;
    const std::string table = render_run_table(results, coloured);
    CHECK(table.find("m\\x1b[2J::error::gone\x1b[0m") != std::string::npos);
    CHECK(without_ansi(table) == plain);
}

TEST_CASE("render_shell_notes escapes the names it quotes")
{
    auto piped = command_result("a | b\n::error::x", {0.01});
    piped.shell = "/bin/sh";
    piped.shell_startup_seconds = 0.0012;
    const auto notes = render_shell_notes({piped});
    CHECK(notes.starts_with("note: 'a | b\\x0a::error::x' ran under /bin/sh -c;"));
    CHECK(std::count(notes.begin(), notes.end(), '\n') == 1);
}

TEST_CASE("render_run_table adds --stats columns and the resources measured")
{
    auto result = command_result("alloc", {0.010, 0.012, 0.014, 0.016, 0.018});
    result.metric("peak_rss", "B", core::Better::lower).samples = {2097152, 2097152, 3145728};
    RunTableOptions options;
    options.stats = {"p95", "max"};
    options.resources = true;
    const std::string table = render_run_table({result}, options);
    CHECK(line_of(table, 0).ends_with("Runs      p95      max     CPU  Peak RSS"));
    CHECK(line_of(table, 1).ends_with("5  17.6 ms  18.0 ms  7.0 ms   2.0 MiB"));

    SUBCASE("failed: dashes (no peak RSS column: none was measured)")
    {
        const std::string failed = render_run_table({failed_result("broken", {})}, options);
        CHECK(line_of(failed, 0).ends_with("max  CPU"));
        CHECK(std::regex_match(line_of(failed, 1), std::regex("broken +- +- +- +failed +- +- +-")));
    }
    SUBCASE("Google Benchmark results measure neither: no resource column")
    {
        BenchmarkResult program;
        program.id = "BM_Sort/8";
        program.source = core::Source::google_benchmark;
        program.metric("real_time", "ns", core::Better::lower).samples = {1000, 1100, 1200};
        const std::string gbench = render_run_table({program}, options);
        CHECK(line_of(gbench, 0).ends_with("Runs     p95     max"));
    }
}

TEST_CASE("render_run_table fits the terminal's width")
{
    auto result = command_result("a benchmark with a rather long name indeed", {0.010, 0.012});
    result.metric("peak_rss", "B", core::Better::lower).samples = {2097152, 2097152};
    RunTableOptions options;
    options.resources = true;
    options.stats = {"p95"};
    const std::string full = render_run_table({result}, options);
    REQUIRE(line_of(full, 0).find("Peak RSS") != std::string::npos);
    const auto full_width = util::display_width(line_of(full, 1));

    SUBCASE("wide enough: unchanged")
    {
        options.width = full_width;
        CHECK(render_run_table({result}, options) == full);
    }
    SUBCASE("optional columns go first: resources, statistics, then min … max")
    {
        options.width = full_width - 1;
        const std::string narrower = render_run_table({result}, options);
        CHECK(line_of(narrower, 0).find("Peak RSS") == std::string::npos);
        CHECK(line_of(narrower, 0).find("CPU") != std::string::npos);
        CHECK(line_of(narrower, 1).starts_with("a benchmark with a rather long name indeed"));

        // The name (42 columns), median, mean ± σ and runs, two spaces apart.
        options.width = 42 + 2 + 7 + 2 + 16 + 2 + 4;
        const std::string narrow = render_run_table({result}, options);
        CHECK(line_of(narrow, 0).find("CPU") == std::string::npos);
        CHECK(line_of(narrow, 0).find("p95") == std::string::npos);
        CHECK(line_of(narrow, 0).find("Min … Max") == std::string::npos);
        CHECK(line_of(narrow, 1).starts_with("a benchmark with a rather long name indeed"));
        CHECK(util::display_width(line_of(narrow, 1)) == options.width);
    }
    SUBCASE("then long names are shortened with an ellipsis")
    {
        options.width = 50;
        const std::string narrow = render_run_table({result}, options);
        CHECK(line_of(narrow, 1).starts_with("a benchmark with… "));
        CHECK(util::display_width(line_of(narrow, 1)) == 50);
    }
    SUBCASE("but never below twelve columns")
    {
        options.width = 10;
        CHECK(line_of(render_run_table({result}, options), 1).starts_with("a benchmark… "));
    }
}

TEST_SUITE_END();
