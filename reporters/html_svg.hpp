#pragma once

#include <baselines/comparison.hpp>

#include <string>
#include <string_view>
#include <vector>

// The inline SVG pictures of the HTML report (reporters/html.hpp).
namespace perfgate::reporters::html {

// Return the SVG chart of each entry's oriented change (its worsening) with its 95% interval
// against the threshold bands of `bands` and ±`noise`, one row per entry in the given order.
// Entries whose thresholds differ from `bands` show their own as ticks on their row.
std::string change_chart(const std::vector<const baselines::MetricComparison*>& entries,
                         const baselines::MetricPolicy& bands,
                         double noise);

// Return the SVG strip plot of `entry`'s baseline and current samples on a shared axis, with
// the medians of its summaries marked; empty when neither side has samples.
std::string distribution_plot(const baselines::MetricComparison& entry);

} // namespace perfgate::reporters::html
