#pragma once

#include <baselines/comparison.hpp>

#include <string>
#include <vector>

namespace perfgate::reporters {

// True when `entry` fails the gate at `fail_on`: a regression at or above it, or a budget breach
// (judged as a blocker), as baselines::compare counts them.
bool is_gated(const baselines::MetricComparison& entry, core::FailOn fail_on);

// Return the entries in reading order: regressions by level, failures, budget breaches,
// improvements, underpowered, new, missing, unchanged last (stable within each group).
std::vector<const baselines::MetricComparison*>
attention_order(const std::vector<baselines::MetricComparison>& entries);

// Return the verdict for people: "regressed (blocker)", "unchanged", "new", ….
std::string verdict_text(const baselines::MetricComparison& entry);

// Return a side's median formatted in the entry's unit, or "-".
std::string median_text(const baselines::MetricComparison& entry,
                        const std::optional<core::Summary>& side);

// Return "[+1.0%, +3.0%]" for the entry's interval, or "-".
std::string interval_text(const baselines::MetricComparison& entry);

// Return the budget as "p95 12.0 ms > 10.0 ms: BREACHED" or "… ≤ …: 20% headroom", or "".
std::string budget_text(const baselines::MetricComparison& entry);

} // namespace perfgate::reporters
