#include <baselines/comparison.hpp>
#include <baselines/gate.hpp>
#include <baselines/meaning.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace perfgate::baselines {
namespace {

std::vector<double> finite(const std::vector<double>& samples)
{
    std::vector<double> kept;
    kept.reserve(samples.size());
    std::copy_if(samples.begin(), samples.end(), std::back_inserter(kept), [](double v) {
        return std::isfinite(v);
    });
    return kept;
}

std::string describe(const core::Environment& environment)
{
    return fmt::format(
        "host '{}', CPU '{}' x {}", environment.host, environment.cpu, environment.cpus);
}

} // namespace

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

namespace {

// Check that `metric`, which some benchmark must have, is known; say which lack it.
void check_metric_override(const std::string& metric,
                           const core::ResultsDocument& current,
                           std::vector<std::string>& warnings)
{
    std::set<std::string> known;
    std::vector<std::string> lacking;
    for (const auto& result : current.benchmarks) {
        for (const auto& m : result.metrics) {
            known.insert(m.name);
        }
        if (result.status == core::Status::ok && result.find_metric(metric) == nullptr) {
            lacking.push_back(result.id);
        }
    }
    if (!known.empty() && !known.contains(metric)) {
        fail(ExitCode::usage,
             "unknown metric '{}' for --metric: the benchmarks measure {}",
             metric,
             fmt::join(known, ", "));
    }
    if (!lacking.empty()) {
        warnings.push_back(fmt::format(
            "--metric {}: {} benchmark(s) do not measure it and are judged on their default "
            "metrics ({}{})",
            metric,
            lacking.size(),
            fmt::join(lacking.begin(),
                      lacking.begin() + std::min<std::ptrdiff_t>(3, std::ssize(lacking)),
                      ", "),
            lacking.size() > 3 ? ", ..." : ""));
    }
}

// A comparison entry for `metric` of `result`, with its role and thresholds.
MetricComparison make_entry(const core::Config& config,
                            const core::BenchmarkResult& result,
                            const JudgedMetric& judged)
{
    MetricComparison entry;
    entry.id = result.id;
    entry.metric = judged.name;
    entry.role = judged.role;
    entry.reason = judged.reason;
    if (const auto* metric = result.find_metric(judged.name)) {
        entry.unit = metric->unit;
        entry.better = metric->better;
    }
    entry.policy = policy_for(config, result.id, judged.name);
    return entry;
}

// Return log(current / baseline) for the launches (rounds) both sides have, or nullopt when
// a value is not positive.
std::optional<std::vector<double>> paired_log_ratios(const Reduced& baseline,
                                                     const Reduced& current)
{
    std::map<std::uint32_t, double> by_round;
    for (std::size_t i = 0; i < baseline.launches.size(); ++i) {
        by_round[baseline.launches[i]] = baseline.values[i];
    }
    std::vector<double> ratios;
    for (std::size_t i = 0; i < current.launches.size(); ++i) {
        const auto found = by_round.find(current.launches[i]);
        if (found == by_round.end()) {
            continue;
        }
        if (!(found->second > 0) || !(current.values[i] > 0)) {
            return std::nullopt;
        }
        ratios.push_back(std::log(current.values[i] / found->second));
    }
    return ratios;
}

JudgeSettings settings_for(const MetricComparison& entry, const Comparison& comparison)
{
    return JudgeSettings{comparison.alpha,
                         comparison.noise,
                         entry.better,
                         entry.policy,
                         entry.role == Role::guard ? Evidence::lower_bound : Evidence::point,
                         comparison.guard};
}

void apply(MetricComparison& entry, Judgement judgement)
{
    entry.change = judgement.change;
    entry.interval = judgement.interval;
    entry.p_value = judgement.p_value;
    entry.resolution = judgement.resolution;
    entry.deterministic = judgement.deterministic;
    entry.verdict = judgement.verdict;
    entry.level = judgement.level;
    entry.notes = std::move(judgement.notes);
}

// Judge the metric of `entry` from both sides' samples.
void judge_metric(MetricComparison& entry,
                  const core::Metric& before,
                  const core::Metric& now,
                  const Comparison& comparison)
{
    const Reduced baseline = reduce(before);
    const Reduced current = reduce(now);
    if (comparison.paired && baseline.basis == Basis::launches &&
        current.basis == Basis::launches) {
        if (auto ratios = paired_log_ratios(baseline, current)) {
            entry.basis = Basis::rounds;
            entry.baseline_values = entry.current_values = ratios->size();
            entry.baseline_center = core::median(baseline.values);
            entry.current_center = core::median(current.values);
            apply(entry, judge_paired(*ratios, settings_for(entry, comparison)));
            return;
        }
    }
    entry.basis =
        current.basis == Basis::launches && baseline.basis == Basis::launches ? Basis::launches
        : current.basis == Basis::runs && baseline.basis == Basis::runs       ? Basis::runs
                                                                              : Basis::repetitions;
    entry.baseline_values = baseline.values.size();
    entry.current_values = current.values.size();
    if (!baseline.values.empty() && !current.values.empty()) {
        entry.baseline_center = core::median(baseline.values);
        entry.current_center = core::median(current.values);
    }
    apply(entry, judge(baseline.values, current.values, settings_for(entry, comparison)));
}

// Warn when entries were judged on the repetitions of a single launch. A side with one sample
// (a summary-only file, say) has no repetitions to overstate anything: its own note says why it
// is not judged.
void warn_single_launch(Comparison& comparison)
{
    const auto single =
        std::count_if(comparison.entries.begin(), comparison.entries.end(), [](const auto& entry) {
            return entry.basis == Basis::repetitions && entry.baseline && entry.current &&
                   entry.baseline->n > 1 && entry.current->n > 1;
        });
    if (single > 0) {
        comparison.warnings.push_back(fmt::format(
            "{} comparison(s) rest on the repetitions of a single launch per side (as in a "
            "Google Benchmark, criterion or pytest-benchmark file): repetitions inside one process "
            "share the machine's state "
            "and overstate certainty; 'perfgate run' launches programs several times",
            single));
    }
}

// Add an informational entry for every metric that a budget in `rules` limits and that is not
// judged yet.
void add_budgeted(std::vector<JudgedMetric>& judged, const std::vector<BudgetRule>& rules)
{
    for (const auto& rule : rules) {
        if (std::none_of(judged.begin(), judged.end(), [&](const auto& j) {
                return j.name == rule.metric;
            })) {
            judged.push_back(
                {rule.metric, Role::informational, "shown for its budget; the budget gates"});
        }
    }
}

// Check the budgets of `rules` on the metric of `entry` against its current summary.
void check_budgets(MetricComparison& entry, const std::vector<BudgetRule>& rules)
{
    for (const auto& rule : rules) {
        if (rule.metric != entry.metric) {
            continue;
        }
        if (!entry.current || entry.current->n == 0) {
            entry.notes.push_back(fmt::format("the budget at {} is not checked: no finite sample "
                                              "of '{}' was measured",
                                              rule.origin,
                                              rule.metric));
            continue;
        }
        entry.budgets.push_back(check_budget(rule, *entry.current));
    }
}

} // namespace

