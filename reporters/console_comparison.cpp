#include <reporters/comparison_text.hpp>
#include <reporters/console_comparison.hpp>
#include <reporters/run_table.hpp>
#include <util/text_table.hpp>

#include <fmt/color.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace perfgate::reporters {
namespace {

using baselines::MetricComparison;
using baselines::Verdict;

fmt::text_style style_of(const MetricComparison& entry)
{
    switch (entry.verdict) {
    case Verdict::regressed:
        return entry.level == core::Level::blocker || entry.level == core::Level::critical
                   ? fmt::fg(fmt::color::red) | fmt::emphasis::bold
                   : fmt::fg(fmt::color::yellow);
    case Verdict::failed:
        return fmt::fg(fmt::color::red);
    case Verdict::improved:
        return fmt::fg(fmt::color::green);
    case Verdict::underpowered:
        return fmt::fg(fmt::color::yellow);
    case Verdict::new_benchmark:
    case Verdict::missing:
        return fmt::fg(fmt::color::cyan);
    default:
        return {};
    }
}

// The verdict as the console shows it: "~" marks unchanged (design.md §6.4).
std::string console_verdict(const MetricComparison& entry)
{
    return entry.verdict == Verdict::unchanged ? "~ unchanged" : verdict_text(entry);
}

} // namespace

std::string format_change(double change)
{
    const double percent = change * 100.0;
    if (std::abs(percent) < 0.05) {
        return "0.0%";
    }
    return percent < 0 ? fmt::format("−{:.1f}%", -percent) : fmt::format("+{:.1f}%", percent);
}

std::string counts_line(const baselines::Totals& t)
{
    std::vector<std::string> levels;
    if (t.blocker > 0) {
        levels.push_back(fmt::format("{} blocker", t.blocker));
    }
    if (t.critical > 0) {
        levels.push_back(fmt::format("{} critical", t.critical));
    }
    if (t.warning > 0) {
        levels.push_back(fmt::format("{} warning", t.warning));
    }
    auto line = fmt::format(
        "{} regressed{}, {} improved, {} unchanged, {} underpowered, {} new, {} missing",
        t.regressed,
        levels.empty() ? "" : fmt::format(" ({})", fmt::join(levels, ", ")),
        t.improved,
        t.unchanged,
        t.underpowered,
        t.new_benchmarks,
        t.missing);
    if (t.failed > 0) {
        line += fmt::format(", {} failed", t.failed);
    }
    if (t.budget_breaches > 0) {
        line += fmt::format(", {} over budget", t.budget_breaches);
    }
    return line;
}

std::string gate_line(const baselines::Comparison& comparison)
{
    const auto& gate = comparison.gate;
    const auto fail_on = core::to_string(gate.fail_on);
    if (gate.exit_code == ExitCode::measurement) {
        return fmt::format(
            "gate: BROKEN RUN: {} benchmark(s) could not be measured; nothing is judged "
            "as passing",
            comparison.totals.failed);
    }
    if (gate.fail_on == core::FailOn::never) {
        return "gate: passed (fail-on never: regressions are reported, not gated)";
    }
    if (!gate.passed) {
        return fmt::format("gate: FAILED (fail-on {}): {} regression(s) or budget breach(es) at or "
                           "above {}",
                           fail_on,
                           gate.failures,
                           fail_on);
    }
    return fmt::format("gate: passed (fail-on {}): nothing at or above {}", fail_on, fail_on);
}

std::string render_console_comparison(const baselines::Comparison& comparison, bool color)
{
    const auto entries = attention_order(comparison.entries);
    const bool budgets = std::any_of(
        entries.begin(), entries.end(), [](const auto* e) { return e->budget.has_value(); });

    using Align = util::TextTable::Align;
    std::vector<util::TextTable::Column> columns{{"Benchmark", Align::left},
                                                 {"Metric", Align::left},
                                                 {"Baseline", Align::right},
                                                 {"Current", Align::right},
                                                 {"Change", Align::right},
                                                 {"95% CI", Align::right},
                                                 {"p", Align::right},
                                                 {"Verdict", Align::left}};
    if (budgets) {
        columns.push_back({"Budget", Align::left});
    }
    util::TextTable table(std::move(columns));
    for (const auto* entry : entries) {
        std::vector<std::string> row{
            entry->id,
            entry->metric,
            median_text(*entry, entry->baseline),
            median_text(*entry, entry->current),
            entry->change ? format_change(*entry->change) : "-",
            interval_text(*entry),
            entry->p_value ? fmt::format("{:.3f}", *entry->p_value) : "-",
            color ? fmt::format(style_of(*entry), "{}", console_verdict(*entry))
                  : console_verdict(*entry)};
        if (budgets) {
            row.push_back(budget_text(*entry));
        }
        table.add_row(std::move(row));
    }

    std::string out = color ? table.render("\x1b[1m", "\x1b[0m") : table.render();
    out += '\n';
    for (const auto* entry : entries) {
        if (entry->verdict == Verdict::failed) {
            out += fmt::format("failed: '{}': {}\n", entry->id, entry->message);
        }
    }
    out += counts_line(comparison.totals) + '\n';
    if (comparison.geomean_change) {
        out += fmt::format("geometric mean of changes: {}\n",
                           format_change(*comparison.geomean_change));
    }
    for (const auto& warning : comparison.warnings) {
        out += fmt::format("warning: {}\n", warning);
    }
    const auto line = gate_line(comparison);
    const auto style = comparison.gate.exit_code == ExitCode::passed
                           ? fmt::fg(fmt::color::green) | fmt::emphasis::bold
                           : fmt::fg(fmt::color::red) | fmt::emphasis::bold;
    out += (color ? fmt::format(style, "{}", line) : line) + '\n';
    return out;
}

} // namespace perfgate::reporters
