#pragma once

#include <baselines/comparison.hpp>

namespace perfgate::baselines {

// True when a regression at `level` fails a gate that fails on `fail_on`.
bool reaches(core::Level level, core::FailOn fail_on);

// Say why `entry` fails the gate of `gate`, if it does: a budget breach whose level reaches
// `fail_on` (gated or not, with or without a baseline; it outranks the verdict), a gated
// regression at or above `fail_on`, or a gated primary verdict that is inconclusive when the
// policy says so. A thin headroom never fails.
GateFailure gate_failure(const MetricComparison& entry, const GateResult& gate);

// True when a breach of `budget` fails the gate of `gate`.
bool fails_gate(const BudgetCheck& budget, const GateResult& gate);

// Decide the gate once for every entry of `comparison` (its `gate.fail_on` and
// `gate.inconclusive` set): each entry's `failure` and each budget's `fails_gate`, the totals, the
// geometric mean and the gate result with the exit code it implies (a failed benchmark makes it 3:
// a broken run never passes and never looks like a regression).
void decide(Comparison& comparison);

// True when more rounds would not change what the comparison says of its gated primary metrics:
// none is inconclusive (a failed benchmark is decided).
bool decided(const Comparison& comparison);

// Return how many gated primary metrics are still inconclusive.
std::size_t undecided(const Comparison& comparison);

} // namespace perfgate::baselines
