#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

namespace perfgate::core {

// Descriptive statistics of one set of samples (docs/statistics.md).
struct Summary
{
    std::size_t n = 0;
    double mean = 0;
    double median = 0;
    double stddev = 0; // sample standard deviation (n - 1); 0 for fewer than 2 samples
    double min = 0;
    double max = 0;
    double p90 = 0;
    double p95 = 0;
    double p99 = 0;
    double mad = 0;           // median absolute deviation from the median, unscaled
    std::size_t outliers = 0; // outside Tukey's fences [Q1 - 1.5 IQR, Q3 + 1.5 IQR]
};

// Return the summary of `samples` (any order). NaN samples are skipped (`n` counts the rest);
// all fields are 0 when no sample remains.
Summary summarize(std::span<const double> samples);

// The statistics of a summary that a budget or a report column can name; "p50" is the median.
inline constexpr std::array<std::pair<std::string_view, double Summary::*>, 8> k_statistics{{
    {"mean", &Summary::mean},
    {"median", &Summary::median},
    {"p50", &Summary::median},
    {"p90", &Summary::p90},
    {"p95", &Summary::p95},
    {"p99", &Summary::p99},
    {"min", &Summary::min},
    {"max", &Summary::max},
}};

// The names of k_statistics, in order.
inline constexpr std::array<std::string_view, k_statistics.size()> k_statistic_names = [] {
    std::array<std::string_view, k_statistics.size()> names{};
    for (std::size_t i = 0; i < names.size(); ++i) {
        names[i] = k_statistics[i].first;
    }
    return names;
}();

// Return the statistic called `name` (one of k_statistic_names) of `summary`, or nullopt for
// another name.
std::optional<double> statistic_of(const Summary& summary, std::string_view name);

// Return the `q` quantile (0..1) of sorted samples, linearly interpolated (Hyndman-Fan type 7,
// the default of NumPy and R). Requires a non-empty input.
double quantile_sorted(std::span<const double> sorted, double q);

// Return the median of `samples` (any order). Requires a non-empty input.
double median(std::span<const double> samples);

// A closed interval.
struct Interval
{
    double low = 0;
    double high = 0;
};

// Return a distribution-free confidence interval for the median of sorted samples from order
// statistics (binomial, normal approximation); the whole range for very few samples.
Interval median_interval_sorted(std::span<const double> sorted, double confidence = 0.95);

// Return the `p` quantile (0 < p < 1) of the standard normal distribution.
double normal_quantile(double p);

} // namespace perfgate::core
