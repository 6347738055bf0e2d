#include <baselines/judge.hpp>

#include "test_support.hpp"
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

TEST_SUITE_BEGIN("baselines_judge");

using namespace perfgate;
using namespace perfgate::baselines;
using core::Better;
using core::Level;
using perfgate::test::seeded_samples;

namespace {

// The requirement "at least 1.5x faster", computed as --expect-speedup 1.5x computes it.
const double k_speedup = 1 / 1.5 - 1;

std::string name(Verdict verdict)
{
    return std::string(to_string(verdict));
}

std::string name(Level level)
{
    return std::string(core::to_string(level));
}

// Return `n` copies of `value`.
std::vector<double> constant(std::size_t n, double value)
{
    return std::vector<double>(n, value);
}

// Return log(1 + change) of `n` rounds, each with relative noise within ±`spread`.
std::vector<double> log_ratios(std::uint64_t seed, std::size_t n, double change, double spread)
{
    std::mt19937_64 engine(seed);
    auto ratios = seeded_samples(engine, n, 1 + change, spread);
    for (double& ratio : ratios) {
        ratio = std::log(ratio);
    }
    return ratios;
}

// One row of the verdict table: both sides' values, how they are judged and the outcome.
struct JudgeCase
{
    const char* name;
    std::vector<double> baseline;
    std::vector<double> current;
    JudgeSettings settings;
    Verdict verdict;
    Level level = Level::none;
};

JudgeSettings settings(Better better = Better::lower,
                       Evidence evidence = Evidence::point,
                       MetricPolicy policy = {})
{
    return JudgeSettings{0.05, 0.01, better, policy, evidence};
}

// Return a baseline of `n` values around 100 within ±`spread`, and a current side `change`
// away from it with the same spread (independent seeds).
std::pair<std::vector<double>, std::vector<double>>
sides(std::uint64_t seed, std::size_t n, double change, double spread)
{
    std::mt19937_64 engine(seed);
    auto baseline = seeded_samples(engine, n, 100, spread);
    auto current = seeded_samples(engine, n, 100 * (1 + change), spread);
    return {baseline, current};
}

JudgeCase row(const char* name,
              std::uint64_t seed,
              std::size_t n,
              double change,
              double spread,
              Verdict verdict,
              Level level = Level::none,
              JudgeSettings judge_settings = settings())
{
    auto [baseline, current] = sides(seed, n, change, spread);
    return {name, baseline, current, judge_settings, verdict, level};
}

} // namespace

