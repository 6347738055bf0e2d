#pragma once

#include <baselines/budget.hpp>
#include <baselines/judge.hpp>
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

// Why an entry fails the gate (gate.hpp decides it, every report says it).
enum class GateFailure {
    none,        // it does not fail the gate
    budget,      // a budget breach at or above fail_on (whatever the verdict)
    regression,  // a gated regression at or above fail_on
    inconclusive // a gated primary metric without a verdict, under [gate].inconclusive = "fail"
};

// One benchmark and judged metric, compared.
struct MetricComparison
{
    std::string id;
    std::string metric;
    std::string unit;
    core::Better better = core::Better::lower;
    Role role = Role::primary;
    std::string reason;                    // why this metric is judged, and gated or not
    Basis basis = Basis::runs;             // what the compared values are
    std::optional<core::Summary> baseline; // of every sample
    std::optional<core::Summary> current;
    std::vector<double> baseline_samples; // the finite samples, for distribution plots
    std::vector<double> current_samples;
    std::size_t baseline_values = 0; // independent values compared (launches, runs, ...)
    std::size_t current_values = 0;
    std::optional<double> baseline_center; // the median of the compared values
    std::optional<double> current_center;
    std::optional<double> change;           // current_center / baseline_center - 1
    std::optional<core::Interval> interval; // 95% interval of `change`
    std::optional<double> p_value;          // two-sided
    std::optional<double> resolution;       // inconclusive: the interval's half-width
    bool deterministic = false;             // no variation on either side: judged on size alone
    Verdict verdict = Verdict::unchanged;
    core::Level level = core::Level::none; // for regressions
    MetricPolicy policy;
    std::vector<BudgetCheck> budgets;        // on this metric, judged on the current run alone
    GateFailure failure = GateFailure::none; // decided by the gate (gate.hpp)
    std::string message;                     // why it failed or was skipped
    std::vector<std::string> notes;

    // True when this metric counts for the gate.
    bool gated() const { return role != Role::informational; }

    // True when this entry fails the gate, for whatever reason (`failure`).
    bool fails_gate() const { return failure != GateFailure::none; }

    // The change oriented so that positive is worse for this metric's direction.
    std::optional<double> worsening() const;

    // True when a budget on this metric is breached (at any level).
    bool over_budget() const;

    // True when a budget on this metric is within its limit, but closer than its
    // `warn_headroom`.
    bool thin_headroom() const;
};

// Counts of verdicts and regression levels over the gated entries (budget breaches: all).
struct Totals
{
    int regressed = 0;
    int warning = 0;
    int critical = 0;
    int blocker = 0;
    int slower = 0;
    int inconclusive = 0;
    int unchanged = 0;
    int faster = 0;
    int improved = 0;
    int new_benchmarks = 0;
    int missing = 0;
    int failed = 0;
    int skipped = 0;
    int budget_breaches = 0; // breached budgets
    int thin_headroom = 0;   // budgets closer to their limit than their `warn_headroom`
};

// The gate's decision (docs/statistics.md, "The gate").
struct GateResult
{
    bool passed = true;
    core::FailOn fail_on = core::FailOn::blocker;
    core::InconclusivePolicy inconclusive = core::InconclusivePolicy::warn;
    int failures = 0;                      // entries that fail the gate
    ExitCode exit_code = ExitCode::passed; // 0, 1, or 3 when the current run is broken
};

// One side of a comparison.
struct Side
{
    std::string label; // baseline name or file, "current" or a file
    std::string created;
    core::Environment environment;
};

// The single model every reporter renders (perfgate-comparison/1, docs/formats.md).
struct Comparison
{
    Side baseline;
    Side current;
    double alpha = 0.05;
    double noise = 0.01;
    double guard = 0.15;
    std::vector<MetricComparison> entries; // in the current run's order, missing ones last
    Totals totals;
    std::optional<double> geomean_change; // geometric mean of the primary metrics' ratios, - 1
    std::vector<std::string> warnings;    // environment mismatches, context warnings, ...
    GateResult gate;
    bool paired = false; // judged on interleaved rounds (`--against`, `--reference`)
    // Statistics of the current run that reports show as extra columns (`--stats`): how it is
    // shown, not what was decided, so not part of the JSON document.
    std::vector<std::string> stats;
};

// Settings a comparison takes from the command line.
struct CompareOptions
{
    std::string metric;                                 // `--metric`, empty for the configured ones
    std::string metric_reason = "chosen with --metric"; // why `metric` is judged
    std::optional<core::FailOn> fail_on;                // `--fail-on`, else `[gate].fail_on`
    bool strict_env = false;    // `--strict-env`: refuse a mismatched environment
    bool require_common = true; // no benchmark in common is an error, else a warning
    bool paired = false;        // the sides ran in interleaved rounds: launch i of each is a pair
    std::string baseline_label = "baseline";
    std::string current_label = "current";
};

// Say how the machines of two runs differ (host, CPU model or count), if they do; an empty
// environment (an imported file) differs from none. Under `--strict-env` a difference refuses
// the comparison, else it is a warning.
std::optional<std::string> environment_mismatch(const core::Environment& baseline,
                                                const core::Environment& current);

// Compare `current` with `baseline` under `config` (docs/statistics.md), check the budgets on
// the current run and apply the gate. Both sides' metrics take the meaning the configuration
// gives them (baselines/meaning.hpp) first. Throws Error(usage) when a metric's units differ,
// for a `--metric` no benchmark has, for a budget that cannot apply (budgets_for), under
// `strict_env` on a mismatch, and when the two share no benchmark and `require_common` (else
// that is a warning and every benchmark is new).
Comparison compare(const core::ResultsDocument& baseline,
                   const core::ResultsDocument& current,
                   const core::Config& config,
                   const CompareOptions& options);

// Return `comparison` as the perfgate-comparison/1 JSON document.
nlohmann::ordered_json to_json(const Comparison& comparison);

// Read a perfgate-comparison/1 document back, strictly: a wrong schema, a missing or mistyped
// field throws Error(usage) naming `origin` and the field. The gate is decided again from the
// entries, never read from the file.
Comparison comparison_from_json(const nlohmann::json& json, std::string_view origin);

} // namespace perfgate::baselines
