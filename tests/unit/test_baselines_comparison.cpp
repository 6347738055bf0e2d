#include <baselines/comparison.hpp>
#include <baselines/gate.hpp>
#include <core/config.hpp>

#include "test_support.hpp"
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

TEST_SUITE_BEGIN("baselines_comparison");

using namespace perfgate;
using namespace perfgate::baselines;
using perfgate::test::error_of;

namespace {

// A command benchmark whose runs took `wall` seconds (CPU time a tenth of it) and `rss` bytes.
core::BenchmarkResult command(std::string id, double wall, double rss)
{
    core::BenchmarkResult result;
    result.id = std::move(id);
    std::vector<double> walls;
    walls.reserve(10);
    for (int i = 0; i < 10; ++i) {
        walls.push_back(wall * (1 + 0.001 * i));
    }
    result.metric("wall", "s", core::Better::lower).samples = walls;
    result.metric("cpu", "s", core::Better::lower).samples = std::vector<double>(10, wall * 0.1);
    result.metric("peak_rss", "B", core::Better::lower).samples = std::vector<double>(10, rss);
    return result;
}

core::ResultsDocument document(std::vector<core::BenchmarkResult> results)
{
    core::ResultsDocument doc;
    doc.benchmarks = std::move(results);
    return doc;
}

const MetricComparison*
find(const Comparison& comparison, const std::string& id, const std::string& metric)
{
    const auto it =
        std::find_if(comparison.entries.begin(), comparison.entries.end(), [&](const auto& entry) {
            return entry.id == id && entry.metric == metric;
        });
    return it == comparison.entries.end() ? nullptr : &*it;
}

CompareOptions no_common()
{
    CompareOptions options;
    options.require_common = false;
    return options;
}

} // namespace

TEST_CASE("compare: budgets gate without a baseline")
{
    const auto current = document({command("app", 0.010, 2e6)});
    SUBCASE("within every budget: passed")
    {
        const auto config = core::parse_config(R"([[budget]]
match = "app"
metric = "peak_rss"
max = "500MB"
)",
                                               "perfgate.toml");
        const auto comparison = compare({}, current, config, no_common());
        const auto* memory = find(comparison, "app", "peak_rss");
        REQUIRE(memory != nullptr);
        CHECK(memory->role == Role::informational);
        CHECK(memory->verdict == Verdict::new_benchmark);
        REQUIRE(memory->budgets.size() == 1);
        CHECK_FALSE(memory->budgets[0].breached);
        CHECK(comparison.gate.passed);
        CHECK(comparison.gate.exit_code == ExitCode::passed);
    }
    SUBCASE("a breach of an informational metric fails, with no baseline")
    {
        const auto config = core::parse_config(R"([[budget]]
match = "app"
metric = "peak_rss"
max = "1kB"
)",
                                               "perfgate.toml");
        const auto comparison = compare({}, current, config, no_common());
        const auto* memory = find(comparison, "app", "peak_rss");
        REQUIRE(memory != nullptr);
        CHECK(memory->over_budget());
        CHECK(memory->fails_gate());
        CHECK(comparison.totals.budget_breaches == 1);
        CHECK_FALSE(comparison.gate.passed);
        CHECK(comparison.gate.exit_code == ExitCode::gate_failed);
    }
    SUBCASE("a breach below fail_on is reported, not failed")
    {
        const auto config = core::parse_config(R"([[budget]]
match = "app"
metric = "peak_rss"
max = "1kB"
level = "warning"
)",
                                               "perfgate.toml");
        const auto comparison = compare({}, current, config, no_common());
        CHECK(comparison.totals.budget_breaches == 1);
        CHECK(comparison.gate.passed);
        auto options = no_common();
        options.fail_on = core::FailOn::warning;
        CHECK_FALSE(compare({}, current, config, options).gate.passed);
    }
    SUBCASE("a thin headroom is counted and never fails")
    {
        const auto config = core::parse_config(R"([[budget]]
match = "app"
metric = "peak_rss"
max = "2.1MB"
warn_headroom = "10%"
)",
                                               "perfgate.toml");
        const auto comparison = compare({}, current, config, no_common());
        CHECK(comparison.totals.thin_headroom == 1);
        CHECK(comparison.totals.budget_breaches == 0);
        CHECK(comparison.gate.passed);
        auto options = no_common();
        options.fail_on = core::FailOn::warning;
        CHECK(compare({}, current, config, options).gate.passed);
    }
}

TEST_CASE("compare: several budgets on one benchmark land on their metrics")
{
    const auto config = core::parse_config(R"([[benchmark]]
name = "app"
command = "app"
budget = "1s"

[[budget]]
match = "app"
statistic = "mean"
max = "100ms"

[[budget]]
match = "a*"
metric = "peak_rss"
max = "500MB"
min = "1MB"
)",
                                           "perfgate.toml");
    const auto comparison = compare({}, document({command("app", 0.2, 2e6)}), config, no_common());
    const auto* wall = find(comparison, "app", "wall");
    REQUIRE(wall != nullptr);
    REQUIRE(wall->budgets.size() == 2);
    CHECK(wall->budgets[0].statistic == "mean");
    CHECK(wall->budgets[0].breached);
    CHECK(wall->budgets[1].written == "1s");
    CHECK_FALSE(wall->budgets[1].breached);
    const auto* memory = find(comparison, "app", "peak_rss");
    REQUIRE(memory != nullptr);
    REQUIRE(memory->budgets.size() == 2);
    CHECK(memory->budgets[0].bound == Bound::ceiling);
    CHECK(memory->budgets[1].bound == Bound::floor);
    CHECK(comparison.totals.budget_breaches == 1);
    CHECK_FALSE(comparison.gate.passed);
}