TEST_CASE("judge: every verdict on independent values")
{
    const MetricPolicy requirement{k_speedup, k_speedup, k_speedup};
    const std::vector<JudgeCase> cases{
        row("1% noise, 20% slower: warning", 1, 10, 0.20, 0.01, Verdict::regressed, Level::warning),
        row("1% noise, 35% slower: critical",
            2,
            10,
            0.35,
            0.01,
            Verdict::regressed,
            Level::critical),
        row("1% noise, 60% slower: blocker", 3, 10, 0.60, 0.01, Verdict::regressed, Level::blocker),
        row("1% noise, 5% slower: a small slowdown", 4, 10, 0.05, 0.01, Verdict::slower),
        row("1% noise, 5% faster: a small speedup", 5, 10, -0.05, 0.01, Verdict::faster),
        row("1% noise, 30% faster: improved", 6, 10, -0.30, 0.01, Verdict::improved),
        row("0.1% noise, 0.4% slower: inside the noise band",
            7,
            30,
            0.004,
            0.001,
            Verdict::unchanged),
        row("throughput 20% lower: warning",
            9,
            10,
            -0.20,
            0.01,
            Verdict::regressed,
            Level::warning,
            settings(Better::higher)),
        row("throughput 30% higher: improved",
            10,
            10,
            0.30,
            0.01,
            Verdict::improved,
            Level::none,
            settings(Better::higher)),
        row("1.5x required, 2x faster: met",
            11,
            10,
            -0.50,
            0.01,
            Verdict::improved,
            Level::none,
            settings(Better::lower, Evidence::point, requirement)),
        row("1.5x required, 1.25x faster: not met",
            12,
            10,
            1 / 1.25 - 1,
            0.01,
            Verdict::regressed,
            Level::blocker,
            settings(Better::lower, Evidence::point, requirement)),
        row("1.5x required, as fast: not met",
            13,
            10,
            0.0,
            0.01,
            Verdict::regressed,
            Level::blocker,
            settings(Better::lower, Evidence::point, requirement)),
        row("1.5x more throughput required, 2x: met",
            14,
            10,
            1.0,
            0.01,
            Verdict::improved,
            Level::none,
            settings(Better::higher, Evidence::point, requirement)),
        row("1.5x more throughput required, 1.2x: not met",
            15,
            10,
            0.2,
            0.01,
            Verdict::regressed,
            Level::blocker,
            settings(Better::higher, Evidence::point, requirement)),
        {"deterministic, equal",
         constant(5, 100),
         constant(5, 100),
         settings(),
         Verdict::unchanged},
        {"deterministic, 0.5% more: inside the noise band",
         constant(5, 1000),
         constant(5, 1005),
         settings(),
         Verdict::unchanged},
        {"deterministic, 5% more: a small slowdown",
         constant(5, 100),
         constant(5, 105),
         settings(),
         Verdict::slower},
        {"deterministic, 20% more: warning",
         constant(5, 100),
         constant(5, 120),
         settings(),
         Verdict::regressed,
         Level::warning},
        {"deterministic, 35% more: critical",
         constant(5, 100),
         constant(5, 135),
         settings(),
         Verdict::regressed,
         Level::critical},
        {"deterministic, 5% less: a small speedup",
         constant(5, 100),
         constant(5, 95),
         settings(),
         Verdict::faster},
        {"deterministic, 40% less: improved",
         constant(5, 100),
         constant(5, 60),
         settings(),
         Verdict::improved},
        {"deterministic, 15% more: exactly at warning",
         constant(5, 100),
         constant(5, 115),
         settings(),
         Verdict::regressed,
         Level::warning},
        {"deterministic, 1.5x required, exactly 1.5x faster",
         constant(5, 150),
         constant(5, 100),
         settings(Better::lower, Evidence::point, requirement),
         Verdict::improved},
        {"deterministic, 1.5x required, 3x faster",
         constant(5, 300),
         constant(5, 100),
         settings(Better::lower, Evidence::point, requirement),
         Verdict::improved},
    };
    for (const auto& test : cases) {
        SUBCASE(test.name)
        {
            const auto judgement = judge(test.baseline, test.current, test.settings);
            CHECK(name(judgement.verdict) == name(test.verdict));
            CHECK(name(judgement.level) == name(test.level));
            const double expected_change =
                core::median(test.current) / core::median(test.baseline) - 1;
            REQUIRE(judgement.change);
            CHECK(*judgement.change == doctest::Approx(expected_change).epsilon(1e-12));
            REQUIRE(judgement.interval);
            CHECK(judgement.interval->low <= *judgement.change + 1e-12);
            CHECK(judgement.interval->high >= *judgement.change - 1e-12);
            const bool deterministic = std::string(test.name).starts_with("deterministic");
            CHECK(judgement.deterministic == deterministic);
            // Deterministic values skip the test: no p-value.
            CHECK(judgement.p_value.has_value() == !deterministic);
            CHECK_FALSE(judgement.resolution);
        }
    }
}

TEST_CASE("judge: a requirement that is not met says what was required and measured")
{
    const MetricPolicy requirement{k_speedup, k_speedup, k_speedup};
    const auto judgement = judge(
        constant(5, 100), constant(5, 80), settings(Better::lower, Evidence::point, requirement));
    CHECK(name(judgement.verdict) == "regressed");
    REQUIRE(judgement.notes.size() == 1);
    CHECK(judgement.notes[0] == "required a change of at most -33.3% (blocker), measured -20.0%");
}

TEST_CASE("judge: requirements at three levels, the one the change falls short of")
{
    // Improve by 30% for no level, by 20% to stay below critical, by 10% to stay below blocker.
    const MetricPolicy requirement{-0.30, -0.20, -0.10};
    const std::vector<std::pair<double, Level>> cases{{0.65, Level::none},
                                                      {0.75, Level::warning},
                                                      {0.85, Level::critical},
                                                      {0.95, Level::blocker}};
    for (const auto& entry : cases) {
        // Note: not a structured binding, which CAPTURE's lambda cannot capture under clang 14.
        const double factor = entry.first;
        const Level level = entry.second;
        CAPTURE(factor);
        const auto judgement = judge(constant(5, 100),
                                     constant(5, 100 * factor),
                                     settings(Better::lower, Evidence::point, requirement));
        CHECK(name(judgement.level) == name(level));
        CHECK(name(judgement.verdict) == (level == Level::none ? "improved" : "regressed"));
    }
}

