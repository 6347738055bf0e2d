#pragma once

#include <baselines/comparison.hpp>

#include <optional>
#include <string>
#include <vector>

namespace perfgate::reporters {

// The texts every report shows for a comparison, so that they all say the same.

// Return the entries in reading order: what fails the gate (by level), other regressions,
// failures, budget breaches, inconclusive, small slowdowns, improvements, small speedups, new,
// missing, skipped, unchanged last (stable within each group).
std::vector<const baselines::MetricComparison*>
attention_order(const std::vector<baselines::MetricComparison>& entries);

// Return the verdict for people: "regressed (blocker)", "small slowdown", "inconclusive (±12%)",
// "unchanged", "new", ….
std::string verdict_text(const baselines::MetricComparison& entry);

// Return the metric with its role: "cpu_time", "real_time (guard)", "peak_rss (not gated)".
std::string metric_text(const baselines::MetricComparison& entry);

// Return the baseline's or the current run's compared value, formatted in the entry's unit: the
// median of the compared values (launches, runs), else of every sample; "-" without one.
std::string baseline_text(const baselines::MetricComparison& entry);
std::string current_text(const baselines::MetricComparison& entry);

// Return "[+1.0%, +3.0%]" for the entry's interval, or "-".
std::string interval_text(const baselines::MetricComparison& entry);

// Return one budget of `entry` as "p95 12.0 ms > 10ms: BREACHED (blocker)", "p95 8.0 ms ≤ 10ms:
// 20% headroom" or "… ≤ …: only 5% headroom (warns below 10%)"; a floor with < and ≥. The limit
// is shown as it was written.
std::string budget_text(const baselines::MetricComparison& entry,
                        const baselines::BudgetCheck& budget);

// Return every budget of `entry`, joined by "; ", or "".
std::string budget_text(const baselines::MetricComparison& entry);

// Return one line per budget of every entry, in attention order: "'id' metric: <budget> (where
// it is set)".
std::vector<std::string> budget_lines(const baselines::Comparison& comparison);

// Return what a run without a baseline shows of its budgets: one "budget: " line per budget and
// the gate line; "" when no budget applies.
std::string render_budgets(const baselines::Comparison& comparison);

// Return the current run's value of each statistic of `stats` (`--stats`) for `entry`,
// formatted in its unit, "-" without one.
std::vector<std::string> stat_values(const baselines::MetricComparison& entry,
                                     const std::vector<std::string>& stats);

// Return the counts line: "1 regressed (1 blocker), 3 unchanged, 1 improved, 2 new".
std::string counts_line(const baselines::Totals& totals);

// Return the one-line gate result, e.g. "gate: FAILED (fail-on blocker): 1 regression at or
// above blocker".
std::string gate_line(const baselines::Comparison& comparison);

// Return one line per metric, role and reason saying which benchmarks are judged on what and
// why: "cpu_time for 3 benchmarks: single-threaded: …".
std::vector<std::string> judged_metric_lines(const baselines::Comparison& comparison);

// Return "id metric: note" for every note of every entry.
std::vector<std::string> note_lines(const baselines::Comparison& comparison);

} // namespace perfgate::reporters
