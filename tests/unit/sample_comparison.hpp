#pragma once

#include <baselines/comparison.hpp>
#include <baselines/gate.hpp>

#include <string>

namespace perfgate::test {

inline const std::string k_malicious_id = "<script>alert(1)</script>|`x`";

// Return an entry of `id` with the given verdict; times in ns, medians 10 ms → 10 ms × (1+change).
inline baselines::MetricComparison
make_entry(std::string id, baselines::Verdict verdict, double change, core::Level level = {})
{
    baselines::MetricComparison entry;
    entry.id = std::move(id);
    entry.metric = "wall";
    entry.unit = "ns";
    entry.verdict = verdict;
    entry.level = level;
    core::Summary baseline;
    baseline.n = 10;
    baseline.median = 10e6;
    core::Summary current = baseline;
    current.median = 10e6 * (1 + change);
    if (verdict != baselines::Verdict::new_benchmark) {
        entry.baseline = baseline;
    }
    if (verdict != baselines::Verdict::missing && verdict != baselines::Verdict::failed) {
        entry.current = current;
    }
    if (entry.baseline && entry.current) {
        entry.change = change;
        entry.interval = core::Interval{change - 0.01, change + 0.01};
        entry.p_value = verdict == baselines::Verdict::unchanged ? 0.5 : 0.001;
        entry.baseline_center = baseline.median;
        entry.current_center = current.median;
    }
    return entry;
}

// Return a checked budget: a ceiling (or floor) `limit` on `statistic`, measured at `value`.
inline baselines::BudgetCheck make_budget(double limit,
                                          std::string statistic,
                                          double value,
                                          baselines::Bound bound = baselines::Bound::ceiling,
                                          core::Level level = core::Level::blocker)
{
    baselines::BudgetCheck budget;
    budget.statistic = std::move(statistic);
    budget.bound = bound;
    budget.limit = limit;
    budget.value = value;
    budget.level = level;
    const double margin = bound == baselines::Bound::ceiling ? limit - value : value - limit;
    budget.headroom = margin / limit;
    budget.breached = margin < 0;
    budget.origin = "perfgate.toml:7";
    return budget;
}

// Return a comparison with one entry of every verdict, a budget breach and the malicious id,
// gated at `critical`: one blocker (the malicious id), one critical, one warning.
inline baselines::Comparison sample_comparison()
{
    using baselines::Verdict;
    baselines::Comparison comparison;
    comparison.baseline.label = "main";
    comparison.baseline.environment.host = "ci|host";
    comparison.current.label = "current";
    comparison.current.environment.host = "laptop";
    comparison.entries.push_back(
        make_entry(k_malicious_id, Verdict::regressed, 0.50, core::Level::blocker));
    comparison.entries.push_back(
        make_entry("BM_critical", Verdict::regressed, 0.30, core::Level::critical));
    comparison.entries.push_back(
        make_entry("BM_warning", Verdict::regressed, 0.16, core::Level::warning));
    comparison.entries.push_back(make_entry("BM_improved", Verdict::improved, -0.20));
    comparison.entries.push_back(make_entry("BM_unchanged", Verdict::unchanged, 0.001));
    auto budget = make_entry("BM_budget", Verdict::unchanged, 0.0);
    budget.budgets.push_back(make_budget(5e6, "median", 10e6));
    comparison.entries.push_back(budget);
    auto few = make_entry("BM_few", Verdict::inconclusive, 0.05);
    few.resolution = 0.25;
    comparison.entries.push_back(few);
    comparison.entries.push_back(make_entry("BM_new", Verdict::new_benchmark, 0));
    comparison.entries.push_back(make_entry("BM_gone", Verdict::missing, 0));
    auto failed = make_entry("BM_crash", Verdict::failed, 0);
    failed.message = "killed by signal 11 (SIGSEGV)";
    comparison.entries.push_back(failed);

    comparison.warnings.push_back("cpu differs: <b>x</b> vs y");
    comparison.gate.fail_on = core::FailOn::critical;
    // Fails on the blocker, the critical and the budget; broken by the crash.
    baselines::decide(comparison);
    return comparison;
}

} // namespace perfgate::test
