#include <reporters/comparison_text.hpp>
#include <reporters/console_comparison.hpp>
#include <reporters/github.hpp>
#include <util/error.hpp>

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
    return out;
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
        const bool gated = is_gated(*entry, comparison.gate.fail_on);
        if (entry->verdict == Verdict::failed) {
            out += command(
                "error",
                "perfgate",
                fmt::format(
                    "{} {} could not be measured: {}", entry->id, entry->metric, entry->message));
        }
        if (entry->verdict == Verdict::regressed) {
            const auto level = entry->level == core::Level::none
                                   ? std::string("below warning")
                                   : std::string(core::to_string(entry->level));
            const auto kind = gated                               ? "error"
                              : entry->level == core::Level::none ? "notice"
                                                                  : "warning";
            out += command(kind,
                           "perfgate",
                           fmt::format("{} {} regressed {} ({})",
                                       entry->id,
                                       entry->metric,
                                       change_text(*entry),
                                       level));
        }
        if (entry->budget && entry->budget->breached) {
            out += command(
                gated ? "error" : "warning",
                "perfgate",
                fmt::format(
                    "{} {} over budget: {}", entry->id, entry->metric, budget_text(*entry)));
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
        fail(ExitCode::usage, "cannot write the step summary: GITHUB_STEP_SUMMARY is not set");
    }
    std::ofstream file(path, std::ios::app | std::ios::binary);
    if (!file) {
        fail(ExitCode::usage, "cannot open '{}' for the step summary: {}", path, os_error(errno));
    }
    file << markdown;
    if (!markdown.empty() && markdown.back() != '\n') {
        file << '\n';
    }
    file.flush();
    if (!file) {
        fail(ExitCode::usage, "cannot write the step summary to '{}': {}", path, os_error(errno));
    }
}

} // namespace perfgate::reporters
