#include <baselines/policy.hpp>
#include <util/glob.hpp>

#include <algorithm>

namespace perfgate::baselines {
namespace {

// The `[[benchmark]]` entry that `id` belongs to: its name, or for a program or harness that
// reports several benchmarks the prefix of their ids.
const core::BenchmarkConfig* entry_for(const core::Config& config, const std::string& id)
{
    for (const auto& entry : config.benchmarks) {
        const bool program = entry.kind != core::BenchmarkKind::command;
        if (entry.name == id || (program && id.starts_with(entry.name + "/"))) {
            return &entry;
        }
    }
    return nullptr;
}

bool policy_matches(const core::Policy& policy, const std::string& id, const std::string& metric)
{
    return util::glob_match(policy.match, id) &&
           (policy.metrics.empty() ||
            std::find(policy.metrics.begin(), policy.metrics.end(), metric) !=
                policy.metrics.end());
}

// How specific a policy is: its literal characters, and more when it names metrics.
std::size_t specificity(const core::Policy& policy)
{
    const auto literal = static_cast<std::size_t>(
        std::count_if(policy.match.begin(), policy.match.end(), [](char c) {
            return c != '*' && c != '?' && c != '[';
        }));
    return literal + (policy.metrics.empty() ? 0 : 1'000'000);
}

void apply(MetricPolicy& policy, const core::Thresholds& thresholds)
{
    policy.warning = thresholds.warning.value_or(policy.warning);
    policy.critical = thresholds.critical.value_or(policy.critical);
    policy.blocker = thresholds.blocker.value_or(policy.blocker);
}

// Return `seconds` in a time `unit`, or nullopt when the unit is not a time.
std::optional<double> seconds_in(double seconds, const std::string& unit)
{
    if (unit == "s") {
        return seconds;
    }
    if (unit == "ns") {
        return seconds * 1e9;
    }
    return std::nullopt;
}

// The metrics gated when neither `--metric` nor the configuration names one.
std::vector<std::string> default_metrics(const core::Config& config,
                                         const core::BenchmarkResult& result)
{
    switch (result.source) {
    case core::Source::command:
        return {config.run.metric};
    case core::Source::google_benchmark:
        return {"real_time"};
    case core::Source::criterion:
        return {"time"};
    case core::Source::pytest_benchmark:
        return {result.find_metric("median_time") != nullptr ? "median_time" : "time"};
    case core::Source::samples:
        break;
    }
    // Note: a samples file lists only what its writer wants judged, each with its direction.
    std::vector<std::string> names;
    for (const auto& metric : result.metrics) {
        names.push_back(metric.name);
    }
    return names.empty() ? std::vector<std::string>{"samples"} : names;
}

} // namespace

std::vector<std::string> gated_metrics(const core::Config& config,
                                       const core::BenchmarkResult& result,
                                       const std::string& metric_override)
{
    if (!metric_override.empty() && result.find_metric(metric_override) != nullptr) {
        return {metric_override};
    }
    std::vector<std::string> metrics;
    for (const auto& policy : config.policies) {
        if (!util::glob_match(policy.match, result.id)) {
            continue;
        }
        for (const auto& metric : policy.metrics) {
            if (result.find_metric(metric) != nullptr &&
                std::find(metrics.begin(), metrics.end(), metric) == metrics.end()) {
                metrics.push_back(metric);
            }
        }
    }
    if (!metrics.empty()) {
        return metrics;
    }
    const auto* entry = entry_for(config, result.id);
    if (entry != nullptr && entry->metric && result.find_metric(*entry->metric) != nullptr) {
        return {*entry->metric};
    }
    return default_metrics(config, result);
}

MetricPolicy policy_for(const core::Config& config,
                        const std::string& id,
                        const std::string& metric,
                        const std::string& unit)
{
    MetricPolicy policy{
        config.gate.warning, config.gate.critical, config.gate.blocker, {}, "median"};
    if (const auto* entry = entry_for(config, id)) {
        apply(policy, entry->thresholds);
        if (entry->budget) {
            policy.budget = seconds_in(*entry->budget, unit);
            policy.budget_statistic = entry->budget_statistic;
        }
    }
    std::vector<const core::Policy*> matching;
    for (const auto& candidate : config.policies) {
        if (policy_matches(candidate, id, metric)) {
            matching.push_back(&candidate);
        }
    }
    std::stable_sort(matching.begin(), matching.end(), [](const auto* a, const auto* b) {
        return specificity(*a) < specificity(*b);
    });
    for (const auto* match : matching) {
        apply(policy, match->thresholds);
    }
    return policy;
}

core::Level level_of(double worsening, const MetricPolicy& policy)
{
    if (worsening >= policy.blocker) {
        return core::Level::blocker;
    }
    if (worsening >= policy.critical) {
        return core::Level::critical;
    }
    if (worsening >= policy.warning) {
        return core::Level::warning;
    }
    return core::Level::none;
}

} // namespace perfgate::baselines
