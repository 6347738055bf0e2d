#include <baselines/gate.hpp>
#include <reporters/comparison_text.hpp>
#include <reporters/github.hpp>
#include <reporters/value_text.hpp>
#include <util/error.hpp>
#include <util/sanitize.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <cstdlib>
#include <fstream>

namespace perfgate::reporters {
namespace {

using baselines::MetricComparison;
using baselines::Verdict;

std::string command(std::string_view kind, std::string_view title, std::string_view message)
{
    return fmt::format("::{} title={}::{}\n",
                       kind,
                       escape_command_property(title),
                       escape_command_message(message));
}

std::string change_text(const MetricComparison& entry)
{
    return entry.change ? format_change(*entry.change) : std::string("?");
}

} // namespace

std::string escape_command_message(std::string_view text)
{
    std::string out;
    for (const char c : text) {
        switch (c) {
        case '%':
            out += "%25";
            break;
        case '\r':
            out += "%0D";
            break;
        case '\n':
            out += "%0A";
            break;
        default:
            out += c;
        }
    }
    return util::sanitize(out);
}

std::string escape_command_property(std::string_view text)
{
    std::string out;
    for (const char c : escape_command_message(text)) {
        switch (c) {
        case ':':
            out += "%3A";
            break;
        case ',':
            out += "%2C";
            break;
        default:
            out += c;
        }
    }
    return out;
}

std::string github_annotations(const baselines::Comparison& comparison)
{
    std::string out;
    for (const auto* entry : attention_order(comparison.entries)) {
        const bool gated = entry->fails_gate();
        if (entry->verdict == Verdict::failed) {
            out += command(
                "error",
                "perfgate",
                fmt::format(
                    "{} {} could not be measured: {}", entry->id, entry->metric, entry->message));
        }
        if (entry->verdict == Verdict::regressed) {
            out += command(gated ? "error" : "warning",
                           "perfgate",
                           fmt::format("{} {} regressed {} ({})",
                                       entry->id,
                                       entry->metric,
                                       change_text(*entry),
                                       core::to_string(entry->level)));
        } else if (entry->verdict == Verdict::inconclusive && entry->gated() &&
                   comparison.gate.inconclusive != core::InconclusivePolicy::pass) {
            out += command(gated ? "error" : "warning",
                           "perfgate",
                           fmt::format("{} {} {}: {}",
                                       entry->id,
                                       entry->metric,
                                       verdict_text(*entry),
                                       entry->notes.empty() ? "" : entry->notes.front()));
        }
        for (const auto& budget : entry->budgets) {
            if (budget.breached || budget.thin) {
                out += command(budget.fails_gate ? "error" : "warning",
                               "perfgate",
                               fmt::format("{} {} {}: {} ({})",
                                           entry->id,
                                           entry->metric,
                                           budget.breached ? "over budget" : "close to its budget",
                                           budget_text(*entry, budget),
                                           budget.origin));
            }
        }
    }
    return out;
}

void write_step_summary(const std::string& markdown)
{
    const char* actions = std::getenv("GITHUB_ACTIONS");
    if (actions == nullptr || std::string_view(actions) != "true") {
        return;
    }
    const char* path = std::getenv("GITHUB_STEP_SUMMARY");
    if (path == nullptr || *path == '\0') {
        fail(ExitCode::io, "cannot write the step summary: GITHUB_STEP_SUMMARY is not set");
    }
    std::ofstream file(path, std::ios::app | std::ios::binary);
    if (!file) {
        fail(ExitCode::io, "cannot open '{}' for the step summary: {}", path, os_error(errno));
    }
    file << markdown;
    if (!markdown.empty() && markdown.back() != '\n') {
        file << '\n';
    }
    file.flush();
    if (!file) {
        fail(ExitCode::io, "cannot write the step summary to '{}': {}", path, os_error(errno));
    }
}

} // namespace perfgate::reporters
