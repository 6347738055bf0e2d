#pragma once

#include <baselines/policy.hpp>
#include <core/config.hpp>
#include <core/results.hpp>
#include <core/stats.hpp>
#include <util/error.hpp>

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace perfgate::baselines {

inline constexpr std::string_view k_comparison_schema = "perfgate-comparison/1";

// The verdict on one gated metric of one benchmark (design.md §6.4, §6.6).
enum class Verdict {
    regressed,    // significantly worse (with a level, or none below `warning`)
    improved,     // significantly better
    unchanged,    // not significant, or inside ±noise
    underpowered, // fewer than 4 samples on a side: shown, never silently passed
    new_benchmark,
    missing,
    failed // the current run could not measure it
};

std::string_view to_string(Verdict verdict);

// An absolute budget judged on the current run alone (design.md §6.5).
struct BudgetCheck
{
    double limit = 0;
    std::string statistic;
    double value = 0;
    double headroom = 0; // (limit - value) / limit: negative when breached
    bool breached = false;
};

// One benchmark and gated metric, compared.
struct MetricComparison
{
    std::string id;
    std::string metric;
    std::string unit;
    core::Better better = core::Better::lower;
    std::optional<core::Summary> baseline;
    std::optional<core::Summary> current;
    std::vector<double> baseline_samples; // the finite samples, for distribution plots
    std::vector<double> current_samples;
    std::optional<double> change;           // median(current)/median(baseline) - 1
    std::optional<core::Interval> interval; // 95% interval of `change`
    std::optional<double> p_value;          // two-sided Mann-Whitney U
    bool deterministic = false;             // no variation on either side: judged on size alone
    Verdict verdict = Verdict::unchanged;
    core::Level level = core::Level::none; // for regressions
    MetricPolicy policy;
    std::optional<BudgetCheck> budget;
    std::string message; // why it failed, for `failed`

    // The change oriented so that positive is worse for this metric's direction.
    std::optional<double> worsening() const;
};

// Counts of verdicts and regression levels.
struct Totals
{
    int regressed = 0;
    int warning = 0;
    int critical = 0;
    int blocker = 0;
    int improved = 0;
    int unchanged = 0;
    int underpowered = 0;
    int new_benchmarks = 0;
    int missing = 0;
    int failed = 0;
    int budget_breaches = 0;
};

// The gate's decision (design.md §6.7).
struct GateResult
{
    bool passed = true;
    core::FailOn fail_on = core::FailOn::blocker;
    int failures = 0;                      // entries at or above fail_on
    ExitCode exit_code = ExitCode::passed; // 0, 1, or 3 when the current run is broken
};

// One side of a comparison.
struct Side
{
    std::string label; // baseline name or file, "current" or a file
    std::string created;
    core::Environment environment;
};

// The single model every reporter renders (design.md §4.3).
struct Comparison
{
    Side baseline;
    Side current;
    double alpha = 0.05;
    double noise = 0.01;
    std::vector<MetricComparison> entries; // in the current run's order, missing ones last
    Totals totals;
    std::optional<double> geomean_change; // geometric mean of the oriented ratios, minus 1
    std::vector<std::string> warnings;    // environment mismatches and context warnings
    GateResult gate;
};

// Settings a comparison takes from the command line.
struct CompareOptions
{
    std::string metric;                  // `--metric`, empty for the configured ones
    std::optional<core::FailOn> fail_on; // `--fail-on`, else `[gate].fail_on`
    bool strict_env = false;             // `--strict-env`: refuse a mismatched environment
    bool require_common = true;          // no benchmark in common is an error, else a warning
    std::string baseline_label = "baseline";
    std::string current_label = "current";
};

// Compare `current` with `baseline` under `config` (design.md §6). Throws Error(usage) when a
// metric's units differ, under `strict_env` on a mismatch, and when the two share no benchmark
// and `require_common` (else that is a warning and every benchmark is new).
Comparison compare(const core::ResultsDocument& baseline,
                   const core::ResultsDocument& current,
                   const core::Config& config,
                   const CompareOptions& options);

// Return `comparison` as the perfgate-comparison/1 JSON document.
nlohmann::ordered_json to_json(const Comparison& comparison);

// Read a perfgate-comparison/1 document back; a wrong schema or a mistyped field throws
// Error(usage) naming `origin`.
Comparison comparison_from_json(const nlohmann::json& json, std::string_view origin);

} // namespace perfgate::baselines
