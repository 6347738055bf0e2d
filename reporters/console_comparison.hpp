#pragma once

#include <baselines/comparison.hpp>

#include <string>

namespace perfgate::reporters {

// Return the console report of a comparison: what needs attention first, the compared values,
// the change with its 95% interval, the p-value and verdict (coloured when `color`), then
// failures, notes, counts, which metrics were gated and why, the geometric mean, warnings and
// the one-line gate result.
std::string render_console_comparison(const baselines::Comparison& comparison, bool color);

} // namespace perfgate::reporters
