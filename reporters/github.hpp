#pragma once

#include <baselines/comparison.hpp>

#include <string>
#include <string_view>

namespace perfgate::reporters {

// Return GitHub Actions workflow commands, one line per regression, budget breach or failed
// benchmark: `::error` for what fails the gate (and failures), `::warning` for regressions at a
// level below it, `::notice` for significant regressions below the warning threshold.
std::string github_annotations(const baselines::Comparison& comparison);

// Append `markdown` to the file named by $GITHUB_STEP_SUMMARY when GITHUB_ACTIONS is "true";
// otherwise do nothing. Throws Error naming the file when it cannot be written.
void write_step_summary(const std::string& markdown);

// Return `text` escaped as the message of a workflow command: % \r \n as %25 %0D %0A, then
// sanitised (util::sanitize): other control characters as visible escapes such as `\x1b`.
std::string escape_command_message(std::string_view text);

// Return `text` escaped as a workflow command property value: also : and , as %3A %2C.
std::string escape_command_property(std::string_view text);

} // namespace perfgate::reporters