TEST_CASE("judge: too few values are inconclusive with a note")
{
    std::mt19937_64 engine(20);
    const auto three = seeded_samples(engine, 3, 100, 0.01);
    const auto ten = seeded_samples(engine, 10, 200, 0.01);
    SUBCASE("too few in the baseline")
    {
        const auto judgement = judge(three, ten, settings());
        CHECK(name(judgement.verdict) == "inconclusive");
        REQUIRE(judgement.notes.size() == 1);
        CHECK(judgement.notes[0] ==
              "too few independent values (3 and 10): at least 4 on each side are needed");
        // Even a doubling is not judged, but its size is shown.
        REQUIRE(judgement.change);
        CHECK(*judgement.change == doctest::Approx(core::median(ten) / core::median(three) - 1));
        CHECK_FALSE(judgement.interval);
        CHECK_FALSE(judgement.p_value);
    }
    SUBCASE("too few in the current run")
    {
        const auto judgement = judge(ten, three, settings());
        CHECK(name(judgement.verdict) == "inconclusive");
        REQUIRE(judgement.notes.size() == 1);
        CHECK(judgement.notes[0].starts_with("too few independent values (10 and 3)"));
    }
    SUBCASE("none at all")
    {
        const auto judgement = judge({}, ten, settings());
        CHECK(name(judgement.verdict) == "inconclusive");
        CHECK_FALSE(judgement.change);
    }
    SUBCASE("four on each side are enough")
    {
        const auto judgement = judge(constant(4, 100), constant(4, 200), settings());
        CHECK(name(judgement.verdict) == "regressed");
    }
}

TEST_CASE("judge: an interval too wide to rule out warning is inconclusive with its resolution")
{
    const auto [baseline, current] = sides(30, 5, 0.0, 0.30);
    const auto judgement = judge(baseline, current, settings());
    REQUIRE(judgement.p_value);
    REQUIRE(*judgement.p_value >= 0.05);
    CHECK(name(judgement.verdict) == "inconclusive");
    REQUIRE(judgement.interval);
    REQUIRE(judgement.resolution);
    CHECK(*judgement.resolution ==
          doctest::Approx((judgement.interval->high - judgement.interval->low) / 2));
    CHECK(*judgement.resolution > 0.15);
    REQUIRE(judgement.notes.size() == 1);
    CHECK(judgement.notes[0].find("does not rule out a change of 15% (warning)") !=
          std::string::npos);
}

TEST_CASE("judge: no significant change, and an interval inside ±warning: unchanged")
{
    const auto [baseline, current] = sides(9, 20, 0.0, 0.02);
    const auto judgement = judge(baseline, current, settings());
    REQUIRE(judgement.p_value);
    REQUIRE(*judgement.p_value >= 0.05);
    REQUIRE(judgement.interval);
    REQUIRE((judgement.interval->low < -0.01 || judgement.interval->high > 0.01));
    CHECK(name(judgement.verdict) == "unchanged");
    CHECK_FALSE(judgement.resolution);
}

TEST_CASE("judge: a guard's level rests on the interval's lower bound")
{
    // 20% slower with 10% noise: the point estimate reaches warning, the lower bound does not.
    const auto [baseline, current] = sides(42, 8, 0.20, 0.10);
    const auto point = judge(baseline, current, settings(Better::lower, Evidence::point));
    const auto guard = judge(baseline, current, settings(Better::lower, Evidence::lower_bound));
    REQUIRE(point.interval);
    REQUIRE(*point.change >= 0.15);
    REQUIRE(point.interval->low > 0);
    REQUIRE(point.interval->low < 0.15);
    CHECK(name(point.verdict) == "regressed");
    CHECK(name(point.level) == "warning");
    // Note: the point estimate reaches warning, the lower bound does not: not proven.
    CHECK(name(guard.verdict) == "inconclusive");
    CHECK(name(guard.level) == "none");
    REQUIRE_FALSE(guard.notes.empty());
    CHECK(guard.notes.front().find("a guard needs its interval's lower bound") !=
          std::string::npos);

    // 80% slower with 1% noise: even the lower bound is past blocker.
    const auto [base_far, current_far] = sides(43, 8, 0.80, 0.01);
    const auto far = judge(base_far, current_far, settings(Better::lower, Evidence::lower_bound));
    CHECK(name(far.verdict) == "regressed");
    CHECK(name(far.level) == "blocker");

    // A guard on a higher-is-better rate: the lower bound of the worsening.
    const auto [rate_base, rate_now] = sides(45, 8, -0.20, 0.10);
    const auto rate = judge(rate_base, rate_now, settings(Better::higher, Evidence::lower_bound));
    const auto rate_point = judge(rate_base, rate_now, settings(Better::higher, Evidence::point));
    REQUIRE(rate_point.interval);
    REQUIRE(-rate_point.interval->high < 0.15);
    CHECK(name(rate_point.level) == "warning");
    CHECK(name(rate.verdict) == "inconclusive");
}

