#include <baselines/gate.hpp>

#include <algorithm>
#include <cmath>

namespace perfgate::baselines {
namespace {

// Return the lowest level that fails a gate set to `fail_on`; nullopt for `never`.
std::optional<core::Level> failing_level(core::FailOn fail_on)
{
    switch (fail_on) {
    case core::FailOn::warning:
        return core::Level::warning;
    case core::FailOn::critical:
        return core::Level::critical;
    case core::FailOn::blocker:
        return core::Level::blocker;
    case core::FailOn::never:
        return std::nullopt;
    }
    return std::nullopt;
}

int rank(core::Level level)
{
    switch (level) {
    case core::Level::none:
        return 0;
    case core::Level::warning:
        return 1;
    case core::Level::critical:
        return 2;
    case core::Level::blocker:
        return 3;
    }
    return 0;
}

void count(Totals& totals, const MetricComparison& entry)
{
    for (const auto& budget : entry.budgets) {
        totals.budget_breaches += budget.breached;
        totals.thin_headroom += budget.thin;
    }
    if (!entry.gated()) {
        return;
    }
    switch (entry.verdict) {
    case Verdict::regressed:
        ++totals.regressed;
        totals.warning += entry.level == core::Level::warning;
        totals.critical += entry.level == core::Level::critical;
        totals.blocker += entry.level == core::Level::blocker;
        break;
    case Verdict::slower:
        ++totals.slower;
        break;
    case Verdict::inconclusive:
        ++totals.inconclusive;
        break;
    case Verdict::unchanged:
        ++totals.unchanged;
        break;
    case Verdict::faster:
        ++totals.faster;
        break;
    case Verdict::improved:
        ++totals.improved;
        break;
    case Verdict::new_benchmark:
        ++totals.new_benchmarks;
        break;
    case Verdict::missing:
        ++totals.missing;
        break;
    case Verdict::failed:
        ++totals.failed;
        break;
    case Verdict::skipped:
        ++totals.skipped;
        break;
    }
}

} // namespace

bool reaches(core::Level level, core::FailOn fail_on)
{
    const auto failing = failing_level(fail_on);
    return failing && level != core::Level::none && rank(level) >= rank(*failing);
}

bool fails_gate(const BudgetCheck& budget, const GateResult& gate)
{
    return budget.breached && reaches(budget.level, gate.fail_on);
}

GateFailure gate_failure(const MetricComparison& entry, const GateResult& gate)
{
    if (std::any_of(entry.budgets.begin(), entry.budgets.end(), [&](const BudgetCheck& budget) {
            return fails_gate(budget, gate);
        })) {
        return GateFailure::budget;
    }
    if (!entry.gated()) {
        return GateFailure::none;
    }
    if (entry.verdict == Verdict::regressed && reaches(entry.level, gate.fail_on)) {
        return GateFailure::regression;
    }
    // Note: a guard is inconclusive whenever load swamps wall time; only the primary metric's
    // lack of evidence can fail the gate.
    const bool unclear = entry.verdict == Verdict::inconclusive && entry.role == Role::primary &&
                         gate.inconclusive == core::InconclusivePolicy::fail &&
                         gate.fail_on != core::FailOn::never;
    return unclear ? GateFailure::inconclusive : GateFailure::none;
}

void decide(Comparison& comparison)
{
    auto& gate = comparison.gate;
    comparison.totals = {};
    gate.failures = 0;
    double log_sum = 0;
    int logs = 0;
    for (auto& entry : comparison.entries) {
        for (auto& budget : entry.budgets) {
            budget.fails_gate = fails_gate(budget, gate);
        }
        entry.failure = gate_failure(entry, gate);
        gate.failures += entry.fails_gate();
        count(comparison.totals, entry);
        // Note: the ratio is inverted for a higher-is-better metric (a doubled throughput
        // counts as a halved time), never negated: that would drop a doubling.
        if (entry.role == Role::primary && entry.change && *entry.change > -1.0 &&
            std::isfinite(*entry.change)) {
            const double log_ratio = std::log1p(*entry.change);
            log_sum += entry.better == core::Better::lower ? log_ratio : -log_ratio;
            ++logs;
        }
    }
    comparison.geomean_change =
        logs > 0 ? std::optional(std::exp(log_sum / logs) - 1.0) : std::nullopt;
    const bool broken =
        std::any_of(comparison.entries.begin(), comparison.entries.end(), [](const auto& entry) {
            return entry.verdict == Verdict::failed;
        });
    gate.passed = gate.failures == 0;
    gate.exit_code = broken        ? ExitCode::measurement
                     : gate.passed ? ExitCode::passed
                                   : ExitCode::gate_failed;
}

std::size_t undecided(const Comparison& comparison)
{
    return static_cast<std::size_t>(
        std::count_if(comparison.entries.begin(), comparison.entries.end(), [](const auto& e) {
            return e.role == Role::primary && e.verdict == Verdict::inconclusive;
        }));
}

bool decided(const Comparison& comparison)
{
    return undecided(comparison) == 0;
}

} // namespace perfgate::baselines
