#include <core/stats.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

TEST_SUITE_BEGIN("core_stats");

using namespace perfgate::core;
using doctest::Approx;

namespace {

// One sample set and what NumPy and SciPy say about it.
struct StatsReference
{
    const char* name;
    std::vector<double> samples;
    double mean;
    double median;
    double stddev;
    double min;
    double max;
    double p90;
    double p95;
    double p99;
    double mad;
    std::size_t outliers;
    double ci95_low;
    double ci95_high;
    double ci90_low;
    double ci90_high;
};

const std::vector<StatsReference>& references()
{
    static const std::vector<StatsReference> k_references{
#include "stats_reference.inc"
    };
    return k_references;
}

std::vector<double> sorted(std::vector<double> samples)
{
    std::sort(samples.begin(), samples.end());
    return samples;
}

} // namespace

TEST_CASE("summarize matches NumPy and SciPy")
{
    REQUIRE(references().size() >= 6);
    for (const StatsReference& reference : references()) {
        SUBCASE(reference.name)
        {
            const Summary summary = summarize(reference.samples);
            CHECK(summary.n == reference.samples.size());
            CHECK(summary.mean == Approx(reference.mean));
            CHECK(summary.median == Approx(reference.median));
            CHECK(summary.stddev == Approx(reference.stddev));
            CHECK(summary.min == reference.min);
            CHECK(summary.max == reference.max);
            CHECK(summary.p90 == Approx(reference.p90));
            CHECK(summary.p95 == Approx(reference.p95));
            CHECK(summary.p99 == Approx(reference.p99));
            CHECK(summary.mad == Approx(reference.mad));
            CHECK(summary.outliers == reference.outliers);
        }
    }
}

TEST_CASE("summarize of no samples is all zeros")
{
    const Summary summary = summarize({});
    CHECK(summary.n == 0);
    CHECK(summary.mean == 0);
    CHECK(summary.median == 0);
    CHECK(summary.stddev == 0);
    CHECK(summary.mad == 0);
    CHECK(summary.outliers == 0);
}

TEST_CASE("summarize ignores NaN samples")
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const Summary summary = summarize(std::vector<double>{nan, 3, 1, nan, 2});
    CHECK(summary.n == 3);
    CHECK(summary.mean == Approx(2));
    CHECK(summary.median == 2);
    CHECK(summary.min == 1);
    CHECK(summary.max == 3);
}

TEST_CASE("summarize does not depend on the order of samples")
{
    const std::vector<double> samples{5, 1, 4, 1, 9, 2, 6, 5, 3, 5, 100};
    std::vector<double> reversed(samples.rbegin(), samples.rend());
    const Summary forward = summarize(samples);
    const Summary backward = summarize(reversed);
    CHECK(forward.mean == Approx(backward.mean));
    CHECK(forward.median == backward.median);
    CHECK(forward.p90 == backward.p90);
    CHECK(forward.mad == backward.mad);
    CHECK(forward.outliers == backward.outliers);
}

TEST_CASE("quantile_sorted interpolates linearly (type 7)")
{
    for (const StatsReference& reference : references()) {
        SUBCASE(reference.name)
        {
            const std::vector<double> values = sorted(reference.samples);
            CHECK(quantile_sorted(values, 0.0) == reference.min);
            CHECK(quantile_sorted(values, 1.0) == reference.max);
            CHECK(quantile_sorted(values, 0.5) == Approx(reference.median));
            CHECK(quantile_sorted(values, 0.9) == Approx(reference.p90));
        }
    }
    SUBCASE("between two samples")
    {
        const std::vector<double> values{10, 20};
        CHECK(quantile_sorted(values, 0.25) == Approx(12.5));
        CHECK(quantile_sorted(values, 0.75) == Approx(17.5));
    }
}

TEST_CASE("median of unsorted samples")
{
    for (const StatsReference& reference : references()) {
        SUBCASE(reference.name)
        {
            CHECK(median(reference.samples) == Approx(reference.median));
        }
    }
}

TEST_CASE("median_interval_sorted bounds the median by order statistics")
{
    for (const StatsReference& reference : references()) {
        SUBCASE(reference.name)
        {
            const std::vector<double> values = sorted(reference.samples);
            const Interval ci95 = median_interval_sorted(values);
            CHECK(ci95.low == reference.ci95_low);
            CHECK(ci95.high == reference.ci95_high);
            const Interval ci90 = median_interval_sorted(values, 0.90);
            CHECK(ci90.low == reference.ci90_low);
            CHECK(ci90.high == reference.ci90_high);
            CHECK(ci95.low <= reference.median);
            CHECK(ci95.high >= reference.median);
        }
    }
    SUBCASE("ranks for n = 30")
    {
        std::vector<double> ranks(30);
        for (std::size_t i = 0; i < ranks.size(); ++i) {
            ranks[i] = static_cast<double>(i + 1);
        }
        // z = 1.959964: floor(15 - 5.37) = 9 and ceil(16 + 5.37) = 22.
        const Interval interval = median_interval_sorted(ranks);
        CHECK(interval.low == 9);
        CHECK(interval.high == 22);
    }
    SUBCASE("the whole range for very few samples")
    {
        const std::vector<double> values{1, 2, 3};
        const Interval interval = median_interval_sorted(values);
        CHECK(interval.low == 1);
        CHECK(interval.high == 3);
    }
}

TEST_CASE("statistic_of names every statistic a budget or a report column uses")
{
    const std::vector<double> samples{1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    const auto summary = summarize(samples);
    CHECK(statistic_of(summary, "mean") == doctest::Approx(5.5));
    CHECK(statistic_of(summary, "median") == doctest::Approx(5.5));
    CHECK(statistic_of(summary, "p50") == doctest::Approx(5.5));
    CHECK(statistic_of(summary, "p90") == doctest::Approx(summary.p90));
    CHECK(statistic_of(summary, "p95") == doctest::Approx(summary.p95));
    CHECK(statistic_of(summary, "p99") == doctest::Approx(summary.p99));
    CHECK(statistic_of(summary, "min") == 1);
    CHECK(statistic_of(summary, "max") == 10);
    CHECK_FALSE(statistic_of(summary, "p42").has_value());
    CHECK(k_statistic_names.size() == 8);
    for (const auto name : k_statistic_names) {
        CHECK(statistic_of(summary, name).has_value());
    }
}

TEST_SUITE_END();
