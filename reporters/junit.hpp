#pragma once

#include <baselines/comparison.hpp>

#include <string>
#include <string_view>

namespace perfgate::reporters {

// Return the JUnit XML report of `comparison` (README, "Reports"): one <testsuite name="perfgate">,
// one <testcase> per benchmark and metric; gated regressions and budget breaches are failures
// with their numbers, underpowered, new and missing entries are skipped, entries that could not
// be measured are errors.
std::string render_junit(const baselines::Comparison& comparison);

} // namespace perfgate::reporters
