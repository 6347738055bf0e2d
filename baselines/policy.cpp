#include <baselines/policy.hpp>
#include <core/stats.hpp>
#include <core/units.hpp>
#include <util/error.hpp>
#include <util/glob.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>

namespace perfgate::baselines {
namespace {

// A command whose CPU time is at least this share of its wall time is CPU-bound.
constexpr double k_cpu_bound_share = 0.5;

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

std::string where(const core::Config& config, int line)
{
    return fmt::format(
        "{}:{}", config.file ? config.file->filename().string() : "perfgate.toml", line);
}

// What a Google Benchmark run name says about how the benchmark measures time: the reason its
// CPU time does not measure its work, or "" when it does.
std::string real_time_reason(const std::string& id)
{
    std::size_t start = 0;
    while (start <= id.size()) {
        const auto end = std::min(id.find('/', start), id.size());
        const std::string_view segment(id.data() + start, end - start);
        if (segment == "real_time") {
            return "it uses real time (UseRealTime)";
        }
        if (segment == "manual_time") {
            return "it measures its own time (UseManualTime)";
        }
        if (segment.starts_with("threads:") && std::atoi(segment.data() + 8) > 1) {
            return fmt::format("it runs {} threads", segment.substr(8));
        }
        start = end + 1;
    }
    return "";
}

double median_of(const core::BenchmarkResult& result, std::string_view metric)
{
    const auto* found = result.find_metric(metric);
    return found == nullptr || found->samples.empty() ? 0.0 : core::median(found->samples);
}

std::vector<JudgedMetric> automatic(const core::BenchmarkResult& current,
                                    const core::BenchmarkResult* baseline)
{
    const auto has = [&](std::string_view name) { return current.find_metric(name) != nullptr; };
    if (current.source == core::Source::google_benchmark && has("real_time")) {
        const auto why_real = real_time_reason(current.id);
        if (!why_real.empty() || !has("cpu_time")) {
            return {{"real_time",
                     Role::primary,
                     why_real.empty() ? "no CPU time was measured"
                                      : fmt::format("real time measures its work: {}", why_real)}};
        }
        return {{"cpu_time",
                 Role::primary,
                 "single-threaded: CPU time measures its work and is not inflated by other load"},
                {"real_time",
                 Role::guard,
                 "guard for slowdowns that only real time shows (waiting, I/O, locks)"}};
    }
    if (has("wall") && has("cpu")) {
        const auto& basis = baseline != nullptr && baseline->find_metric("cpu") != nullptr &&
                                    baseline->find_metric("wall") != nullptr
                                ? *baseline
                                : current;
        const double wall = median_of(basis, "wall");
        const double share = wall > 0 ? median_of(basis, "cpu") / wall : 0.0;
        const auto measured = fmt::format("CPU time is {:.0f}% of wall time{}",
                                          share * 100,
                                          &basis == baseline ? " in the baseline" : "");
        if (share >= k_cpu_bound_share) {
            return {{"cpu",
                     Role::primary,
                     fmt::format("CPU-bound ({}): CPU time is not inflated "
                                 "by other load",
                                 measured)},
                    {"wall",
                     Role::guard,
                     "guard for slowdowns that only wall time shows (waiting, I/O, locks)"}};
        }
        return {{"wall", Role::primary, fmt::format("not CPU-bound ({})", measured)}};
    }
    if (has("wall")) {
        return {{"wall", Role::primary, "only wall time was measured"}};
    }
    if (current.source == core::Source::criterion && has("time")) {
        return {{"time", Role::primary, "criterion's time per iteration"}};
    }
    if (current.source == core::Source::pytest_benchmark) {
        const char* name = has("time") ? "time" : "median_time";
        return {{name,
                 Role::primary,
                 has("time") ? "pytest-benchmark's time per round"
                             : "pytest-benchmark's median (the file has no rounds)"}};
    }
    // Note: a samples file lists only what its writer wants judged, each with its direction.
    std::vector<JudgedMetric> all;
    for (const auto& metric : current.metrics) {
        all.push_back({metric.name, Role::primary, "every metric of the benchmark is judged"});
    }
    return all;
}

} // namespace

std::string_view to_string(Role role)
{
    return core::name_of(k_role_names, role);
}

std::vector<JudgedMetric> judged_metrics(const core::Config& config,
                                         const core::BenchmarkResult& current,
                                         const core::BenchmarkResult* baseline,
                                         const std::string& metric_override,
                                         const std::string& override_reason)
{
    const auto has = [&](const std::string& name) { return current.find_metric(name) != nullptr; };
    if (!metric_override.empty() && has(metric_override)) {
        return {{metric_override, Role::primary, override_reason}};
    }
    std::vector<JudgedMetric> metrics;
    for (const auto& policy : config.policies) {
        if (!util::glob_match(policy.match, current.id)) {
            continue;
        }
        for (const auto& metric : policy.metrics) {
            const bool listed = std::any_of(
                metrics.begin(), metrics.end(), [&](const auto& m) { return m.name == metric; });
            if (has(metric) && !listed) {
                metrics.push_back({metric,
                                   Role::primary,
                                   fmt::format("named by [[policy]] '{}' ({})",
                                               policy.match,
                                               where(config, policy.line))});
            }
        }
    }
    if (!metrics.empty()) {
        return metrics;
    }
    if (const auto* entry = entry_for(config, current.id);
        entry != nullptr && entry->metric && has(*entry->metric)) {
        return {{*entry->metric,
                 Role::primary,
                 fmt::format(
                     "named by [[benchmark]] '{}' ({})", entry->name, where(config, entry->line))}};
    }
    if (config.run.metric != "auto" && has(config.run.metric)) {
        return {{config.run.metric, Role::primary, "named by [run].metric"}};
    }
    return automatic(current, baseline);
}

MetricPolicy
policy_for(const core::Config& config, const std::string& id, const std::string& metric)
{
    MetricPolicy policy{config.gate.warning, config.gate.critical, config.gate.blocker};
    if (const auto* entry = entry_for(config, id)) {
        apply(policy, entry->thresholds);
    }
    for (const auto* match : matching_policies(config, id, metric)) {
        apply(policy, match->thresholds);
    }
    return policy;
}

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

std::vector<const core::Policy*>
matching_policies(const core::Config& config, const std::string& id, const std::string& metric)
{
    std::vector<const core::Policy*> matching;
    for (const auto& candidate : config.policies) {
        if (policy_matches(candidate, id, metric)) {
            matching.push_back(&candidate);
        }
    }
    std::stable_sort(matching.begin(), matching.end(), [](const auto* a, const auto* b) {
        return specificity(*a) < specificity(*b);
    });
    return matching;
}

double parse_speedup(std::string_view text)
{
    const auto number = text.ends_with('x') ? text.substr(0, text.size() - 1) : text;
    constexpr double k_max_factor = 1e6;
    const double factor = core::parse_number(number, "--expect-speedup factor");
    if (!(factor > 0) || factor > k_max_factor) {
        fail(
            ExitCode::usage, "invalid --expect-speedup '{}': expected a factor such as 1.5x", text);
    }
    return factor;
}

void require_speedup(core::Config& config, double factor)
{
    // Note: "at least 1.5x faster" is a worsening of at most 1/1.5 - 1 (-33.3%).
    const double required = 1 / factor - 1;
    config.gate.warning = config.gate.critical = config.gate.blocker = required;
    config.policies.clear();
}

core::Level level_of(double worsening, const MetricPolicy& policy)
{
    // Note: a change carries rounding error (115 / 100 - 1 is just below 0.15), so a change
    // within a relative 1e-9 of a threshold is on it: it reaches a positive threshold and meets
    // a negative one (a requirement).
    const auto reaches = [&](double threshold) { return worsening >= threshold * (1 - 1e-9); };
    if (reaches(policy.blocker)) {
        return core::Level::blocker;
    }
    if (reaches(policy.critical)) {
        return core::Level::critical;
    }
    if (reaches(policy.warning)) {
        return core::Level::warning;
    }
    return core::Level::none;
}

} // namespace perfgate::baselines
