#include <baselines/gate.hpp>
#include <reporters/comparison_text.hpp>
#include <reporters/value_text.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <tuple>

namespace perfgate::reporters {
namespace {

using baselines::MetricComparison;
using baselines::Verdict;

int level_rank(core::Level level)
{
    switch (level) {
    case core::Level::blocker:
        return 0;
    case core::Level::critical:
        return 1;
    case core::Level::warning:
        return 2;
    case core::Level::none:
        return 3;
    }
    return 3;
}

int rank(const MetricComparison& entry)
{
    if (entry.fails_gate()) {
        return level_rank(entry.level);
    }
    if (entry.verdict == Verdict::regressed) {
        return 4 + level_rank(entry.level);
    }
    if (entry.verdict == Verdict::failed) {
        return 8;
    }
    if (entry.over_budget()) {
        return 9;
    }
    if (entry.thin_headroom()) {
        return 10;
    }
    switch (entry.verdict) {
    case Verdict::inconclusive:
        return 10;
    case Verdict::slower:
        return 11;
    case Verdict::improved:
        return 12;
    case Verdict::faster:
        return 13;
    case Verdict::new_benchmark:
        return 14;
    case Verdict::missing:
        return 15;
    case Verdict::skipped:
        return 16;
    default:
        return 17;
    }
}

std::string center_text(const MetricComparison& entry,
                        const std::optional<double>& center,
                        const std::optional<core::Summary>& summary)
{
    if (center) {
        return format_value(*center, entry.unit, std::nullopt);
    }
    return summary && summary->n > 0 ? format_value(summary->median, entry.unit, std::nullopt)
                                     : std::string("-");
}

// Return "N thing" or "N things".
std::string plural(int count, std::string_view thing, std::string_view things)
{
    return fmt::format("{} {}", count, count == 1 ? thing : things);
}

} // namespace

std::vector<const MetricComparison*> attention_order(const std::vector<MetricComparison>& entries)
{
    std::vector<const MetricComparison*> ordered;
    ordered.reserve(entries.size());
    for (const auto& entry : entries) {
        ordered.push_back(&entry);
    }
    std::stable_sort(ordered.begin(), ordered.end(), [](const auto* a, const auto* b) {
        return rank(*a) < rank(*b);
    });
    return ordered;
}

std::string verdict_text(const MetricComparison& entry)
{
    switch (entry.verdict) {
    case Verdict::regressed:
        return fmt::format("regressed ({})", core::to_string(entry.level));
    case Verdict::slower:
        return "small slowdown";
    case Verdict::faster:
        return "small speedup";
    case Verdict::inconclusive:
        return entry.resolution ? fmt::format("inconclusive (±{:.0f}%)", *entry.resolution * 100)
                                : std::string("inconclusive (too few samples)");
    default:
        return std::string(baselines::to_string(entry.verdict));
    }
}

std::string metric_text(const MetricComparison& entry)
{
    switch (entry.role) {
    case baselines::Role::guard:
        return entry.metric + " (guard)";
    case baselines::Role::informational:
        return entry.metric + " (not gated)";
    case baselines::Role::primary:
        break;
    }
    return entry.metric.empty() ? std::string("-") : entry.metric;
}

std::string baseline_text(const MetricComparison& entry)
{
    return center_text(entry, entry.baseline_center, entry.baseline);
}

std::string current_text(const MetricComparison& entry)
{
    return center_text(entry, entry.current_center, entry.current);
}

std::string interval_text(const MetricComparison& entry)
{
    return entry.interval ? fmt::format("[{}, {}]",
                                        format_change(entry.interval->low),
                                        format_change(entry.interval->high))
                          : std::string("-");
}

std::string budget_text(const MetricComparison& entry, const baselines::BudgetCheck& budget)
{
    // Note: a unitless ratio limited in percent is shown in percent, as it was written.
    const bool percent = entry.unit.empty() && budget.written.ends_with('%');
    const auto value = percent ? fmt::format("{:.3g}%", budget.value * 100)
                               : format_value(budget.value, entry.unit, std::nullopt);
    const auto limit = !budget.written.empty()
                           ? budget.written
                           : format_value(budget.limit, entry.unit, std::nullopt);
    const bool ceiling = budget.bound == baselines::Bound::ceiling;
    if (budget.breached) {
        return fmt::format("{} {} {} {}: BREACHED ({})",
                           budget.statistic,
                           value,
                           ceiling ? ">" : "<",
                           limit,
                           core::to_string(budget.level));
    }
    auto within = fmt::format("{} {} {} {}", budget.statistic, value, ceiling ? "≤" : "≥", limit);
    if (!budget.headroom) {
        return within;
    }
    if (budget.thin) {
        return fmt::format("{}: only {:.0f}% headroom (warns below {:.0f}%)",
                           within,
                           *budget.headroom * 100,
                           budget.warn_headroom * 100);
    }
    return fmt::format("{}: {:.0f}% headroom", within, *budget.headroom * 100);
}

std::string budget_text(const MetricComparison& entry)
{
    std::vector<std::string> parts;
    for (const auto& budget : entry.budgets) {
        parts.push_back(budget_text(entry, budget));
    }
    return fmt::format("{}", fmt::join(parts, "; "));
}

std::vector<std::string> budget_lines(const baselines::Comparison& comparison)
{
    std::vector<std::string> lines;
    for (const auto* entry : attention_order(comparison.entries)) {
        for (const auto& budget : entry->budgets) {
            lines.push_back(fmt::format("'{}' {}: {} ({})",
                                        entry->id,
                                        entry->metric,
                                        budget_text(*entry, budget),
                                        budget.origin));
        }
    }
    return lines;
}

std::string render_budgets(const baselines::Comparison& comparison)
{
    const auto lines = budget_lines(comparison);
    if (lines.empty()) {
        return "";
    }
    std::string out;
    for (const auto& line : lines) {
        out += fmt::format("budget: {}\n", line);
    }
    return out + gate_line(comparison) + '\n';
}

std::vector<std::string> stat_values(const MetricComparison& entry,
                                     const std::vector<std::string>& stats)
{
    std::vector<std::string> values;
    for (const auto& name : stats) {
        const auto value = entry.current && entry.current->n > 0
                               ? core::statistic_of(*entry.current, name)
                               : std::nullopt;
        values.push_back(value ? format_value(*value, entry.unit, std::nullopt) : "-");
    }
    return values;
}

std::string counts_line(const baselines::Totals& t)
{
    std::vector<std::string> levels;
    for (const auto& [count, name] :
         {std::pair{t.blocker, "blocker"}, {t.critical, "critical"}, {t.warning, "warning"}}) {
        if (count > 0) {
            levels.push_back(fmt::format("{} {}", count, name));
        }
    }
    std::vector<std::string> parts{
        fmt::format("{} regressed{}",
                    t.regressed,
                    levels.empty() ? "" : fmt::format(" ({})", fmt::join(levels, ", "))),
        fmt::format("{} unchanged", t.unchanged),
        fmt::format("{} improved", t.improved)};
    const int small = t.slower + t.faster;
    for (const auto& [count, text] :
         {std::pair{small,
                    fmt::format("within warning ({} slower, {} faster)", t.slower, t.faster)},
          {t.inconclusive, std::string("inconclusive")},
          {t.new_benchmarks, std::string("new")},
          {t.missing, std::string("missing")},
          {t.failed, std::string("failed")},
          {t.skipped, std::string("skipped")},
          {t.budget_breaches, std::string("over budget")},
          {t.thin_headroom, std::string("close to budget")}}) {
        if (count > 0) {
            parts.push_back(fmt::format("{} {}", count, text));
        }
    }
    return fmt::format("{}", fmt::join(parts, ", "));
}

std::string gate_line(const baselines::Comparison& comparison)
{
    const auto& gate = comparison.gate;
    const auto fail_on = core::to_string(gate.fail_on);
    if (gate.exit_code == ExitCode::measurement) {
        return fmt::format("gate: BROKEN RUN: {} could not be measured; nothing is judged as "
                           "passing",
                           plural(comparison.totals.failed, "benchmark", "benchmarks"));
    }
    const std::string inconclusive =
        comparison.totals.inconclusive > 0 && gate.inconclusive != core::InconclusivePolicy::pass
            ? fmt::format("; {} inconclusive", comparison.totals.inconclusive)
            : "";
    if (gate.fail_on == core::FailOn::never) {
        return "gate: passed (fail-on never: regressions are reported, not gated)" + inconclusive;
    }
    if (!gate.passed) {
        const auto failing = [&](baselines::GateFailure reason) {
            return static_cast<int>(std::count_if(
                comparison.entries.begin(), comparison.entries.end(), [&](const auto& entry) {
                    return entry.failure == reason;
                }));
        };
        const auto regressions = failing(baselines::GateFailure::regression);
        const auto breaches = failing(baselines::GateFailure::budget);
        const auto unclear = failing(baselines::GateFailure::inconclusive);
        std::vector<std::string> parts;
        if (regressions > 0) {
            parts.push_back(plural(regressions, "regression", "regressions"));
        }
        if (breaches > 0) {
            parts.push_back(plural(breaches, "budget breach", "budget breaches"));
        }
        std::string text = fmt::format("{} at or above {}", fmt::join(parts, " and "), fail_on);
        if (unclear > 0) {
            text = parts.empty() ? "" : text + "; ";
            text += fmt::format("{} that [gate].inconclusive = \"fail\" fails",
                                plural(unclear, "inconclusive result", "inconclusive results"));
        }
        return fmt::format("gate: FAILED (fail-on {}): {}", fail_on, text);
    }
    return fmt::format(
        "gate: passed (fail-on {}): nothing at or above {}{}", fail_on, fail_on, inconclusive);
}

std::vector<std::string> judged_metric_lines(const baselines::Comparison& comparison)
{
    // metric, role, reason -> benchmarks
    std::map<std::tuple<std::string, baselines::Role, std::string>, std::vector<std::string>>
        groups;
    std::vector<std::tuple<std::string, baselines::Role, std::string>> order;
    for (const auto& entry : comparison.entries) {
        if (entry.reason.empty()) {
            continue;
        }
        auto key = std::tuple{entry.metric, entry.role, entry.reason};
        auto& ids = groups[key];
        if (ids.empty()) {
            order.push_back(key);
        }
        ids.push_back(entry.id);
    }
    std::vector<std::string> lines;
    for (const auto& key : order) {
        const auto& [metric, role, reason] = key;
        const auto& ids = groups[key];
        const auto which = ids.size() == 1 ? fmt::format("'{}'", ids.front())
                                           : fmt::format("{} benchmarks", ids.size());
        lines.push_back(fmt::format("{} {} for {}: {}",
                                    metric,
                                    role == baselines::Role::primary ? "gated"
                                    : role == baselines::Role::guard ? "gated as a guard"
                                                                     : "shown, not gated,",
                                    which,
                                    reason));
    }
    return lines;
}

std::vector<std::string> note_lines(const baselines::Comparison& comparison)
{
    std::vector<std::string> lines;
    for (const auto* entry : attention_order(comparison.entries)) {
        for (const auto& note : entry->notes) {
            lines.push_back(fmt::format("'{}' {}: {}", entry->id, entry->metric, note));
        }
    }
    return lines;
}

} // namespace perfgate::reporters
