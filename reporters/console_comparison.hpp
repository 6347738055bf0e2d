#pragma once

#include <baselines/comparison.hpp>

#include <string>

namespace perfgate::reporters {

// Return the console report of a comparison: regressions first, the change with its 95%
// interval, the p-value and verdict (coloured when `color`), then counts, the geometric mean,
// warnings and the one-line gate result.
std::string render_console_comparison(const baselines::Comparison& comparison, bool color);

// Return the one-line gate result, e.g. "gate: FAILED (fail-on blocker): 1 blocker regression".
std::string gate_line(const baselines::Comparison& comparison);

// Return the counts line: "1 regressed (1 blocker), 0 improved, 3 unchanged, ...".
std::string counts_line(const baselines::Totals& totals);

// Return a relative change as "+12.3%" (with a true minus sign for negative values).
std::string format_change(double change);

} // namespace perfgate::reporters
