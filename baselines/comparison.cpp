#include <baselines/comparison.hpp>
#include <core/significance.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

namespace perfgate::baselines {
namespace {

// Fewer samples than this on either side cannot support a verdict (design.md §6.4).
constexpr std::size_t k_min_samples = 4;

std::vector<double> finite(const std::vector<double>& samples)
{
    std::vector<double> kept;
    kept.reserve(samples.size());
    std::copy_if(samples.begin(), samples.end(), std::back_inserter(kept), [](double v) {
        return std::isfinite(v);
    });
    return kept;
}

double statistic_of(const core::Summary& summary, std::string_view statistic)
{
    if (statistic == "mean") {
        return summary.mean;
    }
    if (statistic == "p90") {
        return summary.p90;
    }
    if (statistic == "p95") {
        return summary.p95;
    }
    if (statistic == "p99") {
        return summary.p99;
    }
    if (statistic == "min") {
        return summary.min;
    }
    if (statistic == "max") {
        return summary.max;
    }
    return summary.median;
}

// Judge `entry`, whose summaries and samples are set, by the rule of design.md §6.4.
void judge(MetricComparison& entry,
           const std::vector<double>& baseline,
           const std::vector<double>& current,
           double alpha,
           double noise)
{
    const auto& b = *entry.baseline;
    const auto& c = *entry.current;
    if (b.median != 0) {
        entry.change = c.median / b.median - 1.0;
    }
    if (b.n < k_min_samples || c.n < k_min_samples) {
        entry.verdict = Verdict::underpowered;
        return;
    }
    const auto worse = entry.worsening();
    entry.deterministic = b.stddev == 0 && c.stddev == 0;
    bool significant = false;
    if (entry.deterministic) {
        significant = worse && std::abs(*worse) > noise;
    } else {
        const auto test = core::mann_whitney_u(current, baseline);
        entry.p_value = test.p_value;
        entry.interval = core::ratio_interval(baseline, current);
        const bool inside_noise =
            entry.interval && entry.interval->low >= -noise && entry.interval->high <= noise;
        significant = test.p_value < alpha && !inside_noise;
    }
    if (!significant || !worse || *worse == 0) {
        entry.verdict = Verdict::unchanged;
    } else if (*worse > 0) {
        entry.verdict = Verdict::regressed;
        entry.level = level_of(*worse, entry.policy);
    } else {
        entry.verdict = Verdict::improved;
    }
}

void check_budget(MetricComparison& entry)
{
    if (!entry.policy.budget || !entry.current || entry.better != core::Better::lower) {
        return;
    }
    BudgetCheck budget;
    budget.limit = *entry.policy.budget;
    budget.statistic = entry.policy.budget_statistic;
    budget.value = statistic_of(*entry.current, budget.statistic);
    budget.headroom = budget.limit > 0 ? (budget.limit - budget.value) / budget.limit : 0.0;
    budget.breached = budget.value > budget.limit;
    entry.budget = budget;
}

bool reaches(core::Level level, core::FailOn fail_on)
{
    return fail_on != core::FailOn::never && level != core::Level::none &&
           static_cast<int>(level) >= static_cast<int>(fail_on) + 1;
}

void count(Comparison& comparison)
{
    auto& totals = comparison.totals;
    double log_sum = 0;
    int logs = 0;
    for (const auto& entry : comparison.entries) {
        switch (entry.verdict) {
        case Verdict::regressed:
            ++totals.regressed;
            totals.warning += entry.level == core::Level::warning;
            totals.critical += entry.level == core::Level::critical;
            totals.blocker += entry.level == core::Level::blocker;
            break;
        case Verdict::improved:
            ++totals.improved;
            break;
        case Verdict::unchanged:
            ++totals.unchanged;
            break;
        case Verdict::underpowered:
            ++totals.underpowered;
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
        }
        totals.budget_breaches += entry.budget && entry.budget->breached;
        if (const auto worse = entry.worsening(); worse && *worse > -1.0) {
            log_sum += std::log1p(*worse);
            ++logs;
        }
    }
    if (logs > 0) {
        comparison.geomean_change = std::exp(log_sum / logs) - 1.0;
    }

    auto& gate = comparison.gate;
    for (const auto& entry : comparison.entries) {
        const bool regression =
            entry.verdict == Verdict::regressed && reaches(entry.level, gate.fail_on);
        // Note: a budget breach counts at `blocker` (design.md §6.5).
        const bool breach =
            entry.budget && entry.budget->breached && reaches(core::Level::blocker, gate.fail_on);
        gate.failures += regression || breach;
    }
    gate.passed = gate.failures == 0;
    gate.exit_code = totals.failed > 0 ? ExitCode::measurement
                     : gate.passed     ? ExitCode::passed
                                       : ExitCode::gate_failed;
}

std::string describe(const core::Environment& environment)
{
    return fmt::format(
        "host '{}', CPU '{}' x {}", environment.host, environment.cpu, environment.cpus);
}

// Say how the two environments differ, if they do; empty ones (imported files) are not judged.
std::optional<std::string> environment_mismatch(const core::Environment& baseline,
                                                const core::Environment& current)
{
    if (baseline.host.empty() || current.host.empty()) {
        return std::nullopt;
    }
    if (baseline.host == current.host && baseline.cpu == current.cpu &&
        baseline.cpus == current.cpus) {
        return std::nullopt;
    }
    return fmt::format("the baseline was measured on {}, this run on {}: differences may come from "
                       "the machine, not the code",
                       describe(baseline),
                       describe(current));
}

} // namespace

std::string_view to_string(Verdict verdict)
{
    switch (verdict) {
    case Verdict::regressed:
        return "regressed";
    case Verdict::improved:
        return "improved";
    case Verdict::unchanged:
        return "unchanged";
    case Verdict::underpowered:
        return "underpowered";
    case Verdict::new_benchmark:
        return "new";
    case Verdict::missing:
        return "missing";
    case Verdict::failed:
        return "failed";
    }
    return "unknown";
}

std::optional<double> MetricComparison::worsening() const
{
    if (!change) {
        return std::nullopt;
    }
    return better == core::Better::lower ? *change : -*change;
}

Comparison compare(const core::ResultsDocument& baseline,
                   const core::ResultsDocument& current,
                   const core::Config& config,
                   const CompareOptions& options)
{
    Comparison comparison;
    comparison.baseline = {options.baseline_label, baseline.created, baseline.environment};
    comparison.current = {options.current_label, current.created, current.environment};
    comparison.alpha = config.gate.alpha;
    comparison.noise = config.gate.noise;
    comparison.gate.fail_on = options.fail_on.value_or(config.gate.fail_on);
    if (auto mismatch = environment_mismatch(baseline.environment, current.environment)) {
        if (options.strict_env) {
            fail(ExitCode::usage, "--strict-env: {}", *mismatch);
        }
        comparison.warnings.push_back(std::move(*mismatch));
    }

    std::map<std::string_view, const core::BenchmarkResult*> before;
    for (const auto& result : baseline.benchmarks) {
        before.emplace(result.id, &result);
    }
    bool any_common = false;
    for (const auto& result : current.benchmarks) {
        const auto found = before.find(result.id);
        const auto* old = found == before.end() || found->second->status != core::Status::ok
                              ? nullptr
                              : found->second;
        any_common = any_common || found != before.end();
        for (const auto& name : gated_metrics(config, result, options.metric)) {
            MetricComparison entry;
            entry.id = result.id;
            entry.metric = name;
            const auto* metric = result.find_metric(name);
            if (metric != nullptr) {
                entry.unit = metric->unit;
                entry.better = metric->better;
            }
            entry.policy = policy_for(config, result.id, name, entry.unit);
            if (result.status != core::Status::ok || metric == nullptr) {
                entry.verdict = Verdict::failed;
                entry.message = result.status != core::Status::ok
                                    ? result.message
                                    : fmt::format("no '{}' metric was measured", name);
                comparison.entries.push_back(std::move(entry));
                continue;
            }
            auto now = finite(metric->samples);
            entry.current = core::summarize(now);
            check_budget(entry);
            const auto* old_metric = old != nullptr ? old->find_metric(name) : nullptr;
            if (old_metric == nullptr || old_metric->samples.empty()) {
                entry.verdict = Verdict::new_benchmark;
            } else {
                if (old_metric->unit != metric->unit) {
                    fail(ExitCode::usage,
                         "benchmark '{}': metric '{}' is in '{}' in the baseline but in '{}' now; "
                         "the two cannot be compared",
                         result.id,
                         name,
                         old_metric->unit,
                         metric->unit);
                }
                auto then = finite(old_metric->samples);
                entry.baseline = core::summarize(then);
                judge(entry, then, now, comparison.alpha, comparison.noise);
                entry.baseline_samples = std::move(then);
            }
            entry.current_samples = std::move(now);
            comparison.entries.push_back(std::move(entry));
        }
        before.erase(result.id);
    }
    if (!any_common && !baseline.benchmarks.empty() && !current.benchmarks.empty()) {
        const auto message =
            fmt::format("{} and {} have no benchmark in common (e.g. '{}' and '{}')",
                        options.baseline_label,
                        options.current_label,
                        baseline.benchmarks.front().id,
                        current.benchmarks.front().id);
        if (options.require_common) {
            fail(ExitCode::usage, "{}; check the files", message);
        }
        comparison.warnings.push_back(message + ": every benchmark is new");
    }
    for (const auto& result : baseline.benchmarks) {
        if (!before.contains(result.id)) {
            continue;
        }
        for (const auto& name : gated_metrics(config, result, options.metric)) {
            MetricComparison entry;
            entry.id = result.id;
            entry.metric = name;
            if (const auto* metric = result.find_metric(name)) {
                entry.unit = metric->unit;
                entry.better = metric->better;
                entry.baseline_samples = finite(metric->samples);
                entry.baseline = core::summarize(entry.baseline_samples);
            }
            entry.verdict = Verdict::missing;
            comparison.entries.push_back(std::move(entry));
        }
    }
    count(comparison);
    return comparison;
}

} // namespace perfgate::baselines