TEST_CASE("judge: a rise from zero")
{
    std::mt19937_64 engine(50);
    const auto positive = seeded_samples(engine, 8, 5, 0.5);
    SUBCASE("an exact rise is a regression of unbounded size")
    {
        const auto judgement = judge(constant(5, 0), constant(5, 5), settings());
        CHECK(name(judgement.verdict) == "regressed");
        CHECK(name(judgement.level) == "blocker");
        CHECK_FALSE(judgement.change);
        REQUIRE(judgement.notes.size() == 1);
        CHECK(judgement.notes[0] == "rose from 0 to 5");
    }
    SUBCASE("a significant rise")
    {
        const auto judgement = judge(constant(8, 0), positive, settings());
        CHECK(name(judgement.verdict) == "regressed");
        CHECK(name(judgement.level) == "blocker");
        REQUIRE(judgement.p_value);
        CHECK(*judgement.p_value < 0.05);
    }
    SUBCASE("a rise of a higher-is-better counter is an improvement")
    {
        const auto judgement = judge(constant(5, 0), constant(5, 5), settings(Better::higher));
        CHECK(name(judgement.verdict) == "improved");
        CHECK(name(judgement.level) == "none");
    }
    SUBCASE("a fall below zero is an improvement")
    {
        const auto judgement = judge(constant(5, 0), constant(5, -5), settings());
        CHECK(name(judgement.verdict) == "improved");
    }
    SUBCASE("zero stays zero")
    {
        const auto judgement = judge(constant(5, 0), constant(5, 0), settings());
        CHECK(name(judgement.verdict) == "unchanged");
        CHECK(judgement.deterministic);
    }
    SUBCASE("a rise that the test cannot tell from zero")
    {
        auto current = constant(4, 0);
        current.push_back(3);
        const auto judgement = judge(constant(5, 0), current, settings());
        CHECK(name(judgement.verdict) == "unchanged");
    }
}

TEST_CASE("judge: counters that cross zero are judged on the shift")
{
    std::mt19937_64 engine(60);
    auto baseline = seeded_samples(engine, 10, 100, 0.01);
    baseline[0] = -1; // no ratio interval: a value is not positive
    const auto current = seeded_samples(engine, 10, 140, 0.01);
    const auto judgement = judge(baseline, current, settings());
    REQUIRE(judgement.interval);
    CHECK(judgement.interval->low > 0.30);
    CHECK(judgement.interval->high < 0.50);
    CHECK(name(judgement.verdict) == "regressed");
    CHECK(name(judgement.level) == "critical");
}

TEST_CASE("judge: values spanning more than 10x are flagged as unstable")
{
    auto baseline = constant(5, 1);
    baseline.push_back(20);
    const auto judgement = judge(baseline, baseline, settings());
    REQUIRE_FALSE(judgement.notes.empty());
    CHECK(judgement.notes[0] == "unstable: the baseline values span 20x");
}