std::optional<double> MetricComparison::worsening() const
{
    if (!change) {
        return std::nullopt;
    }
    return oriented(*change, better);
}

bool MetricComparison::over_budget() const
{
    return std::any_of(budgets.begin(), budgets.end(), [](const auto& b) { return b.breached; });
}

bool MetricComparison::thin_headroom() const
{
    return std::any_of(budgets.begin(), budgets.end(), [](const auto& b) { return b.thin; });
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
    comparison.guard = config.gate.guard;
    comparison.gate.fail_on = options.fail_on.value_or(config.gate.fail_on);
    comparison.gate.inconclusive = config.gate.inconclusive;
    comparison.paired = options.paired;
    if (auto mismatch = environment_mismatch(baseline.environment, current.environment)) {
        if (options.strict_env) {
            fail(ExitCode::usage, "--strict-env: {}", *mismatch);
        }
        comparison.warnings.push_back(std::move(*mismatch));
    }
    if (!options.metric.empty()) {
        check_metric_override(options.metric, current, comparison.warnings);
    }

    std::map<std::string_view, const core::BenchmarkResult*> before;
    for (const auto& result : baseline.benchmarks) {
        before.emplace(result.id, &result);
    }
    bool any_common = false;
    std::vector<std::string> ids;
    for (const auto& measured : current.benchmarks) {
        ids.push_back(measured.id);
        const auto found = before.find(measured.id);
        any_common = any_common || found != before.end();
        const auto* stored = found == before.end() || found->second->status != core::Status::ok
                                 ? nullptr
                                 : found->second;
        // Note: copies are made only of results whose metrics the configuration describes.
        const auto described = with_meanings(config, measured);
        const auto& result = described ? *described : measured;
        const auto described_old =
            stored != nullptr ? with_meanings(config, *stored) : std::nullopt;
        const auto* old = described_old ? &*described_old : stored;
        if (result.status != core::Status::ok) {
            const auto judged = judged_metrics(config,
                                               old != nullptr ? *old : result,
                                               nullptr,
                                               options.metric,
                                               options.metric_reason);
            auto entry =
                make_entry(config, result, judged.empty() ? JudgedMetric{} : judged.front());
            entry.verdict =
                result.status == core::Status::skipped ? Verdict::skipped : Verdict::failed;
            entry.message = result.message;
            comparison.entries.push_back(std::move(entry));
            before.erase(result.id);
            continue;
        }
        auto judged_list =
            judged_metrics(config, result, old, options.metric, options.metric_reason);
        const auto rules = budgets_for(config, result);
        add_budgeted(judged_list, rules);
        for (const auto& judged : judged_list) {
            auto entry = make_entry(config, result, judged);
            const auto* metric = result.find_metric(judged.name);
            if (metric == nullptr) {
                entry.verdict = Verdict::failed;
                entry.message = fmt::format("no '{}' metric was measured", judged.name);
                comparison.entries.push_back(std::move(entry));
                continue;
            }
            auto now = finite(metric->samples);
            entry.current = core::summarize(now);
            check_budgets(entry, rules);
            const auto* old_metric = old != nullptr ? old->find_metric(judged.name) : nullptr;
            if (old_metric == nullptr || finite(old_metric->samples).empty()) {
                entry.verdict = Verdict::new_benchmark;
            } else {
                if (old_metric->unit != metric->unit) {
                    fail(ExitCode::usage,
                         "benchmark '{}': metric '{}' is in '{}' in {} but in '{}' in {}; the two "
                         "cannot be compared",
                         result.id,
                         judged.name,
                         old_metric->unit,
                         options.baseline_label,
                         metric->unit,
                         options.current_label);
                }
                entry.baseline_samples = finite(old_metric->samples);
                entry.baseline = core::summarize(entry.baseline_samples);
                judge_metric(entry, *old_metric, *metric, comparison);
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
    for (const auto& stored : baseline.benchmarks) {
        if (!before.contains(stored.id)) {
            continue;
        }
        const auto described = with_meanings(config, stored);
        const auto& result = described ? *described : stored;
        for (const auto& judged :
             judged_metrics(config, result, nullptr, options.metric, options.metric_reason)) {
            auto entry = make_entry(config, result, judged);
            if (const auto* metric = result.find_metric(judged.name)) {
                entry.baseline_samples = finite(metric->samples);
                entry.baseline = core::summarize(entry.baseline_samples);
            }
            entry.verdict = Verdict::missing;
            comparison.entries.push_back(std::move(entry));
        }
    }
    for (auto& warning : unmatched_budgets(config, ids)) {
        comparison.warnings.push_back(std::move(warning));
    }
    warn_single_launch(comparison);
    decide(comparison);
    return comparison;
}

} // namespace perfgate::baselines
