#include <core/stats.hpp>
#include <reporters/html_svg.hpp>

#include "sample_comparison.hpp"
#include <doctest/doctest.h>

#include <regex>
#include <string>
#include <vector>

TEST_SUITE_BEGIN("reporters_html_svg");

using namespace perfgate;
using namespace perfgate::reporters;

namespace {

baselines::MetricComparison sampled(std::vector<double> baseline, std::vector<double> current)
{
    auto entry = test::make_entry("x", baselines::Verdict::unchanged, 0);
    entry.unit = "s";
    entry.baseline_samples = std::move(baseline);
    entry.current_samples = std::move(current);
    entry.baseline = core::summarize(entry.baseline_samples);
    entry.current = core::summarize(entry.current_samples);
    return entry;
}

// Return the x of the mark `cls` titled `title`.
double mark_x(const std::string& svg, const std::string& cls, const std::string& title)
{
    const std::regex mark("<line class=\"" + cls + "\" x1=\"([0-9.]+)\"[^>]*><title>" + title);
    std::smatch match;
    REQUIRE(std::regex_search(svg, match, mark));
    return std::stod(match[1]);
}

} // namespace

TEST_CASE("distribution_plot marks p50, p95 and p99 of both sides")
{
    std::vector<double> values;
    for (int i = 51; i <= 151; ++i) {
        values.push_back(i);
    }
    const auto svg = html::distribution_plot(sampled(values, values));
    CHECK(svg.find("(log scale)") == std::string::npos);
    for (const std::string side : {"baseline", "current"}) {
        const double p50 = mark_x(svg, "m-" + side, side + " p50 101.0 s<");
        const double p95 = mark_x(svg, "q-" + side, side + " p95 146.0 s<");
        const double p99 = mark_x(svg, "q-" + side, side + " p99 150.0 s<");
        CHECK(p50 < p95);
        CHECK(p95 < p99);
    }
}

TEST_CASE("distribution_plot uses a log axis when the samples span more than 10x")
{
    SUBCASE("100x: log, the middle label is the geometric middle")
    {
        const auto svg = html::distribution_plot(sampled({0.001, 0.0012, 0.0011}, {0.1, 0.11}));
        CHECK(svg.find("aria-label=\"baseline and current samples, on a log axis\"") !=
              std::string::npos);
        CHECK(svg.find("(log scale)") != std::string::npos);
        // On a log axis the two clusters sit near the ends, not both squeezed to one side.
        const double base = mark_x(svg, "m-baseline", "baseline p50");
        const double now = mark_x(svg, "m-current", "current p50");
        CHECK(base < 150);
        CHECK(now > 540);
    }
    SUBCASE("5x: linear")
    {
        const auto svg = html::distribution_plot(sampled({1, 1.1}, {5, 4.9}));
        CHECK(svg.find("(log scale)") == std::string::npos);
    }
    SUBCASE("zero in the samples: linear")
    {
        const auto svg = html::distribution_plot(sampled({0, 1}, {100, 90}));
        CHECK(svg.find("(log scale)") == std::string::npos);
    }
}

TEST_SUITE_END();
