#include <reporters/comparison_text.hpp>
#include <reporters/console_comparison.hpp>
#include <reporters/value_text.hpp>
#include <util/sanitize.hpp>
#include <util/text_table.hpp>

#include <fmt/color.h>
#include <fmt/format.h>

#include <algorithm>

namespace perfgate::reporters {
namespace {

using baselines::MetricComparison;
using baselines::Verdict;

// Notes beyond this many are counted, not listed.
constexpr std::size_t k_max_notes = 20;

fmt::text_style style_of(const MetricComparison& entry)
{
    if (entry.fails_gate()) {
        return fmt::fg(fmt::color::red) | fmt::emphasis::bold;
    }
    switch (entry.verdict) {
    case Verdict::regressed:
    case Verdict::inconclusive:
        return fmt::fg(fmt::color::yellow);
    case Verdict::failed:
        return fmt::fg(fmt::color::red);
    case Verdict::improved:
        return fmt::fg(fmt::color::green);
    case Verdict::new_benchmark:
    case Verdict::missing:
    case Verdict::skipped:
        return fmt::fg(fmt::color::cyan);
    default:
        return {};
    }
}

// The verdict as the console shows it: "~" marks unchanged.
std::string console_verdict(const MetricComparison& entry)
{
    return entry.verdict == Verdict::unchanged ? "~ unchanged" : verdict_text(entry);
}

} // namespace

std::string render_console_comparison(const baselines::Comparison& comparison, bool color)
{
    const auto entries = attention_order(comparison.entries);
    const bool budgets = std::any_of(
        entries.begin(), entries.end(), [](const auto* e) { return !e->budgets.empty(); });
    // The `--stats` columns go after "Current": values of the current run.
    constexpr std::ptrdiff_t k_stats_at = 4;

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
    for (auto stat = comparison.stats.rbegin(); stat != comparison.stats.rend(); ++stat) {
        columns.insert(columns.begin() + k_stats_at, {*stat, Align::right});
    }
    util::TextTable table(std::move(columns));
    for (const auto* entry : entries) {
        // Note: each cell is sanitised before it is coloured, so perfgate's colours stay codes.
        std::vector<std::string> row{
            util::sanitize(entry->id),
            util::sanitize(metric_text(*entry)),
            util::sanitize(baseline_text(*entry)),
            util::sanitize(current_text(*entry)),
            entry->change ? format_change(*entry->change) : "-",
            interval_text(*entry),
            entry->p_value ? fmt::format("{:.3f}", *entry->p_value) : "-",
            color ? fmt::format(style_of(*entry), "{}", console_verdict(*entry))
                  : console_verdict(*entry)};
        if (budgets) {
            row.push_back(util::sanitize(budget_text(*entry)));
        }
        const auto stats = stat_values(*entry, comparison.stats);
        row.insert(row.begin() + k_stats_at, stats.begin(), stats.end());
        table.add_row(std::move(row));
    }
    // Every line below holds text from benchmarks and files, and none has a colour of its own.
    const auto line = [](std::string_view text) { return util::sanitize(text) + '\n'; };

    std::string out = color ? table.render("\x1b[1m", "\x1b[0m") : table.render();
    out += '\n';
    for (const auto* entry : entries) {
        if (entry->verdict == Verdict::failed) {
            out += line(fmt::format("failed: '{}': {}", entry->id, entry->message));
        } else if (entry->verdict == Verdict::skipped) {
            out += line(fmt::format("skipped: '{}': {}", entry->id, entry->message));
        }
    }
    const auto notes = note_lines(comparison);
    for (std::size_t i = 0; i < notes.size() && i < k_max_notes; ++i) {
        out += line(fmt::format("note: {}", notes[i]));
    }
    if (notes.size() > k_max_notes) {
        out += fmt::format("note: … and {} more notes in comparison.json\n",
                           notes.size() - k_max_notes);
    }
    out += counts_line(comparison.totals) + '\n';
    for (const auto& judged : judged_metric_lines(comparison)) {
        out += line(fmt::format("judged: {}", judged));
    }
    if (comparison.geomean_change) {
        out += fmt::format("geometric mean of changes: {}\n",
                           format_change(*comparison.geomean_change));
    }
    for (const auto& warning : comparison.warnings) {
        out += line(fmt::format("warning: {}", warning));
    }
    const auto gate = gate_line(comparison);
    const auto style = comparison.gate.exit_code == ExitCode::passed
                           ? fmt::fg(fmt::color::green) | fmt::emphasis::bold
                           : fmt::fg(fmt::color::red) | fmt::emphasis::bold;
    out += (color ? fmt::format(style, "{}", gate) : gate) + '\n';
    return out;
}

} // namespace perfgate::reporters