TEST_CASE("judge_paired: every verdict on paired rounds")
{
    struct PairedCase
    {
        const char* name;
        std::vector<double> log_ratios;
        JudgeSettings settings;
        Verdict verdict;
        Level level = Level::none;
    };
    const MetricPolicy requirement{k_speedup, k_speedup, k_speedup};
    const std::vector<PairedCase> cases{
        {"20% slower",
         log_ratios(1, 10, 0.20, 0.03),
         settings(),
         Verdict::regressed,
         Level::warning},
        {"35% slower",
         log_ratios(2, 10, 0.35, 0.03),
         settings(),
         Verdict::regressed,
         Level::critical},
        {"70% slower",
         log_ratios(3, 10, 0.70, 0.03),
         settings(),
         Verdict::regressed,
         Level::blocker},
        {"5% slower", log_ratios(4, 12, 0.05, 0.01), settings(), Verdict::slower},
        {"5% faster", log_ratios(5, 12, -0.05, 0.01), settings(), Verdict::faster},
        {"25% faster", log_ratios(6, 12, -0.25, 0.01), settings(), Verdict::improved},
        {"0.3% slower, inside the noise band",
         log_ratios(7, 30, 0.003, 0.001),
         settings(),
         Verdict::unchanged},
        {"unchanged with 3% noise", log_ratios(8, 20, 0.0, 0.03), settings(), Verdict::unchanged},
        {"throughput 20% lower",
         log_ratios(9, 10, -0.20, 0.02),
         settings(Better::higher),
         Verdict::regressed,
         Level::warning},
        {"throughput 30% higher",
         log_ratios(10, 10, 0.30, 0.02),
         settings(Better::higher),
         Verdict::improved},
        {"1.5x required, 2x faster",
         log_ratios(11, 10, -0.50, 0.02),
         settings(Better::lower, Evidence::point, requirement),
         Verdict::improved},
        {"1.5x required, as fast",
         log_ratios(12, 10, 0.0, 0.02),
         settings(Better::lower, Evidence::point, requirement),
         Verdict::regressed,
         Level::blocker},
        {"deterministic, no change", constant(8, 0.0), settings(), Verdict::unchanged},
        {"deterministic, 20% slower",
         constant(8, std::log(1.2)),
         settings(),
         Verdict::regressed,
         Level::warning},
        {"deterministic, 5% faster", constant(8, std::log(0.95)), settings(), Verdict::faster},
    };
    for (const auto& test : cases) {
        SUBCASE(test.name)
        {
            const auto judgement = judge_paired(test.log_ratios, test.settings);
            CHECK(name(judgement.verdict) == name(test.verdict));
            CHECK(name(judgement.level) == name(test.level));
            REQUIRE(judgement.change);
            REQUIRE(judgement.interval);
            CHECK(judgement.interval->low <= *judgement.change + 1e-12);
            CHECK(judgement.interval->high >= *judgement.change - 1e-12);
            const bool deterministic = std::string(test.name).starts_with("deterministic");
            CHECK(judgement.deterministic == deterministic);
            CHECK(judgement.p_value.has_value() == !deterministic);
            if (deterministic) {
                CHECK(*judgement.change == doctest::Approx(std::expm1(test.log_ratios[0])));
            }
        }
    }
}

TEST_CASE("judge_paired: too few rounds, a wide interval and a guard")
{
    SUBCASE("five rounds are too few, even for a doubling")
    {
        const auto judgement = judge_paired(log_ratios(20, 5, 1.0, 0.01), settings());
        CHECK(name(judgement.verdict) == "inconclusive");
        REQUIRE(judgement.change);
        CHECK(*judgement.change > 0.9);
        REQUIRE(judgement.notes.size() == 1);
        CHECK(judgement.notes[0] == "too few paired rounds (5): at least 6 are needed");
    }
    SUBCASE("no rounds")
    {
        const auto judgement = judge_paired({}, settings());
        CHECK(name(judgement.verdict) == "inconclusive");
        CHECK_FALSE(judgement.change);
    }
    SUBCASE("six rounds are enough")
    {
        const auto judgement = judge_paired(log_ratios(21, 6, 1.0, 0.01), settings());
        CHECK(name(judgement.verdict) == "regressed");
        CHECK(name(judgement.level) == "blocker");
    }
    SUBCASE("30% noise over 8 rounds cannot rule out 15%")
    {
        const auto ratios = log_ratios(22, 8, 0.0, 0.30);
        const auto judgement = judge_paired(ratios, settings());
        REQUIRE(judgement.p_value);
        REQUIRE(*judgement.p_value >= 0.05);
        CHECK(name(judgement.verdict) == "inconclusive");
        REQUIRE(judgement.interval);
        REQUIRE(judgement.resolution);
        CHECK(*judgement.resolution ==
              doctest::Approx((judgement.interval->high - judgement.interval->low) / 2));
    }
    SUBCASE("a guard: the lower bound decides the level")
    {
        const auto ratios = log_ratios(22, 8, 0.20, 0.12);
        const auto point = judge_paired(ratios, settings(Better::lower, Evidence::point));
        const auto guard = judge_paired(ratios, settings(Better::lower, Evidence::lower_bound));
        REQUIRE(point.interval);
        REQUIRE(*point.change >= 0.15);
        REQUIRE(point.interval->low > 0);
        REQUIRE(point.interval->low < 0.15);
        CHECK(name(point.level) == "warning");
        CHECK(name(guard.verdict) == "inconclusive");
    }
}

