#pragma once

#include <core/config.hpp>
#include <core/results.hpp>

#include <optional>
#include <string>
#include <vector>

namespace perfgate::baselines {

// How one metric of one benchmark is judged: `[gate]`, overridden by its `[[benchmark]]`,
// overridden by the matching `[[policy]]` entries from least to most specific.
struct MetricPolicy
{
    double warning = 0.15;
    double critical = 0.30;
    double blocker = 0.50;
    std::optional<double> budget; // an absolute limit on `budget_statistic`, in the metric's unit
    std::string budget_statistic = "median";
};

// Return the metrics gated for `result`: `metric_override` (`--metric`) when the result has it;
// else the metrics named by matching `[[policy]]` entries; else its `[[benchmark]]` metric;
// else `[run].metric` for commands, `real_time` for Google Benchmark, `time` for criterion and
// pytest-benchmark (`median_time` for a file without raw data), every metric of a samples file.
std::vector<std::string> gated_metrics(const core::Config& config,
                                       const core::BenchmarkResult& result,
                                       const std::string& metric_override);

// Return the thresholds and budget for `metric` (in `unit`) of benchmark `id`.
MetricPolicy policy_for(const core::Config& config,
                        const std::string& id,
                        const std::string& metric,
                        const std::string& unit);

// Return the level that a relative worsening reaches under `policy`.
core::Level level_of(double worsening, const MetricPolicy& policy);

} // namespace perfgate::baselines
