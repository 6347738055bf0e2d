#include <core/units.hpp>
#include <core/version.hpp>
#include <reporters/comparison_text.hpp>
#include <reporters/escape.hpp>
#include <reporters/html.hpp>
#include <reporters/html_svg.hpp>
#include <reporters/templates.hpp>
#include <reporters/value_text.hpp>
#include <util/error.hpp>

#include <fmt/format.h>
#include <kainjow/mustache.hpp>

#include <algorithm>
#include <array>
#include <cmath>

namespace perfgate::reporters {
namespace {

namespace mustache = kainjow::mustache;
using baselines::MetricComparison;
using baselines::Verdict;

// A number for a data-value attribute (sorting), empty when there is none.
std::string sort_value(std::optional<double> value)
{
    return value ? fmt::format("{}", *value) : std::string();
}

double size_of_change(const MetricComparison* entry)
{
    return std::abs(entry->worsening().value_or(0));
}

// Return at most `limit` of `entries`, those with the largest changes, in their given order.
std::vector<const MetricComparison*> largest(std::vector<const MetricComparison*> entries,
                                             std::size_t limit)
{
    if (entries.size() <= limit) {
        return entries;
    }
    auto by_size = entries;
    std::nth_element(
        by_size.begin(),
        by_size.begin() + static_cast<std::ptrdiff_t>(limit - 1),
        by_size.end(),
        [](const auto* a, const auto* b) { return size_of_change(a) > size_of_change(b); });
    const double cut = size_of_change(by_size[limit - 1]);
    std::vector<const MetricComparison*> kept;
    // Note: entries at the cut are taken in order until the limit, so ties stay deterministic.
    const auto above = std::count_if(
        entries.begin(), entries.end(), [&](const auto* e) { return size_of_change(e) > cut; });
    auto ties = static_cast<std::ptrdiff_t>(limit) - above;
    for (const auto* entry : entries) {
        const double size = size_of_change(entry);
        if (size > cut || (size == cut && ties-- > 0)) {
            kept.push_back(entry);
        }
    }
    return kept;
}

mustache::data text_list(const std::vector<std::string>& texts)
{
    mustache::data list{mustache::data::type::list};
    for (const auto& text : texts) {
        list.push_back(mustache::object{{"text", text}});
    }
    return list;
}

// `position` is the entry's place in the attention order, by which the verdict column sorts.
// The `--stats` values of `entry` for the template, with their numbers for sorting.
mustache::data stat_cells(const MetricComparison& entry, const std::vector<std::string>& stats)
{
    mustache::data list{mustache::data::type::list};
    const auto texts = stat_values(entry, stats);
    for (std::size_t i = 0; i < stats.size(); ++i) {
        const auto value = entry.current && entry.current->n > 0
                               ? core::statistic_of(*entry.current, stats[i])
                               : std::nullopt;
        list.push_back(mustache::object{{"text", texts[i]}, {"value", sort_value(value)}});
    }
    return list;
}

// The budget with the least headroom: the one a sort by budget should see.
std::optional<double> tightest_headroom(const MetricComparison& entry)
{
    std::optional<double> tightest;
    for (const auto& budget : entry.budgets) {
        const double headroom = budget.headroom.value_or(budget.breached ? -1.0 : 0.0);
        tightest = tightest ? std::min(*tightest, headroom) : headroom;
    }
    return tightest;
}

mustache::object row(const MetricComparison& entry,
                     std::size_t index,
                     std::size_t position,
                     bool has_plot,
                     const std::vector<std::string>& stats)
{
    const auto interval = entry.interval;
    return mustache::object{
        {"index", std::to_string(index)},
        {"id", entry.id},
        {"metric", metric_text(entry)},
        {"baseline", baseline_text(entry)},
        {"baseline_value", sort_value(entry.baseline_center)},
        {"current", current_text(entry)},
        {"current_value", sort_value(entry.current_center)},
        {"change", entry.change ? format_change(*entry.change) : "-"},
        {"change_value", sort_value(entry.change)},
        {"interval", interval_text(entry)},
        {"interval_value", sort_value(interval ? std::optional(interval->low) : std::nullopt)},
        {"p", entry.p_value ? fmt::format("{:.3f}", *entry.p_value) : "-"},
        {"p_value", sort_value(entry.p_value)},
        {"verdict", std::string(baselines::to_string(entry.verdict))},
        {"level", std::string(core::to_string(entry.level))},
        {"verdict_text", verdict_text(entry)},
        {"rank", std::to_string(position)},
        {"has_message", !entry.message.empty()},
        {"message", entry.message},
        {"budget", budget_text(entry)},
        {"budget_value", sort_value(tightest_headroom(entry))},
        {"breached", entry.over_budget()},
        {"thin", entry.thin_headroom()},
        {"stat_values", stat_cells(entry, stats)},
        {"has_plot", has_plot}};
}

std::string plot_detail(const MetricComparison& entry)
{
    std::vector<std::string> sides;
    if (entry.baseline) {
        sides.push_back(fmt::format("baseline {} (n={})",
                                    format_value(entry.baseline->median, entry.unit, std::nullopt),
                                    entry.baseline->n));
    }
    if (entry.current) {
        sides.push_back(fmt::format("current {} (n={})",
                                    format_value(entry.current->median, entry.unit, std::nullopt),
                                    entry.current->n));
    }
    return fmt::format("{}", fmt::join(sides, ", "));
}

mustache::data environment_rows(const baselines::Side& baseline, const baselines::Side& current)
{
    const auto git = [](const baselines::Side& side, auto field) {
        return side.environment.git ? field(*side.environment.git) : std::string("-");
    };
    const auto memory = [](const baselines::Side& side) {
        return side.environment.memory_bytes > 0
                   ? core::format_bytes(static_cast<double>(side.environment.memory_bytes))
                   : std::string("-");
    };
    const auto cpus = [](const baselines::Side& side) {
        return side.environment.cpus > 0 ? std::to_string(side.environment.cpus) : "-";
    };
    const auto commit = [](const core::GitInfo& g) { return g.commit; };
    const auto branch = [](const core::GitInfo& g) { return g.branch; };
    const auto dirty = [](const core::GitInfo& g) {
        return std::string(g.dirty ? "dirty" : "clean");
    };
    const std::array<std::array<std::string, 3>, 10> rows{{
        {"Label", baseline.label, current.label},
        {"Created", baseline.created, current.created},
        {"Host", baseline.environment.host, current.environment.host},
        {"OS", baseline.environment.os, current.environment.os},
        {"CPU", baseline.environment.cpu, current.environment.cpu},
        {"CPUs", cpus(baseline), cpus(current)},
        {"Memory", memory(baseline), memory(current)},
        {"Git commit", git(baseline, commit), git(current, commit)},
        {"Git branch", git(baseline, branch), git(current, branch)},
        {"Working tree", git(baseline, dirty), git(current, dirty)},
    }};
    mustache::data list{mustache::data::type::list};
    for (const auto& [name, then, now] : rows) {
        // Labels, dates and commits differ by nature; the machine should not.
        const bool compared = name != "Label" && name != "Created" && name != "Git commit";
        list.push_back(mustache::object{{"name", name},
                                        {"baseline", then.empty() ? "-" : then},
                                        {"current", now.empty() ? "-" : now},
                                        {"differs", compared && then != now}});
    }
    return list;
}

std::string gate_badge(const baselines::GateResult& gate)
{
    if (gate.exit_code == ExitCode::measurement) {
        return "BROKEN";
    }
    return gate.passed ? "PASSED" : "FAILED";
}

std::string percent(double fraction)
{
    return fmt::format("{:g}%", fraction * 100);
}

} // namespace

std::string render_html(const baselines::Comparison& comparison, const HtmlOptions& options)
{
    const auto ordered = attention_order(comparison.entries);
    const auto index_of = [&](const MetricComparison* entry) {
        return static_cast<std::size_t>(entry - comparison.entries.data());
    };

    // The chart: changes only, the largest first.
    std::vector<const MetricComparison*> changed;
    std::copy_if(ordered.begin(), ordered.end(), std::back_inserter(changed), [](const auto* e) {
        return e->worsening().has_value();
    });
    auto charted = largest(changed, k_html_plot_limit);
    std::stable_sort(charted.begin(), charted.end(), [](const auto* a, const auto* b) {
        return *a->worsening() > *b->worsening();
    });
    std::vector<std::string> chart_notes;
    if (changed.size() > charted.size()) {
        chart_notes.push_back(fmt::format("Showing the {} largest of {} changes; the table lists "
                                          "them all.",
                                          charted.size(),
                                          changed.size()));
    }
    if (const auto without = comparison.entries.size() - changed.size(); without > 0) {
        chart_notes.push_back(
            fmt::format("{} entr{} without a change (new, missing, failed) not charted.",
                        without,
                        without == 1 ? "y" : "ies"));
    }

    // The distribution plots: entries with samples, the largest changes, in the table's order.
    std::vector<const MetricComparison*> sampled;
    std::copy_if(ordered.begin(), ordered.end(), std::back_inserter(sampled), [](const auto* e) {
        return !e->baseline_samples.empty() || !e->current_samples.empty();
    });
    const auto plotted = largest(sampled, k_html_plot_limit);
    std::vector<bool> has_plot(comparison.entries.size(), false);
    mustache::data plots{mustache::data::type::list};
    int opened = 0;
    for (const auto* entry : plotted) {
        has_plot[index_of(entry)] = true;
        const bool open = entry->verdict == Verdict::regressed && opened < 5;
        opened += open ? 1 : 0;
        plots.push_back(mustache::object{
            {"index", std::to_string(index_of(entry))},
            {"id", entry->id},
            {"metric", entry->metric},
            {"verdict", std::string(baselines::to_string(entry->verdict))},
            {"level", std::string(core::to_string(entry->level))},
            {"change", entry->change ? format_change(*entry->change) : verdict_text(*entry)},
            {"detail", plot_detail(*entry)},
            {"open", open},
            {"svg", html::distribution_plot(*entry)}});
    }
    std::vector<std::string> plot_notes;
    if (sampled.size() > plotted.size()) {
        plot_notes.push_back(fmt::format("Showing the {} entries with the largest changes of {} "
                                         "with samples.",
                                         plotted.size(),
                                         sampled.size()));
    }
    if (sampled.empty()) {
        plot_notes.push_back("No samples to plot.");
    }

    mustache::data rows{mustache::data::type::list};
    for (std::size_t position = 0; position < ordered.size(); ++position) {
        const auto index = index_of(ordered[position]);
        rows.push_back(row(*ordered[position], index, position, has_plot[index], comparison.stats));
    }
    mustache::data verdicts{mustache::data::type::list};
    for (const auto& [verdict, name] : baselines::k_verdict_names) {
        // Note: `name` is for the filter's value, the row's `data-verdict` holds the same. A copy
        // of `verdict` goes into the lambda: clang 14 cannot capture a structured binding.
        const auto wanted = verdict;
        const auto count = std::count_if(comparison.entries.begin(),
                                         comparison.entries.end(),
                                         [&](const auto& e) { return e.verdict == wanted; });
        if (count > 0) {
            verdicts.push_back(
                mustache::object{{"value", std::string(name)}, {"count", std::to_string(count)}});
        }
    }

    const auto bands =
        comparison.entries.empty() ? baselines::MetricPolicy{} : comparison.entries.front().policy;
    mustache::data data;
    data.set("version", std::string(k_version));
    data.set("baseline_label", comparison.baseline.label);
    data.set("current_label", comparison.current.label);
    data.set("gate_badge", gate_badge(comparison.gate));
    data.set("gate_class",
             comparison.gate.exit_code == ExitCode::measurement ? "broken"
             : comparison.gate.passed                           ? "passed"
                                                                : "failed");
    data.set("gate_line", gate_line(comparison));
    data.set("counts", counts_line(comparison.totals));
    data.set("has_geomean", comparison.geomean_change.has_value());
    data.set("geomean", comparison.geomean_change ? format_change(*comparison.geomean_change) : "");
    data.set("has_warnings", !comparison.warnings.empty());
    data.set("warnings", text_list(comparison.warnings));
    const auto judged = judged_metric_lines(comparison);
    data.set("has_judged", !judged.empty());
    data.set("judged", text_list(judged));
    data.set("verdicts", verdicts);
    data.set("entry_count", std::to_string(comparison.entries.size()));
    data.set("rows", rows);
    mustache::data stat_names{mustache::data::type::list};
    for (const auto& name : comparison.stats) {
        stat_names.push_back(mustache::object{{"text", name}});
    }
    data.set("stat_names", stat_names);
    data.set("noise", percent(comparison.noise));
    data.set("warning", percent(bands.warning));
    data.set("critical", percent(bands.critical));
    data.set("blocker", percent(bands.blocker));
    data.set("chart_notes", text_list(chart_notes));
    data.set("has_chart", !charted.empty());
    data.set("chart_svg",
             charted.empty() ? "" : html::change_chart(charted, bands, comparison.noise));
    data.set("plot_notes", text_list(plot_notes));
    data.set("plots", plots);
    data.set("environment", environment_rows(comparison.baseline, comparison.current));
    data.set("alpha", fmt::format("{:g}", comparison.alpha));
    data.set("fail_on", std::string(core::to_string(comparison.gate.fail_on)));

    mustache::mustache page(options.template_text ? *options.template_text
                                                  : std::string(builtin_template("html")));
    if (!page.is_valid()) {
        fail(ExitCode::usage, "html template: {}", page.error_message());
    }
    page.set_custom_escape([](const std::string& text) { return escape_html(text); });
    return page.render(data);
}

} // namespace perfgate::reporters