TEST_CASE("compare: a budget on a metric the benchmark lacks is an error, not silence")
{
    const auto config = core::parse_config(
        "[[budget]]\nmatch = \"*\"\nmetric = \"items_per_second\"\nmin = \"50/s\"\n",
        "perfgate.toml");
    const Error error =
        error_of([&] { compare({}, document({command("app", 0.2, 2e6)}), config, no_common()); });
    CHECK(error.code() == ExitCode::usage);
    CHECK(std::string(error.what())
              .starts_with("perfgate.toml:1: the budget on 'items_per_second' cannot apply to "
                           "'app'"));
}

TEST_CASE("compare: a [[budget]] that matches nothing is a warning")
{
    const auto config =
        core::parse_config("[[budget]]\nmatch = \"nothing*\"\nmax = \"1s\"\n", "perfgate.toml");
    const auto comparison = compare({}, document({command("app", 0.2, 2e6)}), config, no_common());
    CHECK(std::find(comparison.warnings.begin(),
                    comparison.warnings.end(),
                    "perfgate.toml:1: [[budget]] matches no benchmark ('match' = 'nothing*')") !=
          comparison.warnings.end());
}

namespace {

core::BenchmarkResult cache(double ratio)
{
    core::BenchmarkResult result;
    result.id = "cache_bench/BM_Lookup";
    result.source = core::Source::google_benchmark;
    auto& metric = result.metric("cache_hit_ratio", "", core::Better::lower);
    for (int i = 0; i < 8; ++i) {
        metric.samples.push_back(ratio + 0.001 * i);
    }
    return result;
}

} // namespace

TEST_CASE("compare: a counter's direction comes from its name and [[policy]]")
{
    const auto baseline = document({cache(0.6)});
    const auto current = document({cache(0.4)});
    CompareOptions options;
    options.metric = "cache_hit_ratio";
    SUBCASE("a hit ratio falling from 0.6 to 0.4 is a regression")
    {
        const auto comparison = compare(baseline, current, core::Config{}, options);
        const auto* entry = find(comparison, "cache_bench/BM_Lookup", "cache_hit_ratio");
        REQUIRE(entry != nullptr);
        CHECK(entry->better == core::Better::higher);
        CHECK(entry->verdict == Verdict::regressed);
        CHECK(entry->level == core::Level::critical);
    }
    SUBCASE("[[policy]] overrides the name")
    {
        const auto config = core::parse_config(
            "[[policy]]\nmatch = \"cache_bench/*\"\nmetrics = [\"cache_hit_ratio\"]\nbetter = "
            "\"lower\"\n",
            "perfgate.toml");
        const auto comparison = compare(baseline, current, config, options);
        const auto* entry = find(comparison, "cache_bench/BM_Lookup", "cache_hit_ratio");
        REQUIRE(entry != nullptr);
        CHECK(entry->better == core::Better::lower);
        CHECK(entry->verdict == Verdict::improved);
    }
}

TEST_CASE("compare: relative requirements")
{
    SUBCASE("'at least 30% lower': 10% lower falls short")
    {
        const auto config = core::parse_config(
            "[[benchmark]]\nname = \"app\"\ncommand = \"app\"\nmetric = \"wall\"\nblocker = "
            "\"-30%\"\n",
            "perfgate.toml");
        const auto comparison = compare(document({command("app", 1.0, 1)}),
                                        document({command("app", 0.9, 1)}),
                                        config,
                                        CompareOptions{});
        const auto* entry = find(comparison, "app", "wall");
        REQUIRE(entry != nullptr);
        CHECK(entry->verdict == Verdict::regressed);
        CHECK(entry->level == core::Level::blocker);
        CHECK(entry->fails_gate());
        REQUIRE_FALSE(entry->notes.empty());
        CHECK(entry->notes.back() ==
              "required a change of at most -30.0% (blocker), measured -10.0%");
    }
    SUBCASE("'at least 30% lower': 50% lower meets it")
    {
        const auto config = core::parse_config(
            "[[benchmark]]\nname = \"app\"\ncommand = \"app\"\nmetric = \"wall\"\nblocker = "
            "\"-30%\"\n",
            "perfgate.toml");
        const auto comparison = compare(document({command("app", 1.0, 1)}),
                                        document({command("app", 0.5, 1)}),
                                        config,
                                        CompareOptions{});
        const auto* entry = find(comparison, "app", "wall");
        REQUIRE(entry != nullptr);
        CHECK(entry->verdict == Verdict::improved);
        CHECK(comparison.gate.passed);
    }
}

TEST_SUITE_END();
