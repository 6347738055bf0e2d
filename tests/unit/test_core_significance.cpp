#include <core/significance.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <limits>
#include <random>
#include <vector>

TEST_SUITE_BEGIN("core_significance");

using namespace perfgate::core;
using doctest::Approx;

namespace {

// Two sample sets and what SciPy (the test) and NumPy (the interval) say about them.
struct SignificanceReference
{
    const char* name;
    std::vector<double> baseline;
    std::vector<double> current;
    double u;
    double p_value;
    bool exact;
    double ratio_low;
    double ratio_high;
};

const std::vector<SignificanceReference>& references()
{
    static const std::vector<SignificanceReference> k_references{
#include "significance_reference.inc"
    };
    return k_references;
}

constexpr double k_epsilon = 1e-12;

// Return `n` timings of `median` with log-normal noise of `spread`.
std::vector<double> timings(std::mt19937_64& engine, std::size_t n, double median, double spread)
{
    std::normal_distribution<double> noise(0, spread);
    std::vector<double> samples(n);
    for (double& sample : samples) {
        sample = median * std::exp(noise(engine));
    }
    return samples;
}

} // namespace

TEST_CASE("mann_whitney_u matches SciPy")
{
    REQUIRE(references().size() >= 15);
    for (const SignificanceReference& reference : references()) {
        SUBCASE(reference.name)
        {
            const MannWhitney result = mann_whitney_u(reference.baseline, reference.current);
            CHECK(result.u == Approx(reference.u).epsilon(k_epsilon));
            // Relative, as p-values of clear changes are small.
            CHECK(result.p_value == Approx(reference.p_value).epsilon(k_epsilon).scale(0));
            CHECK(result.exact == reference.exact);
        }
    }
}

TEST_CASE("mann_whitney_u does not depend on which side comes first")
{
    for (const SignificanceReference& reference : references()) {
        SUBCASE(reference.name)
        {
            const MannWhitney forward = mann_whitney_u(reference.baseline, reference.current);
            const MannWhitney backward = mann_whitney_u(reference.current, reference.baseline);
            const auto pairs =
                static_cast<double>(reference.baseline.size() * reference.current.size());
            CHECK(backward.u == Approx(pairs - forward.u));
            CHECK(backward.p_value == Approx(forward.p_value).epsilon(k_epsilon).scale(0));
            CHECK(backward.exact == forward.exact);
        }
    }
}

TEST_CASE("mann_whitney_u of an empty side has p = 1")
{
    const std::vector<double> samples{1, 2, 3};
    CHECK(mann_whitney_u(samples, {}).p_value == 1);
    CHECK(mann_whitney_u({}, samples).p_value == 1);
    CHECK(mann_whitney_u({}, {}).p_value == 1);
}

TEST_CASE("mann_whitney_u skips NaN samples")
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const std::vector<double> a{1, nan, 2, 3};
    const std::vector<double> b{4, 5, nan, 6, 7};
    const MannWhitney result = mann_whitney_u(a, b);
    CHECK(result.u == 0);
    CHECK(result.exact);
    // Exact: 2 / C(7, 3).
    CHECK(result.p_value == Approx(2.0 / 35).epsilon(k_epsilon));
}

TEST_CASE("mann_whitney_u exact distribution for larger samples")
{
    // Separated samples of 8 and 40: p = 2 / C(48, 8), far below what a float could hold apart.
    std::vector<double> a(8);
    std::vector<double> b(40);
    for (std::size_t i = 0; i < a.size(); ++i) {
        a[i] = static_cast<double>(i);
    }
    for (std::size_t i = 0; i < b.size(); ++i) {
        b[i] = 100 + static_cast<double>(i);
    }
    const MannWhitney result = mann_whitney_u(a, b);
    CHECK(result.exact);
    CHECK(result.u == 0);
    CHECK(result.p_value == Approx(2.0 / 377348994.0).epsilon(k_epsilon).scale(0));
}

