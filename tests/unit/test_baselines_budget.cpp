#include <baselines/budget.hpp>
#include <core/config.hpp>

#include "test_support.hpp"
#include <doctest/doctest.h>

#include <string>

TEST_SUITE_BEGIN("baselines_budget");

using namespace perfgate;
using namespace perfgate::baselines;
using perfgate::test::error_of;

namespace {

core::BenchmarkResult command_result(std::string id)
{
    core::BenchmarkResult result;
    result.id = std::move(id);
    result.metric("wall", "s", core::Better::lower).samples = {0.010, 0.011, 0.012};
    result.metric("peak_rss", "B", core::Better::lower).samples = {2e6, 2e6, 2e6};
    return result;
}

core::BenchmarkResult gbench_result(std::string id)
{
    core::BenchmarkResult result;
    result.id = std::move(id);
    result.source = core::Source::google_benchmark;
    result.metric("real_time", "ns", core::Better::lower).samples = {900, 1000, 1100};
    result.metric("cpu_time", "ns", core::Better::lower).samples = {900, 1000, 1100};
    result.metric("items_per_second", "1/s", core::Better::higher).samples = {40, 60, 80};
    result.metric("hit_ratio", "", core::Better::lower).samples = {0.5, 0.6, 0.7};
    return result;
}

} // namespace

TEST_CASE("budgets_for: [[budget]] tables by glob, converted into the metric's unit")
{
    const auto config = core::parse_config(R"([[budget]]
match = "api/*"
metric = "peak_rss"
max = "500MB"
warn_headroom = "10%"

[[budget]]
match = "api/get"
statistic = "p95"
max = "2s"
min = "1ms"
level = "warning"

[[budget]]
match = "other"
metric = "nothing"
max = 1
)",
                                           "perfgate.toml");
    const auto rules = budgets_for(config, command_result("api/get"));
    REQUIRE(rules.size() == 3);
    CHECK(rules[0].metric == "peak_rss");
    CHECK(rules[0].bound == Bound::ceiling);
    CHECK(rules[0].limit == doctest::Approx(500e6));
    CHECK(rules[0].written == "500MB");
    CHECK(rules[0].statistic == "median");
    CHECK(rules[0].warn_headroom == doctest::Approx(0.1));
    CHECK(rules[0].level == core::Level::blocker);
    CHECK(rules[0].origin == "perfgate.toml:1");
    // Without a metric: the wall time.
    CHECK(rules[1].metric == "wall");
    CHECK(rules[1].bound == Bound::ceiling);
    CHECK(rules[1].limit == doctest::Approx(2.0));
    CHECK(rules[1].statistic == "p95");
    CHECK(rules[1].level == core::Level::warning);
    CHECK(rules[2].bound == Bound::floor);
    CHECK(rules[2].limit == doctest::Approx(0.001));
    CHECK(rules[2].origin == "perfgate.toml:7");
    CHECK(budgets_for(config, command_result("web/get")).empty());
}

TEST_CASE("budgets_for: Google Benchmark ids, times in ns, rates and ratios")
{
    const auto config = core::parse_config(R"([[benchmark]]
name = "sort"
kind = "google-benchmark"
command = "build/sort_bench"
budget = "2us"

[[budget]]
match = "sort/BM_Sort/*"
metric = "items_per_second"
min = "50/s"

[[budget]]
match = "sort/BM_Sort/8"
metric = "hit_ratio"
min = "55%"
max = 0.9
)",
                                           "perfgate.toml");
    const auto rules = budgets_for(config, gbench_result("sort/BM_Sort/8"));
    REQUIRE(rules.size() == 4);
    CHECK(rules[0].metric == "items_per_second");
    CHECK(rules[0].limit == doctest::Approx(50));
    // A table with both limits gives its ceiling, then its floor.
    CHECK(rules[1].metric == "hit_ratio");
    CHECK(rules[1].bound == Bound::ceiling);
    CHECK(rules[1].limit == doctest::Approx(0.9));
    CHECK(rules[1].written.empty());
    CHECK(rules[2].bound == Bound::floor);
    CHECK(rules[2].limit == doctest::Approx(0.55));
    CHECK(rules[2].written == "55%");
    // The shorthand limits real time, in the metric's ns.
    CHECK(rules[3].metric == "real_time");
    CHECK(rules[3].limit == doctest::Approx(2000));
    CHECK(rules[3].written == "2us");
    CHECK(rules[3].origin == "perfgate.toml:5");
    // Another program's ids do not belong to the entry.
    CHECK(budgets_for(config, gbench_result("sorter/BM_Sort/8")).empty());
}

