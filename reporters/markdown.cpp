#include <core/units.hpp>
#include <reporters/comparison_text.hpp>
#include <reporters/escape.hpp>
#include <reporters/markdown.hpp>
#include <reporters/templates.hpp>
#include <reporters/value_text.hpp>
#include <util/error.hpp>
#include <util/utf8.hpp>

#include <fmt/format.h>
#include <kainjow/mustache.hpp>

#include <algorithm>
#include <cctype>
#include <map>
#include <tuple>

namespace perfgate::reporters {
namespace {

using baselines::MetricComparison;
using baselines::Verdict;
using Data = kainjow::mustache::data;

// Return the `--stats` names, or one row's values, as a list for the template.
Data stat_list(const std::vector<std::string>& texts)
{
    Data list{Data::type::list};
    for (const auto& text : texts) {
        Data item;
        item.set("text", escape_markdown(text));
        list.push_back(item);
    }
    return list;
}

Data row_data(const MetricComparison& entry, const std::vector<std::string>& stats)
{
    Data row;
    row.set("id", escape_markdown(entry.id));
    row.set("metric", escape_markdown(metric_text(entry)));
    row.set("baseline", escape_markdown(baseline_text(entry)));
    row.set("current", escape_markdown(current_text(entry)));
    row.set("change", entry.change ? escape_markdown(format_change(*entry.change)) : "-");
    row.set("interval", interval_text(entry)); // numbers only: no user text
    row.set("p", entry.p_value ? fmt::format("{:.3f}", *entry.p_value) : "-");
    row.set("verdict", escape_markdown(verdict_text(entry)));
    row.set("budget", escape_markdown(budget_text(entry)));
    row.set("stat_values", stat_list(stat_values(entry, stats)));
    return row;
}

std::string git_text(const core::Environment& environment)
{
    if (!environment.git) {
        return "-";
    }
    const auto& git = *environment.git;
    // Note: git says "(detached)" for a checkout of a commit, as CI does.
    const std::string branch = git.branch == "(detached)" ? "detached" : git.branch;
    return fmt::format("{} ({}){}", git.commit.substr(0, 12), branch, git.dirty ? ", dirty" : "");
}

// Return the thresholds most gated metrics were judged with, and how many had others.
std::string thresholds_line(const baselines::Comparison& comparison)
{
    std::map<std::tuple<double, double, double>, std::size_t> uses;
    for (const auto& entry : comparison.entries) {
        if (entry.gated() && entry.baseline && entry.current) {
            ++uses[{entry.policy.warning, entry.policy.critical, entry.policy.blocker}];
        }
    }
    if (uses.empty()) {
        return {};
    }
    const auto most = std::max_element(
        uses.begin(), uses.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
    const auto& [warning, critical, blocker] = most->first;
    std::size_t others = 0;
    for (const auto& [thresholds, count] : uses) {
        others += thresholds == most->first ? 0 : count;
    }
    return fmt::format("Thresholds: warning {}, critical {}, blocker {}; the gate fails at {}{}",
                       format_change(warning),
                       format_change(critical),
                       format_change(blocker),
                       core::to_string(comparison.gate.fail_on),
                       others == 0 ? std::string()
                                   : fmt::format(" ({} judged metric{} with thresholds of "
                                                 "their own)",
                                                 others,
                                                 others == 1 ? "" : "s"));
}

// Return "Base `abc` → head `def`" when both sides know their commit.
std::string commits_line(const baselines::Comparison& comparison)
{
    const auto& base = comparison.baseline.environment.git;
    const auto& head = comparison.current.environment.git;
    if (!base || !head) {
        return {};
    }
    return fmt::format("Base `{}` → head `{}`{}",
                       base->commit.substr(0, 12),
                       head->commit.substr(0, 12),
                       head->dirty ? " (with uncommitted changes)" : "");
}

Data environment_data(const baselines::Comparison& comparison)
{
    const auto& b = comparison.baseline;
    const auto& c = comparison.current;
    const auto row =
        [](std::string_view name, const std::string& baseline, const std::string& current) {
            Data data;
            data.set("name", std::string(name));
            data.set("baseline", escape_markdown(baseline));
            data.set("current", escape_markdown(current));
            return data;
        };
    Data list{Data::type::list};
    list.push_back(row("Label", b.label, c.label));
    list.push_back(row("Created", b.created, c.created));
    list.push_back(row("Host", b.environment.host, c.environment.host));
    list.push_back(row("OS", b.environment.os, c.environment.os));
    list.push_back(row("CPU", b.environment.cpu, c.environment.cpu));
    list.push_back(
        row("CPUs", std::to_string(b.environment.cpus), std::to_string(c.environment.cpus)));
    list.push_back(row("Memory",
                       core::format_bytes(static_cast<double>(b.environment.memory_bytes)),
                       core::format_bytes(static_cast<double>(c.environment.memory_bytes))));
    list.push_back(row("Git", git_text(b.environment), git_text(c.environment)));
    return list;
}

std::string gate_badge(const baselines::Comparison& comparison)
{
    if (comparison.gate.exit_code == ExitCode::measurement) {
        return "💥 broken run";
    }
    return comparison.gate.passed ? "✅ passed" : "❌ failed";
}

// The parts of the report; the two tables are cut to fit by `render`.
struct Report
{
    Data base;
    std::vector<Data> attention; // regressions, budget breaches and thin budget headroom
    std::vector<Data> rows;      // every entry, unchanged ones last
};

Report build(const baselines::Comparison& comparison, const MarkdownOptions& options)
{
    Report report;
    auto& base = report.base;
    base.set("pr_comment", options.pr_comment);
    base.set("gate_badge", gate_badge(comparison));
    base.set("gate", escape_markdown(gate_line(comparison)));
    base.set("counts", escape_markdown(counts_line(comparison.totals)));
    const auto thresholds = thresholds_line(comparison);
    base.set("has_thresholds", !thresholds.empty());
    base.set("thresholds", escape_markdown(thresholds));
    const auto commits = commits_line(comparison);
    base.set("has_commits", !commits.empty());
    base.set("commits", commits);
    base.set("has_geomean", comparison.geomean_change.has_value());
    if (comparison.geomean_change) {
        base.set("geomean", escape_markdown(format_change(*comparison.geomean_change)));
    }

    Data failures{Data::type::list};
    bool has_failures = false;
    bool budgets = false;
    for (const auto* entry : attention_order(comparison.entries)) {
        budgets = budgets || !entry->budgets.empty();
        report.rows.push_back(row_data(*entry, comparison.stats));
        if (entry->fails_gate() || entry->verdict == Verdict::regressed || entry->over_budget() ||
            entry->thin_headroom()) {
            report.attention.push_back(report.rows.back());
        }
        if (entry->verdict == Verdict::failed) {
            Data failure;
            failure.set("id", escape_markdown(entry->id));
            failure.set("message", escape_markdown(entry->message));
            failures.push_back(failure);
            has_failures = true;
        }
    }
    base.set("budgets", budgets);
    base.set("stat_names", stat_list(comparison.stats));
    base.set("has_failures", has_failures);
    base.set("failures", failures);
    base.set("has_attention", !report.attention.empty());
    base.set("has_entries", !report.rows.empty());
    base.set("total", std::to_string(report.rows.size()));
    base.set("environment", environment_data(comparison));

    Data warnings{Data::type::list};
    for (const auto& warning : comparison.warnings) {
        Data item;
        item.set("text", escape_markdown(warning));
        warnings.push_back(item);
    }
    Data judged{Data::type::list};
    for (const auto& line : judged_metric_lines(comparison)) {
        Data item;
        item.set("text", escape_markdown(line));
        judged.push_back(item);
    }
    base.set("has_judged", !judged.is_empty_list());
    base.set("judged", judged);
    base.set("has_warnings", !comparison.warnings.empty());
    base.set("warnings", warnings);
    return report;
}

// Set `name` to the first `kept` of `all`, with the note's fields when some are left out.
void set_table(Data& data, const std::string& name, const std::vector<Data>& all, std::size_t kept)
{
    Data list{Data::type::list};
    for (std::size_t i = 0; i < kept; ++i) {
        list.push_back(all[i]);
    }
    data.set(name, list);
    data.set(name + "_omitted", kept < all.size());
    data.set(name + "_omitted_count", std::to_string(all.size() - kept));
}

// Return the largest n in [0, size] with fits(n), assuming fits is monotone; nullopt if none.
template <typename Fits> std::optional<std::size_t> largest_fitting(std::size_t size, Fits fits)
{
    if (!fits(0)) {
        return std::nullopt;
    }
    std::size_t low = 0; // fits
    std::size_t high = size;
    while (low < high) {
        const std::size_t middle = low + (high - low + 1) / 2;
        if (fits(middle)) {
            low = middle;
        } else {
            high = middle - 1;
        }
    }
    return low;
}

// Return `text` without the blank lines that false sections leave: at most one blank line in a
// row, none at the start. Note: kainjow's mustache keeps the line of a standalone tag that
// renders nothing.
std::string tidy(const std::string& text)
{
    std::string out;
    out.reserve(text.size());
    std::size_t newlines = 2; // as if after a blank line, so leading blank lines go
    for (const char c : text) {
        newlines = c == '\n' ? newlines + 1 : 0;
        if (newlines <= 2) {
            out += c;
        }
    }
    return out;
}

} // namespace

std::string render_markdown(const baselines::Comparison& comparison, const MarkdownOptions& options)
{
    const std::string text =
        options.template_text ? *options.template_text : std::string(builtin_template("markdown"));
    kainjow::mustache::mustache view{text};
    if (!view.is_valid()) {
        fail(ExitCode::usage, "Markdown template: {}", view.error_message());
    }
    auto report = build(comparison, options);
    const auto render = [&](std::size_t attention, std::size_t rows) {
        set_table(report.base, "attention", report.attention, attention);
        set_table(report.base, "rows", report.rows, rows);
        return tidy(view.render(report.base));
    };

    auto out = render(report.attention.size(), report.rows.size());
    if (out.size() <= options.max_chars) {
        return out;
    }
    // Rows are in attention order, so cutting from the end drops unchanged ones first.
    const auto rows = largest_fitting(report.rows.size(), [&](std::size_t n) {
        return render(report.attention.size(), n).size() <= options.max_chars;
    });
    if (rows) {
        return render(report.attention.size(), *rows);
    }
    const auto attention = largest_fitting(report.attention.size(), [&](std::size_t n) {
        return render(n, 0).size() <= options.max_chars;
    });
    return std::string(util::cut_bytes(render(attention.value_or(0), 0), options.max_chars));
}

} // namespace perfgate::reporters
