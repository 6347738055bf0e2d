#include <reporters/run_warnings.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

TEST_SUITE_BEGIN("reporters_run_warnings");

using namespace perfgate;
using namespace perfgate::reporters;

namespace {

// A command benchmark with the given wall times.
core::BenchmarkResult command_result(const std::vector<double>& wall)
{
    core::BenchmarkResult result;
    result.id = "cmd";
    result.source = core::Source::command;
    result.metric("wall", "s", core::Better::lower).samples = wall;
    return result;
}

} // namespace

TEST_CASE("modified_zscores measures distance from the median in MADs")
{
    // median 2, deviations {1, 0, 1, 8}: MAD 1.
    const std::vector<double> samples{1, 2, 3, 10};
    const auto scores = modified_zscores(samples);
    REQUIRE(scores.size() == 4);
    CHECK(scores[0] == doctest::Approx(-1.5));
    CHECK(scores[3] == doctest::Approx(7.5));
    CHECK(modified_zscores(std::vector<double>{}).empty());
    SUBCASE("a MAD of zero makes any other value an outlier")
    {
        const auto flat = modified_zscores(std::vector<double>{1, 1, 1, 2});
        CHECK(flat[0] == 0);
        CHECK(flat[3] > k_outlier_threshold);
    }
}

TEST_CASE("run_warnings warns like hyperfine")
{
    const std::vector<double> steady{0.010, 0.011, 0.010, 0.012, 0.011, 0.010, 0.011};
    SUBCASE("nothing for steady runs")
    {
        CHECK(run_warnings(command_result(steady), {}).empty());
    }
    SUBCASE("a slow first run, with advice that fits what was used")
    {
        auto wall = steady;
        wall.insert(wall.begin(), 0.5);
        const auto plain = run_warnings(command_result(wall), {});
        REQUIRE(plain.size() == 1);
        CHECK(plain[0].starts_with("'cmd': the first run was much slower than the rest (500 ms)"));
        CHECK(plain[0].find("with --warmup, or clear them") != std::string::npos);
        const auto both = run_warnings(command_result(wall), {.warmup = true, .prepare = true});
        REQUIRE(both.size() == 1);
        CHECK(both[0].find("You already use both --warmup and --prepare") != std::string::npos);
    }
    SUBCASE("outliers elsewhere")
    {
        auto wall = steady;
        wall.push_back(0.5);
        const auto warnings = run_warnings(command_result(wall), {});
        REQUIRE(warnings.size() == 1);
        CHECK(warnings[0].starts_with("'cmd': statistical outliers were detected"));
        CHECK(warnings[0].ends_with(" --warmup or --prepare might help."));
        CHECK(run_warnings(command_result(wall), {.warmup = true, .prepare = true})[0].ends_with(
            "other programs."));
    }
    SUBCASE("only measured command benchmarks")
    {
        auto wall = steady;
        wall.push_back(0.5);
        auto failed = command_result(wall);
        failed.status = core::Status::failed;
        CHECK(run_warnings(failed, {}).empty());
        auto program = command_result(wall);
        program.source = core::Source::google_benchmark;
        CHECK(run_warnings(program, {}).empty());
        CHECK(run_warnings(command_result({0.5}), {}).empty());
    }
}

TEST_SUITE_END();
