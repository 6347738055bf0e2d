#pragma once

#include <core/config.hpp>
#include <core/results.hpp>
#include <core/stats.hpp>

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace perfgate::baselines {

// Which side of its limit breaches a budget.
enum class Bound {
    ceiling, // `max`: a value above the limit breaches it
    floor    // `min`: a value below the limit breaches it
};

inline constexpr std::array k_bound_names{
    std::pair{Bound::ceiling, std::string_view("ceiling")},
    std::pair{Bound::floor, std::string_view("floor")},
};

std::string_view to_string(Bound bound);

// One limit on one statistic of one metric of a benchmark.
struct BudgetRule
{
    std::string metric;
    std::string statistic = "median";
    Bound bound = Bound::ceiling;
    double limit = 0;    // in the metric's unit
    std::string written; // the limit as written with its unit ("500MB"); empty for a number
    core::Level level = core::Level::blocker;
    double warn_headroom = 0; // a fraction of the limit; 0: no warning
    std::string origin;       // where it is set: "perfgate.toml:12"
};

// A budget judged on the current run alone (docs/statistics.md, "Budgets").
struct BudgetCheck
{
    std::string statistic;
    Bound bound = Bound::ceiling;
    double limit = 0;
    std::string written;
    double value = 0; // the statistic of the current run's samples
    // How far the value is from the limit, relative to it: (limit - value) / limit for a
    // ceiling, (value - limit) / limit for a floor; negative when breached; nullopt for a limit
    // of 0.
    std::optional<double> headroom;
    double warn_headroom = 0;
    core::Level level = core::Level::blocker; // the level a breach counts at
    bool breached = false;
    bool thin = false;       // within the limit, but closer to it than `warn_headroom`
    bool fails_gate = false; // breached at or above fail_on: decided by the gate (gate.hpp)
    std::string origin;
};

// Return the budgets of `config` on `result`, a benchmark that was measured, in the order of
// the configuration: `[[budget]]` entries whose `match` glob matches its id, and the `budget`
// shorthand of its `[[benchmark]]` (on `wall`, or `real_time` without it). A limit is converted
// into the metric's unit. Throws Error(usage) naming the budget's file and line for a metric
// the benchmark does not have, or a limit that cannot apply to the metric's unit.
std::vector<BudgetRule> budgets_for(const core::Config& config,
                                    const core::BenchmarkResult& result);

// Return `rule` checked against `current`, the summary of the current run's samples.
BudgetCheck check_budget(const BudgetRule& rule, const core::Summary& current);

// Return a warning for every `[[budget]]` whose `match` matches none of `ids`.
std::vector<std::string> unmatched_budgets(const core::Config& config,
                                           const std::vector<std::string>& ids);

} // namespace perfgate::baselines
