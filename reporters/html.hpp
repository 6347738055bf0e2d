#pragma once

#include <baselines/comparison.hpp>

#include <cstddef>
#include <optional>
#include <string>

namespace perfgate::reporters {

// The chart of changes and the distribution plots show at most this many entries: those with
// the largest changes, saying how many were left out.
inline constexpr std::size_t k_html_plot_limit = 200;

struct HtmlOptions
{
    std::optional<std::string> template_text; // a Mustache template instead of the built-in one
};

// Return the self-contained HTML report of `comparison` (README, "Reports"): the gate result and
// counts, a sortable and filterable table of every entry, a chart of the changes against the
// threshold bands, per-benchmark distribution plots of the samples, and both environments;
// inline CSS, SVG and script only, with every user-supplied string escaped. Throws
// Error(usage) when the template does not parse.
std::string render_html(const baselines::Comparison& comparison, const HtmlOptions& options = {});

} // namespace perfgate::reporters
