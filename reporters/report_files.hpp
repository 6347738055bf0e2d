#pragma once

#include <baselines/comparison.hpp>
#include <core/config.hpp>

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace perfgate::reporters {

// The report formats of `--format` (README, "Reports").
using Format = core::ReportFormat;

// Parse `--template FORMAT=FILE` values into template texts by format name ("markdown",
// "html"); throws Error(usage) for a malformed value, another format or an unreadable file.
std::map<std::string, std::string> load_templates(const std::vector<std::string>& values);

// Write every requested format except console into `directory` with fixed names: report.md and
// comment.md (the PR comment), report.html, comparison.json, junit.xml. Return the files.
std::vector<std::filesystem::path>
write_reports(const baselines::Comparison& comparison,
              const std::vector<Format>& formats,
              const std::filesystem::path& directory,
              const std::map<std::string, std::string>& templates);

// When GITHUB_ACTIONS=true: append the Markdown summary to $GITHUB_STEP_SUMMARY and return the
// `::error`/`::warning` annotation lines to print; otherwise do nothing and return "".
std::string github_output(const baselines::Comparison& comparison);

} // namespace perfgate::reporters