TEST_CASE("ratio_interval matches an independent NumPy implementation")
{
    for (const SignificanceReference& reference : references()) {
        SUBCASE(reference.name)
        {
            const auto interval = ratio_interval(reference.baseline, reference.current);
            REQUIRE(interval.has_value());
            CHECK(interval->low == Approx(reference.ratio_low).epsilon(k_epsilon));
            CHECK(interval->high == Approx(reference.ratio_high).epsilon(k_epsilon));
            CHECK(interval->low <= interval->high);
        }
    }
}

TEST_CASE("ratio_interval contains the true change")
{
    std::mt19937_64 engine(20261123);
    SUBCASE("a 20% slowdown")
    {
        const std::vector<double> baseline = timings(engine, 30, 1000, 0.01);
        const std::vector<double> current = timings(engine, 30, 1200, 0.01);
        const auto interval = ratio_interval(baseline, current);
        REQUIRE(interval.has_value());
        CHECK(interval->low < 0.2);
        CHECK(interval->high > 0.2);
        CHECK(interval->high - interval->low < 0.02);
    }
    SUBCASE("identical inputs")
    {
        const std::vector<double> samples = timings(engine, 30, 1000, 0.05);
        const auto interval = ratio_interval(samples, samples);
        REQUIRE(interval.has_value());
        CHECK(interval->low < 0);
        CHECK(interval->high > 0);
    }
    SUBCASE("a wider interval for a higher confidence")
    {
        const std::vector<double> baseline = timings(engine, 12, 1000, 0.05);
        const std::vector<double> current = timings(engine, 12, 1000, 0.05);
        const auto ci90 = ratio_interval(baseline, current, 0.90);
        const auto ci99 = ratio_interval(baseline, current, 0.99);
        REQUIRE(ci90.has_value());
        REQUIRE(ci99.has_value());
        CHECK(ci99->low < ci90->low);
        CHECK(ci99->high > ci90->high);
    }
}

TEST_CASE("ratio_interval spans every ratio when samples are too few")
{
    // P(U = 0) = 1 / C(6, 3) = 5% > 2.5%: no pair of order statistics has 95% coverage.
    const std::vector<double> baseline{100, 110, 120};
    const std::vector<double> current{105, 200, 400};
    const auto interval = ratio_interval(baseline, current);
    REQUIRE(interval.has_value());
    CHECK(interval->low == Approx(105.0 / 120 - 1));
    CHECK(interval->high == Approx(400.0 / 100 - 1));
}

TEST_CASE("ratio_interval requires positive finite samples on both sides")
{
    const std::vector<double> good{1, 2, 3};
    CHECK_FALSE(ratio_interval({}, good).has_value());
    CHECK_FALSE(ratio_interval(good, {}).has_value());
    CHECK_FALSE(ratio_interval(good, std::vector<double>{1, 0, 2}).has_value());
    CHECK_FALSE(ratio_interval(std::vector<double>{-1, 2}, good).has_value());
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double infinity = std::numeric_limits<double>::infinity();
    CHECK_FALSE(ratio_interval(good, std::vector<double>{1, nan}).has_value());
    CHECK_FALSE(ratio_interval(std::vector<double>{infinity, 2}, good).has_value());
}

TEST_CASE("mann_whitney_u and ratio_interval rarely report a regression in simulated A/A runs")
{
    std::mt19937_64 engine(1);
    constexpr int k_runs = 1000;
    int false_regressions = 0;
    int critical = 0;
    for (int run = 0; run < k_runs; ++run) {
        const std::vector<double> baseline = timings(engine, 10, 100, 0.05);
        const std::vector<double> current = timings(engine, 10, 100, 0.05);
        const double change = median(current) / median(baseline) - 1;
        const MannWhitney test = mann_whitney_u(baseline, current);
        REQUIRE(ratio_interval(baseline, current).has_value());
        if (test.p_value < 0.05 && change > 0) {
            ++false_regressions;
            critical += change >= 0.30 ? 1 : 0;
        }
    }
    const double rate = static_cast<double>(false_regressions) / k_runs;
    std::printf("A/A: %d of %d false regressions (%.1f%%), %d critical\n",
                false_regressions,
                k_runs,
                100 * rate,
                critical);
    MESSAGE("A/A false regression rate: ", rate, " (", false_regressions, " of ", k_runs, ")");
    CHECK(rate <= 0.05);
    CHECK(critical == 0);
}

