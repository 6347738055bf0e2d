#pragma once

#include <core/results.hpp>

#include <span>
#include <string>
#include <vector>

namespace perfgate::reporters {

// A sample whose modified z-score exceeds this is an outlier: ten standard deviations, the MAD
// scaled to a standard deviation as hyperfine does.
inline constexpr double k_outlier_threshold = 1.4826 * 10.0;

// Return the modified z-score of each of `samples`: its distance from the median in units of
// the (unscaled) median absolute deviation; a MAD of 0 counts as the smallest double step.
std::vector<double> modified_zscores(std::span<const double> samples);

// What the user already did against noisy runs, so that the advice does not repeat it.
struct NoiseMeasures
{
    bool warmup = false;  // warmup runs were made
    bool prepare = false; // a prepare command ran before every run
};

// Return hyperfine's warnings about the wall times of a command benchmark `result` (none for
// other results): a first run much slower than the rest (filesystem caches), else statistical
// outliers, with advice that takes `measures` into account.
std::vector<std::string> run_warnings(const core::BenchmarkResult& result,
                                      const NoiseMeasures& measures);

} // namespace perfgate::reporters