TEST_CASE("reduce: one value per launch, its least disturbed repetition")
{
    core::Metric metric;
    metric.samples = {12, 10, 11, 22, 20, 21, 32, 30, 31};
    metric.launches = {0, 0, 0, 1, 1, 1, 2, 2, 2};
    SUBCASE("times: the minimum")
    {
        metric.name = "real_time";
        metric.unit = "ns";
        const auto reduced = reduce(metric);
        CHECK(reduced.basis == Basis::launches);
        CHECK(reduced.values == std::vector<double>{10, 20, 30});
        CHECK(reduced.launches == std::vector<std::uint32_t>{0, 1, 2});
    }
    SUBCASE("rates: the maximum")
    {
        metric.name = "items_per_second";
        metric.unit = "1/s";
        metric.better = Better::higher;
        CHECK(reduce(metric).values == std::vector<double>{12, 22, 32});
    }
    SUBCASE("other counters: the median")
    {
        metric.name = "peak_rss";
        metric.unit = "B";
        CHECK(reduce(metric).values == std::vector<double>{11, 21, 31});
    }
    SUBCASE("a higher-is-better counter that is not a rate: the median")
    {
        metric.name = "hit_ratio";
        metric.unit = "";
        metric.better = Better::higher;
        CHECK(reduce(metric).values == std::vector<double>{11, 21, 31});
    }
    SUBCASE("launches in any order, a NaN repetition skipped")
    {
        metric.name = "real_time";
        metric.unit = "ns";
        metric.samples = {22, 12, std::nan(""), 10, 20};
        metric.launches = {1, 0, 0, 0, 1};
        const auto reduced = reduce(metric);
        CHECK(reduced.values == std::vector<double>{10, 20});
        CHECK(reduced.launches == std::vector<std::uint32_t>{0, 1});
    }
    SUBCASE("a launch whose every value is NaN gives no value")
    {
        metric.name = "real_time";
        metric.unit = "ns";
        const double nan = std::numeric_limits<double>::quiet_NaN();
        metric.samples = {10, nan, 30};
        metric.launches = {0, 1, 2};
        const auto reduced = reduce(metric);
        CHECK(reduced.values == std::vector<double>{10, 30});
        CHECK(reduced.launches == std::vector<std::uint32_t>{0, 2});
    }
}

TEST_CASE("reduce: repetitions of one launch, and runs")
{
    core::Metric metric;
    metric.name = "real_time";
    metric.unit = "ns";
    metric.samples = {12, 10, std::nan(""), 11};
    SUBCASE("one launch: its repetitions, not independent")
    {
        metric.launches = {3, 3, 3, 3};
        const auto reduced = reduce(metric);
        CHECK(reduced.basis == Basis::repetitions);
        CHECK(reduced.values == std::vector<double>{12, 10, 11});
        CHECK(reduced.launches.empty());
    }
    SUBCASE("no launch indices: runs of a command")
    {
        const auto reduced = reduce(metric);
        CHECK(reduced.basis == Basis::runs);
        CHECK(reduced.values == std::vector<double>{12, 10, 11});
    }
}

TEST_CASE("judge: a regression's interval must clear the noise band")
{
    // Fully separated (p = 0.008) and +6.1% at the medians, but one current value sits just
    // above the baseline: the interval's lower bound (+0.6%) is inside the 1% noise band.
    const std::vector<double> baseline{100, 100.2, 100.4, 100.6, 100.8};
    const std::vector<double> current{101, 106, 106.5, 107, 107.5};
    JudgeSettings loose;
    loose.policy = MetricPolicy{0.05, 0.10, 0.20};
    const auto judgement = judge(baseline, current, loose);
    REQUIRE(judgement.p_value);
    REQUIRE(*judgement.p_value < 0.05);
    REQUIRE(judgement.interval);
    REQUIRE(judgement.interval->low > 0);
    REQUIRE(judgement.interval->low < 0.01);
    REQUIRE(*judgement.change >= 0.05);
    CHECK(name(judgement.verdict) == "inconclusive");
    REQUIRE_FALSE(judgement.notes.empty());
    CHECK(judgement.notes.back().find(
              "a regression needs its interval's lower bound to reach 1%") != std::string::npos);

    // The same change with the outlier gone: a regression at warning.
    const std::vector<double> clear{105.5, 106, 106.5, 107, 107.5};
    const auto regressed = judge(baseline, clear, loose);
    CHECK(name(regressed.verdict) == "regressed");
    CHECK(name(regressed.level) == "warning");
}

TEST_SUITE_END();