TEST_CASE("mann_whitney_u and ratio_interval detect simulated 20% slowdowns")
{
    std::mt19937_64 engine(2);
    constexpr int k_runs = 1000;
    int detected = 0;
    int interval_excludes_zero = 0;
    for (int run = 0; run < k_runs; ++run) {
        const std::vector<double> baseline = timings(engine, 10, 100, 0.05);
        const std::vector<double> current = timings(engine, 10, 120, 0.05);
        const double change = median(current) / median(baseline) - 1;
        detected += mann_whitney_u(baseline, current).p_value < 0.05 && change > 0 ? 1 : 0;
        const auto interval = ratio_interval(baseline, current);
        REQUIRE(interval.has_value());
        interval_excludes_zero += interval->low > 0 ? 1 : 0;
    }
    const double rate = static_cast<double>(detected) / k_runs;
    std::printf("A/B +20%%: %d of %d detected (%.1f%%), interval above 0 in %d\n",
                detected,
                k_runs,
                100 * rate,
                interval_excludes_zero);
    MESSAGE("A/B detection rate: ", rate, " (", detected, " of ", k_runs, ")");
    CHECK(rate >= 0.95);
    CHECK(interval_excludes_zero >= 950);
}

namespace {

// Paired log ratios and what SciPy (the test) and NumPy (the interval) say about them.
struct PairedReference
{
    const char* name;
    std::vector<double> values;
    double p_value;
    bool exact;
    double low;
    double high;
    double estimate;
};

const std::vector<PairedReference>& paired_references()
{
    static const std::vector<PairedReference> k_references{
#include "paired_reference.inc"
    };
    return k_references;
}

} // namespace

TEST_CASE("wilcoxon_signed_rank matches SciPy")
{
    REQUIRE(paired_references().size() >= 10);
    for (const PairedReference& reference : paired_references()) {
        SUBCASE(reference.name)
        {
            const SignedRank result = wilcoxon_signed_rank(reference.values);
            CHECK(result.p_value == Approx(reference.p_value).epsilon(1e-9).scale(0));
            CHECK(result.exact == reference.exact);
        }
    }
}

TEST_CASE("signed_rank_interval inverts the exact test")
{
    for (const PairedReference& reference : paired_references()) {
        if (!reference.exact) {
            continue;
        }
        SUBCASE(reference.name)
        {
            const auto location = signed_rank_interval(reference.values);
            REQUIRE(location.has_value());
            CHECK(location->interval.low == Approx(reference.low).epsilon(1e-12));
            CHECK(location->interval.high == Approx(reference.high).epsilon(1e-12));
            CHECK(location->estimate == Approx(reference.estimate).epsilon(1e-12));
        }
    }
}

TEST_CASE("signed-rank edge cases")
{
    SUBCASE("nothing to test")
    {
        CHECK(wilcoxon_signed_rank(std::vector<double>{}).p_value == 1.0);
        CHECK(wilcoxon_signed_rank(std::vector<double>{0.0, 0.0, 0.0}).p_value == 1.0);
        CHECK_FALSE(signed_rank_interval(std::vector<double>{}).has_value());
    }
    SUBCASE("a non-finite value has no interval")
    {
        const std::vector<double> values{0.1, std::numeric_limits<double>::infinity(), 0.2};
        CHECK_FALSE(signed_rank_interval(values).has_value());
    }
    SUBCASE("large samples use the normal approximation and cover the true shift")
    {
        std::mt19937_64 engine(7);
        std::normal_distribution<double> noise(0.05, 0.02);
        std::vector<double> values(200);
        for (double& value : values) {
            value = noise(engine);
        }
        const auto result = wilcoxon_signed_rank(values);
        CHECK_FALSE(result.exact);
        CHECK(result.p_value < 1e-6);
        const auto location = signed_rank_interval(values);
        REQUIRE(location.has_value());
        CHECK(location->interval.low < 0.05);
        CHECK(location->interval.high > 0.05);
        CHECK(location->interval.high - location->interval.low < 0.02);
    }
}

TEST_SUITE_END();