TEST_CASE("budgets_for: a budget that cannot apply is an error naming file and line")
{
    SUBCASE("a metric the benchmark does not have")
    {
        const auto config = core::parse_config(
            "[[budget]]\nmatch = \"*\"\nmetric = \"failures\"\nmax = 0\n", "conf.toml");
        const Error error = error_of([&] { budgets_for(config, command_result("x")); });
        CHECK(error.code() == ExitCode::usage);
        CHECK(std::string(error.what()) ==
              "conf.toml:1: the budget on 'failures' cannot apply to 'x': it has no such metric "
              "(it measures wall, peak_rss); commands record 'failures' with --ignore-failure");
    }
    SUBCASE("a unit that cannot apply")
    {
        const auto config =
            core::parse_config("\n[[budget]]\nmatch = \"*\"\nmax = \"500MB\"\n", "perfgate.toml");
        const Error error = error_of([&] { budgets_for(config, command_result("x")); });
        CHECK(std::string(error.what()) ==
              "perfgate.toml:2: 'max' = '500MB' cannot limit 'wall' of 'x': '500MB' is a size in "
              "bytes, and 'wall' is a time (s)");
    }
    SUBCASE("a rate on a time, a percentage on bytes")
    {
        const auto config = core::parse_config(R"([[budget]]
match = "*"
metric = "peak_rss"
min = "5%"
)",
                                               "perfgate.toml");
        const Error error = error_of([&] { budgets_for(config, command_result("x")); });
        CHECK(std::string(error.what()) ==
              "perfgate.toml:1: 'min' = '5%' cannot limit 'peak_rss' of 'x': '5%' is a "
              "percentage, and 'peak_rss' is a size in bytes (B)");
    }
    SUBCASE("no wall time for a budget without a metric")
    {
        const auto config =
            core::parse_config("[[budget]]\nmatch = \"*\"\nmax = \"1s\"\n", "perfgate.toml");
        core::BenchmarkResult result;
        result.id = "samples";
        result.metric("latency", "s", core::Better::lower).samples = {1};
        const Error error = error_of([&] { budgets_for(config, result); });
        CHECK(std::string(error.what()) ==
              "perfgate.toml:1: the budget on the wall time of 'samples' cannot apply: it "
              "measures neither 'wall' nor 'real_time'; name the metric in a [[budget]]");
    }
}

TEST_CASE("check_budget: ceilings, floors, headroom and thin headroom")
{
    core::Summary summary;
    summary.n = 10;
    summary.median = 80;
    summary.p95 = 95;
    summary.max = 120;
    BudgetRule rule;
    rule.limit = 100;
    rule.warn_headroom = 0.1;
    rule.origin = "perfgate.toml:3";
    SUBCASE("a ceiling with room")
    {
        const auto check = check_budget(rule, summary);
        CHECK(check.value == 80);
        CHECK_FALSE(check.breached);
        CHECK_FALSE(check.thin);
        CHECK(check.headroom == doctest::Approx(0.2));
        CHECK(check.origin == "perfgate.toml:3");
    }
    SUBCASE("a ceiling closer than warn_headroom: thin, not breached")
    {
        rule.statistic = "p95";
        const auto check = check_budget(rule, summary);
        CHECK(check.value == 95);
        CHECK_FALSE(check.breached);
        CHECK(check.thin);
        CHECK(check.headroom == doctest::Approx(0.05));
    }
    SUBCASE("a ceiling breached")
    {
        rule.statistic = "max";
        const auto check = check_budget(rule, summary);
        CHECK(check.breached);
        CHECK_FALSE(check.thin);
        CHECK(check.headroom == doctest::Approx(-0.2));
    }
    SUBCASE("a floor")
    {
        rule.bound = Bound::floor;
        rule.limit = 90;
        rule.statistic = "median";
        auto check = check_budget(rule, summary);
        CHECK(check.breached);
        CHECK(check.headroom == doctest::Approx(-10.0 / 90));
        rule.statistic = "p95";
        check = check_budget(rule, summary);
        CHECK_FALSE(check.breached);
        CHECK(check.thin);
        CHECK(check.headroom == doctest::Approx(5.0 / 90));
    }
    SUBCASE("a limit of 0 has no relative headroom; anything above it breaches")
    {
        rule.limit = 0;
        rule.statistic = "max";
        summary.max = 0;
        auto check = check_budget(rule, summary);
        CHECK_FALSE(check.breached);
        CHECK_FALSE(check.headroom);
        CHECK_FALSE(check.thin);
        summary.max = 1;
        check = check_budget(rule, summary);
        CHECK(check.breached);
    }
}

TEST_CASE("unmatched_budgets warns about a [[budget]] that matches nothing")
{
    const auto config = core::parse_config(
        "[[budget]]\nmatch = \"api/*\"\nmax = 1\n\n[[budget]]\nmatch = \"typo*\"\nmax = 1\n",
        "perfgate.toml");
    const auto warnings = unmatched_budgets(config, {"api/get", "api/put"});
    REQUIRE(warnings.size() == 1);
    CHECK(warnings[0] == "perfgate.toml:5: [[budget]] matches no benchmark ('match' = 'typo*')");
}

TEST_SUITE_END();
