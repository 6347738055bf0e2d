#include <reporters/comparison_text.hpp>
#include <reporters/escape.hpp>
#include <reporters/junit.hpp>
#include <reporters/templates.hpp>
#include <reporters/value_text.hpp>
#include <util/error.hpp>

#include <fmt/format.h>
#include <kainjow/mustache.hpp>

namespace perfgate::reporters {
namespace {

using baselines::MetricComparison;
using baselines::Verdict;
using Data = kainjow::mustache::data;

// The current median in seconds when the metric is a time, else 0.
double seconds_of(const MetricComparison& entry)
{
    const auto seconds = core::seconds_per(entry.unit);
    return entry.current && seconds ? entry.current->median * *seconds : 0.0;
}

// The numbers behind a verdict: "baseline median 10.0 ms, current median 12.0 ms, change …".
std::string numbers(const MetricComparison& entry)
{
    return fmt::format("baseline {}, current {}, change {}, 95% CI {}, p {}",
                       baseline_text(entry),
                       current_text(entry),
                       entry.change ? format_change(*entry.change) : "-",
                       interval_text(entry),
                       entry.p_value ? fmt::format("{:.3g}", *entry.p_value) : "-");
}

std::string failure_message(const MetricComparison& entry)
{
    std::vector<std::string> parts;
    if (entry.verdict != Verdict::unchanged) {
        parts.push_back(fmt::format("{}: {}", verdict_text(entry), numbers(entry)));
    }
    for (const auto& budget : entry.budgets) {
        if (budget.breached) {
            parts.push_back(fmt::format("over budget: {}", budget_text(entry, budget)));
        }
    }
    return fmt::format("{}", fmt::join(parts, "; "));
}

std::string skip_message(const MetricComparison& entry)
{
    switch (entry.verdict) {
    case Verdict::inconclusive:
        return fmt::format("{}: {}", verdict_text(entry), numbers(entry));
    case Verdict::missing:
        return "missing: in the baseline but not in the current run";
    case Verdict::skipped:
        return fmt::format("skipped: {}", entry.message);
    default:
        return "new: no baseline to compare with";
    }
}

Data property(std::string_view name, const std::string& value)
{
    Data data;
    data.set("name", std::string(name));
    data.set("value", escape_xml(value));
    return data;
}

// Return `text` without blank lines. Note: kainjow's mustache keeps the line of a standalone tag
// that renders nothing.
std::string drop_blank_lines(const std::string& text)
{
    std::string out;
    out.reserve(text.size());
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find('\n', start);
        end = end == std::string::npos ? text.size() : end + 1;
        const auto line = std::string_view(text).substr(start, end - start);
        if (line.find_first_not_of(" \t\r\n") != std::string_view::npos) {
            out += line;
        }
        start = end;
    }
    return out;
}

} // namespace

std::string render_junit(const baselines::Comparison& comparison)
{
    kainjow::mustache::mustache view{std::string(builtin_template("junit"))};
    if (!view.is_valid()) {
        fail(ExitCode::usage, "JUnit template: {}", view.error_message());
    }
    int failures = 0;
    int errors = 0;
    int skipped = 0;
    double total_seconds = 0;
    Data cases{Data::type::list};
    for (const auto& entry : comparison.entries) {
        const double seconds = seconds_of(entry);
        total_seconds += seconds;
        Data testcase;
        // Note: every section key is set, so none resolves to a field of the suite instead.
        for (const auto* key : {"failure", "error", "skipped", "note"}) {
            testcase.set(key, false);
        }
        testcase.set("id", escape_xml(entry.id));
        testcase.set("metric", escape_xml(entry.metric));
        testcase.set("time", fmt::format("{:.9f}", seconds));
        const auto message = [](const std::string& text) {
            Data data;
            data.set("message", escape_xml(text));
            return data;
        };
        if (entry.verdict == Verdict::failed) {
            ++errors;
            testcase.set("error", message(entry.message.empty() ? "failed" : entry.message));
        } else if (entry.fails_gate()) {
            ++failures;
            testcase.set("failure", message(failure_message(entry)));
        } else if (entry.verdict == Verdict::inconclusive || entry.verdict == Verdict::missing ||
                   entry.verdict == Verdict::new_benchmark || entry.verdict == Verdict::skipped) {
            ++skipped;
            testcase.set("skipped", message(skip_message(entry)));
        } else {
            // Passing, perhaps with a regression below the gate: say what was measured.
            auto note = fmt::format("{}: {}", verdict_text(entry), numbers(entry));
            if (!entry.budgets.empty()) {
                note += fmt::format("; budget: {}", budget_text(entry));
            }
            testcase.set("note", escape_xml(note));
        }
        cases.push_back(testcase);
    }

    Data data;
    data.set("suite_tests", std::to_string(comparison.entries.size()));
    data.set("suite_failures", std::to_string(failures));
    data.set("suite_errors", std::to_string(errors));
    data.set("suite_skipped", std::to_string(skipped));
    data.set("suite_time", fmt::format("{:.9f}", total_seconds));
    data.set("cases", cases);
    Data properties{Data::type::list};
    properties.push_back(property("baseline", comparison.baseline.label));
    properties.push_back(property("current", comparison.current.label));
    properties.push_back(
        property("fail_on", std::string(core::to_string(comparison.gate.fail_on))));
    properties.push_back(property("gate", gate_line(comparison)));
    properties.push_back(property("counts", counts_line(comparison.totals)));
    for (const auto& line : judged_metric_lines(comparison)) {
        properties.push_back(property("judged", line));
    }
    data.set("properties", properties);
    return drop_blank_lines(view.render(data));
}

} // namespace perfgate::reporters
