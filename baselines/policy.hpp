#pragma once

#include <core/config.hpp>
#include <core/results.hpp>

#include <optional>
#include <string>
#include <vector>

namespace perfgate::baselines {

// The thresholds one metric of one benchmark is judged with: `[gate]`, overridden by its
// `[[benchmark]]`, overridden by the matching `[[policy]]` entries from least to most specific.
struct MetricPolicy
{
    double warning = 0.15;
    double critical = 0.30;
    double blocker = 0.50;
};

// The part a metric plays in the gate.
enum class Role {
    primary,      // the metric that measures the benchmark's work
    guard,        // wall or real time beside a CPU-time primary: catches wall-only slowdowns
    informational // judged and shown, never gated
};

inline constexpr core::NameTable<Role, 3> k_role_names{
    {{Role::primary, "primary"}, {Role::guard, "guard"}, {Role::informational, "informational"}}};

std::string_view to_string(Role role);

// A metric to judge for one benchmark, and why it is judged.
struct JudgedMetric
{
    std::string name;
    Role role = Role::primary;
    std::string reason;
};

// Return the metrics to judge for `current` (`baseline`: the same benchmark in the baseline,
// or nullptr), in order: `metric_override` (`--metric`) when the benchmark has it; else the
// metrics of matching `[[policy]]` entries; else its `[[benchmark]]` metric; else `[run].metric`
// unless it is "auto"; else, automatically, CPU time where it measures the benchmark's work,
// with wall or real time as a guard, and wall or real time elsewhere (docs/statistics.md).
std::vector<JudgedMetric>
judged_metrics(const core::Config& config,
               const core::BenchmarkResult& current,
               const core::BenchmarkResult* baseline,
               const std::string& metric_override,
               const std::string& override_reason = "chosen with --metric");

// Return the thresholds for `metric` of benchmark `id`.
MetricPolicy
policy_for(const core::Config& config, const std::string& id, const std::string& metric);

// Return the `[[benchmark]]` entry that benchmark `id` belongs to: the one of its name, or of a
// program whose ids it starts (`NAME/...`); nullptr when none.
const core::BenchmarkConfig* entry_for(const core::Config& config, const std::string& id);

// Return the `[[policy]]` entries that apply to `metric` of benchmark `id`, from the least to
// the most specific: their `match` glob matches the id and their `metrics` name it (or none).
std::vector<const core::Policy*>
matching_policies(const core::Config& config, const std::string& id, const std::string& metric);

// Return the level that a relative worsening reaches under `policy`: the highest threshold it
// reaches (a negative threshold is a required improvement, reached by falling short of it).
core::Level level_of(double worsening, const MetricPolicy& policy);

// Parse the factor of `--expect-speedup`, such as "1.5x" or "2": above 0 and at most 10^6.
// Throws Error(usage) for anything else.
double parse_speedup(std::string_view text);

// Make `config` require every compared metric to be at least `factor` times better than its
// reference, at every level: each threshold becomes the worsening 1/factor - 1 (-33.3% for
// 1.5x), and the `[[policy]]` entries are dropped so that nothing overrides the requirement.
void require_speedup(core::Config& config, double factor);

} // namespace perfgate::baselines
