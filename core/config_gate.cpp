#include <core/config_section.hpp>

#include <algorithm>
#include <array>

namespace perfgate::core::config_reading {
namespace {

// The units a [[policy]] may give a metric that has none.
constexpr std::array<std::string_view, 9> k_units{
    "s", "ms", "us", "ns", "B", "B/s", "1/s", "%", ""};

} // namespace

GateSettings read_gate(const Section& section)
{
    GateSettings gate;
    assign(gate.baseline, section.string("baseline"));
    Thresholds thresholds = section.thresholds();
    assign(gate.warning, thresholds.warning);
    assign(gate.critical, thresholds.critical);
    assign(gate.blocker, thresholds.blocker);
    section.check_increasing({gate.warning, gate.critical, gate.blocker});
    if (auto fail_on = section.string("fail_on")) {
        gate.fail_on = section.rethrow_at("fail_on", [&] { return parse_fail_on(*fail_on); });
    }
    assign(gate.alpha, section.number("alpha"));
    if (!(gate.alpha > 0 && gate.alpha < 1)) {
        section.fail(section.where("alpha"),
                     "'alpha' in [gate] must be between 0 and 1 (exclusive), not {}",
                     gate.alpha);
    }
    assign(gate.noise, section.percent("noise"));
    assign(gate.guard, section.percent("guard"));
    assign(gate.inconclusive, section.named("inconclusive", k_inconclusive_names));
    return gate;
}

Policy read_policy(const Section& section)
{
    Policy policy;
    policy.line = section.line();
    std::optional<std::string> match = section.string("match");
    if (!match) {
        section.fail(section.where(), "[[policy]] needs a 'match' glob");
    }
    policy.match = *match;
    assign(policy.metrics, section.strings("metrics"));
    policy.thresholds = section.thresholds();
    section.check_increasing(policy.thresholds);
    policy.better = section.named("better", k_better_names);
    if (const toml::node* unit = section.find("unit")) {
        if (!unit->is_string()) {
            section.fail_type("unit", "a string");
        }
        const std::string& text = unit->as_string()->get();
        if (std::find(k_units.begin(), k_units.end(), text) == k_units.end()) {
            section.fail(unit->source(),
                         "invalid value '{}' for 'unit' in [[policy]]: expected {} or \"\" (a "
                         "plain number)",
                         text,
                         fmt::join(k_units.begin(), k_units.end() - 1, ", "));
        }
        policy.unit = text;
    }
    for (std::string_view key : {"better", "unit"}) {
        if (section.find(key) != nullptr && policy.metrics.empty()) {
            section.fail(section.where(key),
                         "'{}' in [[policy]] describes metrics: name them in 'metrics'",
                         key);
        }
    }
    return policy;
}

BudgetConfig read_budget(const Section& section)
{
    BudgetConfig budget;
    budget.line = section.line();
    std::optional<std::string> match = section.string("match");
    if (!match) {
        section.fail(section.where(), "[[budget]] needs a 'match' glob on benchmark ids");
    }
    budget.match = *match;
    budget.metric = section.string("metric");
    assign(budget.statistic, section.choice("statistic", k_statistic_names));
    budget.max = section.quantity("max");
    budget.min = section.quantity("min");
    if (!budget.max && !budget.min) {
        section.fail(section.where(),
                     "[[budget]] needs a 'max' (a ceiling), a 'min' (a floor) or both");
    }
    if (budget.max && budget.min && budget.max->kind == budget.min->kind &&
        budget.min->value > budget.max->value) {
        section.fail(section.where("min"),
                     "'min' ({}) in [[budget]] is above 'max' ({}): no value can meet both",
                     budget.min->text,
                     budget.max->text);
    }
    // Note: a breach counts at a level; "none" is not one.
    constexpr std::array<std::string_view, 3> k_breach_levels{"warning", "critical", "blocker"};
    if (auto level = section.choice("level", k_breach_levels)) {
        budget.level = *value_named(k_level_names, *level);
    }
    if (auto headroom = section.percent("warn_headroom")) {
        if (*headroom >= 1) {
            section.fail(section.where("warn_headroom"),
                         "'warn_headroom' in [[budget]] must be below 100%, not {:g}%",
                         *headroom * 100);
        }
        budget.warn_headroom = *headroom;
    }
    return budget;
}

} // namespace perfgate::core::config_reading
