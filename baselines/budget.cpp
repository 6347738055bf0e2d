#include <baselines/budget.hpp>
#include <baselines/policy.hpp>
#include <core/names.hpp>
#include <core/units.hpp>
#include <util/error.hpp>
#include <util/glob.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace perfgate::baselines {
namespace {

// Return the metric that a budget without `metric` limits: the wall time.
std::string wall_time_metric(const core::Config& config,
                             const core::BudgetConfig& budget,
                             const core::BenchmarkResult& result)
{
    for (const char* name : {"wall", "real_time"}) {
        if (result.find_metric(name) != nullptr) {
            return name;
        }
    }
    fail(ExitCode::usage,
         "{}: the budget on the wall time of '{}' cannot apply: it measures neither 'wall' nor "
         "'real_time'; name the metric in a [[budget]]",
         config_location(config, budget.line),
         result.id);
}

bool applies(const core::Config& config,
             const core::BudgetConfig& budget,
             const core::BenchmarkResult& result)
{
    if (budget.match.empty()) {
        const auto* entry = entry_for(config, result.id);
        return entry != nullptr && entry->name == budget.benchmark;
    }
    return util::glob_match(budget.match, result.id);
}

std::string known_metrics(const core::BenchmarkResult& result)
{
    std::vector<std::string_view> names;
    for (const auto& metric : result.metrics) {
        names.push_back(metric.name);
    }
    return names.empty() ? std::string("none") : fmt::format("{}", fmt::join(names, ", "));
}

BudgetRule make_rule(const core::Config& config,
                     const core::BudgetConfig& budget,
                     const core::Metric& metric,
                     const core::BenchmarkResult& result,
                     Bound bound,
                     const core::Quantity& limit)
{
    const auto converted = core::in_unit(limit, metric.unit);
    if (!converted) {
        fail(ExitCode::usage,
             "{}: '{}' = '{}' cannot limit '{}' of '{}': '{}' is {}, and '{}' is {}",
             config_location(config, budget.line),
             bound == Bound::ceiling ? (budget.match.empty() ? "budget" : "max") : "min",
             limit.text,
             metric.name,
             result.id,
             limit.text,
             core::describe(limit.kind),
             metric.name,
             core::describe_unit(metric.unit));
    }
    BudgetRule rule;
    rule.metric = metric.name;
    rule.statistic = budget.statistic;
    rule.bound = bound;
    rule.limit = *converted;
    rule.written = limit.kind == core::QuantityKind::number ? std::string() : limit.text;
    rule.level = budget.level;
    rule.warn_headroom = budget.warn_headroom;
    rule.origin = config_location(config, budget.line);
    return rule;
}

} // namespace

std::string_view to_string(Bound bound)
{
    return core::name_of(k_bound_names, bound);
}

std::vector<BudgetRule> budgets_for(const core::Config& config, const core::BenchmarkResult& result)
{
    std::vector<BudgetRule> rules;
    for (const auto& budget : config.budgets) {
        if (!applies(config, budget, result)) {
            continue;
        }
        const auto name = budget.metric ? *budget.metric : wall_time_metric(config, budget, result);
        const auto* metric = result.find_metric(name);
        if (metric == nullptr) {
            fail(ExitCode::usage,
                 "{}: the budget on '{}' cannot apply to '{}': it has no such metric (it "
                 "measures {}){}",
                 config_location(config, budget.line),
                 name,
                 result.id,
                 known_metrics(result),
                 name == "failures" ? "; commands record 'failures' with --ignore-failure" : "");
        }
        if (budget.max) {
            rules.push_back(
                make_rule(config, budget, *metric, result, Bound::ceiling, *budget.max));
        }
        if (budget.min) {
            rules.push_back(make_rule(config, budget, *metric, result, Bound::floor, *budget.min));
        }
    }
    return rules;
}

BudgetCheck check_budget(const BudgetRule& rule, const core::Summary& current)
{
    BudgetCheck check;
    check.statistic = rule.statistic;
    check.bound = rule.bound;
    check.limit = rule.limit;
    check.written = rule.written;
    check.value = core::statistic_of(current, rule.statistic).value_or(current.median);
    check.warn_headroom = rule.warn_headroom;
    check.level = rule.level;
    check.origin = rule.origin;
    const double margin =
        rule.bound == Bound::ceiling ? rule.limit - check.value : check.value - rule.limit;
    check.breached = margin < 0;
    if (rule.limit != 0) {
        check.headroom = margin / std::abs(rule.limit);
    }
    check.thin = !check.breached && check.headroom && *check.headroom < rule.warn_headroom;
    return check;
}

std::vector<std::string> unmatched_budgets(const core::Config& config,
                                           const std::vector<std::string>& ids)
{
    std::vector<std::string> warnings;
    for (const auto& budget : config.budgets) {
        if (budget.match.empty()) {
            continue;
        }
        const bool matched = std::any_of(ids.begin(), ids.end(), [&](const std::string& id) {
            return util::glob_match(budget.match, id);
        });
        if (!matched) {
            warnings.push_back(fmt::format("{}: [[budget]] matches no benchmark ('match' = '{}')",
                                           config_location(config, budget.line),
                                           budget.match));
        }
    }
    return warnings;
}

} // namespace perfgate::baselines
