#include <reporters/escape.hpp>
#include <reporters/html_svg.hpp>
#include <reporters/value_text.hpp>
#include <util/utf8.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>
#include <tuple>

namespace perfgate::reporters::html {
namespace {

using baselines::MetricComparison;
using baselines::Verdict;

// Chart geometry, in SVG user units (pixels at 100%).
constexpr double k_chart_width = 900;
constexpr double k_label_x = 4;
constexpr double k_plot_x = 300;
constexpr double k_plot_width = 500;
constexpr double k_value_x = 812;
constexpr double k_chart_top = 30;
constexpr double k_row_height = 18;
constexpr double k_chart_bottom = 34;
constexpr std::size_t k_label_chars = 44;

// Distribution plot geometry.
constexpr double k_plot_svg_width = 640;
constexpr double k_strip_x0 = 70;
constexpr double k_strip_x1 = 620;
constexpr double k_baseline_y = 26;
constexpr double k_current_y = 58;
constexpr double k_axis_y = 80;
constexpr double k_jitter = 9;
// Samples spanning more than this factor are plotted on a logarithmic axis.
constexpr double k_log_span = 10;
// More dots than this per side add bytes, not information: every n-th sample is drawn.
constexpr std::size_t k_max_dots = 1000;

// Return the oriented 95% interval of `entry` (positive is worse).
std::optional<core::Interval> oriented_interval(const MetricComparison& entry)
{
    if (!entry.interval) {
        return std::nullopt;
    }
    if (entry.better == core::Better::lower) {
        return entry.interval;
    }
    return core::Interval{-entry.interval->high, -entry.interval->low};
}

std::string_view colour_class(const MetricComparison& entry)
{
    switch (entry.verdict) {
    case Verdict::regressed:
        switch (entry.level) {
        case core::Level::warning:
            return "c-warning";
        case core::Level::critical:
            return "c-critical";
        case core::Level::blocker:
            return "c-blocker";
        case core::Level::none:
            return "c-regressed";
        }
        return "c-regressed";
    case Verdict::improved:
        return "c-improved";
    case Verdict::slower:
        return "c-regressed";
    case Verdict::inconclusive:
        return "c-inconclusive";
    default:
        return "c-none";
    }
}

bool same_thresholds(const baselines::MetricPolicy& a, const baselines::MetricPolicy& b)
{
    return a.warning == b.warning && a.critical == b.critical && a.blocker == b.blocker;
}

// Maps an oriented change to the chart's x, clamped to ±`range`.
struct ChangeAxis
{
    double range = 1;

    double operator()(double value) const
    {
        const double clamped = std::clamp(value, -range, range);
        return k_plot_x + (clamped + range) / (2 * range) * k_plot_width;
    }
};

// Return the half-width of the change axis: everything up to twice the blocker threshold (or
// ±100%) is shown to scale, larger changes are drawn at the edge.
double axis_range(const std::vector<const MetricComparison*>& entries,
                  const baselines::MetricPolicy& bands)
{
    double largest = 0;
    for (const auto* entry : entries) {
        largest = std::max(largest, std::abs(entry->worsening().value_or(0)));
        if (const auto interval = oriented_interval(*entry)) {
            largest = std::max({largest, std::abs(interval->low), std::abs(interval->high)});
        }
    }
    const double floor = std::max(bands.blocker * 1.25, 0.05);
    const double ceiling = std::max(bands.blocker * 2, 1.0);
    return std::clamp(largest * 1.1, floor, std::max(floor, ceiling));
}

void band(std::string& out, std::string_view cls, double x0, double x1, double height)
{
    if (x1 > x0) {
        fmt::format_to(std::back_inserter(out),
                       R"(<rect class="{}" x="{:.1f}" y="{}" width="{:.1f}" height="{:.1f}"/>)",
                       cls,
                       x0,
                       k_chart_top,
                       x1 - x0,
                       height);
    }
}

// The band names above the plot and the tick labels below it.
void chart_axes(std::string& out,
                const ChangeAxis& x,
                const baselines::MetricPolicy& bands,
                double noise,
                double rows_height)
{
    const double range = x.range;
    const double bottom = k_chart_top + rows_height;
    band(out, "band-better", x(-range), x(-noise), rows_height);
    band(out, "band-noise", x(-noise), x(noise), rows_height);
    band(out, "band-warning", x(bands.warning), x(bands.critical), rows_height);
    band(out, "band-critical", x(bands.critical), x(bands.blocker), rows_height);
    band(out, "band-blocker", x(bands.blocker), x(range), rows_height);
    const struct
    {
        const char* name;
        double from, to;
    } names[] = {{"better", -range, -noise},
                 {"warning", bands.warning, bands.critical},
                 {"critical", bands.critical, bands.blocker},
                 {"blocker", bands.blocker, range}};
    for (const auto& name : names) {
        if (x(name.to) - x(name.from) >= 44) {
            fmt::format_to(
                std::back_inserter(out),
                R"(<text class="muted" x="{:.1f}" y="{}" text-anchor="middle">{}</text>)",
                (x(name.from) + x(name.to)) / 2,
                k_chart_top - 10,
                name.name);
        }
    }
    fmt::format_to(std::back_inserter(out),
                   R"(<line class="axis" x1="{}" y1="{:.1f}" x2="{}" y2="{:.1f}"/>)"
                   R"(<line class="zero" x1="{:.1f}" y1="{}" x2="{:.1f}" y2="{:.1f}"/>)",
                   k_plot_x,
                   bottom,
                   k_plot_x + k_plot_width,
                   bottom,
                   x(0),
                   k_chart_top,
                   x(0),
                   bottom);
    double last_label = -1e9;
    for (double tick : {-range, 0.0, bands.warning, bands.critical, bands.blocker, range}) {
        if (tick < -range || tick > range || x(tick) - last_label < 40) {
            continue;
        }
        last_label = x(tick);
        fmt::format_to(
            std::back_inserter(out),
            R"(<line class="axis" x1="{0:.1f}" y1="{1:.1f}" x2="{0:.1f}" y2="{2:.1f}"/>)"
            R"(<text class="muted" x="{0:.1f}" y="{3:.1f}" text-anchor="middle">{4}</text>)",
            x(tick),
            bottom,
            bottom + 4,
            bottom + 16,
            format_change(tick));
    }
    fmt::format_to(std::back_inserter(out),
                   R"(<text class="muted" x="{:.1f}" y="{:.1f}" text-anchor="middle">)"
                   R"(change of the median (right is worse)</text>)",
                   k_plot_x + k_plot_width / 2,
                   bottom + 30);
}

void chart_row(std::string& out,
               const MetricComparison& entry,
               const ChangeAxis& x,
               const baselines::MetricPolicy& bands,
               double y)
{
    const double worsening = entry.worsening().value_or(0);
    const auto interval = oriented_interval(entry);
    const auto label = entry.id + " · " + entry.metric;
    fmt::format_to(
        std::back_inserter(out),
        R"(<g><title>{}: {}{}</title>)",
        escape_html(label),
        format_change(worsening),
        interval
            ? fmt::format(" [{}, {}]", format_change(interval->low), format_change(interval->high))
            : "");
    fmt::format_to(std::back_inserter(out),
                   R"(<line class="guide" x1="{}" y1="{:.1f}" x2="{}" y2="{:.1f}"/>)"
                   R"(<text x="{}" y="{:.1f}">{}</text>)",
                   k_plot_x,
                   y,
                   k_plot_x + k_plot_width,
                   y,
                   k_label_x,
                   y + 4,
                   escape_html(util::shorten(label, k_label_chars)));
    if (!same_thresholds(entry.policy, bands)) {
        for (double threshold :
             {entry.policy.warning, entry.policy.critical, entry.policy.blocker}) {
            if (threshold <= x.range) {
                fmt::format_to(std::back_inserter(out),
                               R"(<line class="own" x1="{0:.1f}" y1="{1:.1f}" x2="{0:.1f}" )"
                               R"(y2="{2:.1f}"/>)",
                               x(threshold),
                               y - 7,
                               y + 7);
            }
        }
    }
    if (interval) {
        const double x0 = x(interval->low);
        const double x1 = x(interval->high);
        fmt::format_to(std::back_inserter(out),
                       R"(<path class="whisker" d="M{0:.1f} {2:.1f}V{3:.1f}M{0:.1f} {4:.1f})"
                       R"(H{1:.1f}M{1:.1f} {2:.1f}V{3:.1f}" fill="none"/>)",
                       x0,
                       x1,
                       y - 4,
                       y + 4,
                       y);
    }
    const auto cls = colour_class(entry);
    const double cx = x(worsening);
    if (std::abs(worsening) > x.range) {
        // Off the scale: an arrowhead at the edge, pointing outwards.
        const double tip = worsening > 0 ? cx + 3 : cx - 3;
        const double base = worsening > 0 ? cx - 5 : cx + 5;
        fmt::format_to(std::back_inserter(out),
                       R"(<path class="dot {}" d="M{:.1f} {:.1f}L{:.1f} {:.1f}L{:.1f} {:.1f}Z"/>)",
                       cls,
                       base,
                       y - 5,
                       tip,
                       y,
                       base,
                       y + 5);
    } else {
        fmt::format_to(std::back_inserter(out),
                       R"(<circle class="dot {}" cx="{:.1f}" cy="{:.1f}" r="4"/>)",
                       cls,
                       cx,
                       y);
    }
    fmt::format_to(std::back_inserter(out),
                   R"(<text x="{}" y="{:.1f}">{}</text></g>)",
                   k_value_x,
                   y + 4,
                   format_change(worsening));
}

// The value axis of a distribution plot: linear, or logarithmic when the samples span more than
// k_log_span.
struct PlotAxis
{
    double lo = 0;
    double hi = 1;
    bool log = false;

    double x(double value) const
    {
        const double fraction =
            log ? (std::log(value) - std::log(lo)) / (std::log(hi) - std::log(lo))
                : (value - lo) / (hi - lo);
        return k_strip_x0 + fraction * (k_strip_x1 - k_strip_x0);
    }

    // The value in the middle of the axis.
    double middle() const { return log ? std::sqrt(lo * hi) : (lo + hi) / 2; }
};

PlotAxis plot_axis(const std::vector<double>& base, const std::vector<double>& now)
{
    double lo = std::numeric_limits<double>::infinity();
    double hi = -std::numeric_limits<double>::infinity();
    for (const auto* samples : {&base, &now}) {
        if (!samples->empty()) {
            const auto [min, max] = std::minmax_element(samples->begin(), samples->end());
            lo = std::min(lo, *min);
            hi = std::max(hi, *max);
        }
    }
    if (lo > 0 && hi / lo > k_log_span) {
        // Note: the margin is 5% of the axis on either side, as on a linear one.
        const double margin = std::pow(hi / lo, 0.05);
        return {lo / margin, hi * margin, true};
    }
    const double span = hi > lo ? hi - lo : std::max(std::abs(hi) * 0.1, 1e-9);
    return {lo - span * 0.05, hi + span * 0.05, false};
}

// Draw `samples` as jittered dots along the row at `y`, the median (p50) as a thick mark and
// p95 and p99 as dashed ones, each titled with its value.
void strip(std::string& out,
           const std::vector<double>& samples,
           const std::optional<core::Summary>& summary,
           std::string_view side,
           double y,
           const PlotAxis& axis,
           std::string_view unit)
{
    fmt::format_to(std::back_inserter(out), R"(<text x="0" y="{:.1f}">{}</text>)", y + 4, side);
    const std::size_t step = (samples.size() + k_max_dots - 1) / k_max_dots;
    for (std::size_t i = 0; i < samples.size(); i += std::max<std::size_t>(step, 1)) {
        // Note: deterministic jitter (the golden-ratio sequence), so a report is reproducible.
        const double fraction = std::fmod(static_cast<double>(i) * 0.6180339887498949, 1.0);
        fmt::format_to(std::back_inserter(out),
                       R"(<circle class="s-{}" cx="{:.1f}" cy="{:.1f}" r="2.5" opacity="0.6"/>)",
                       side,
                       axis.x(samples[i]),
                       y + (fraction - 0.5) * 2 * k_jitter);
    }
    if (!summary || summary->n == 0) {
        return;
    }
    for (const auto& [name, value, mark] : {std::tuple{"p50", summary->median, "m"},
                                            std::tuple{"p95", summary->p95, "q"},
                                            std::tuple{"p99", summary->p99, "q"}}) {
        fmt::format_to(std::back_inserter(out),
                       R"(<line class="{0}-{1}" x1="{2:.1f}" y1="{3:.1f}" x2="{2:.1f}" )"
                       R"(y2="{4:.1f}"><title>{1} {5} {6}</title></line>)",
                       mark,
                       side,
                       axis.x(value),
                       y - k_jitter - 4,
                       y + k_jitter + 4,
                       name,
                       escape_html(format_value(value, unit, std::nullopt)));
    }
}

} // namespace

std::string change_chart(const std::vector<const MetricComparison*>& entries,
                         const baselines::MetricPolicy& bands,
                         double noise)
{
    const ChangeAxis x{axis_range(entries, bands)};
    const double rows_height = static_cast<double>(entries.size()) * k_row_height + 8;
    const double height = k_chart_top + rows_height + k_chart_bottom;
    // Note: no xmlns: inline SVG in HTML needs none, and the page must hold no URL at all.
    std::string out = fmt::format(R"(<svg id="change-chart" )"
                                  R"(width="{0}" height="{1:.0f}" viewBox="0 0 {0} {1:.0f}" )"
                                  R"(role="img" aria-label="changes against the thresholds">)",
                                  k_chart_width,
                                  height);
    chart_axes(out, x, bands, std::abs(noise), rows_height);
    double y = k_chart_top + 4 + k_row_height / 2;
    for (const auto* entry : entries) {
        chart_row(out, *entry, x, bands, y);
        y += k_row_height;
    }
    out += "</svg>";
    return out;
}

std::string distribution_plot(const MetricComparison& entry)
{
    const auto& base = entry.baseline_samples;
    const auto& now = entry.current_samples;
    if (base.empty() && now.empty()) {
        return "";
    }
    const auto axis = plot_axis(base, now);
    std::string out = fmt::format(R"(<svg width="{0}" )"
                                  R"(height="96" viewBox="0 0 {0} 96" role="img" )"
                                  R"(aria-label="baseline and current samples{1}">)",
                                  k_plot_svg_width,
                                  axis.log ? ", on a log axis" : "");
    strip(out, base, entry.baseline, "baseline", k_baseline_y, axis, entry.unit);
    strip(out, now, entry.current, "current", k_current_y, axis, entry.unit);
    fmt::format_to(std::back_inserter(out),
                   R"(<line class="axis" x1="{0}" y1="{2}" x2="{1}" y2="{2}"/>)"
                   R"(<text class="muted" x="{0}" y="{3}">{4}</text>)"
                   R"(<text class="muted" x="{5}" y="{3}" text-anchor="middle">{6}{8}</text>)"
                   R"(<text class="muted" x="{1}" y="{3}" text-anchor="end">{7}</text></svg>)",
                   k_strip_x0,
                   k_strip_x1,
                   k_axis_y,
                   k_axis_y + 13,
                   escape_html(format_value(axis.lo, entry.unit, std::nullopt)),
                   (k_strip_x0 + k_strip_x1) / 2,
                   escape_html(format_value(axis.middle(), entry.unit, std::nullopt)),
                   escape_html(format_value(axis.hi, entry.unit, std::nullopt)),
                   axis.log ? " (log scale)" : "");
    return out;
}

} // namespace perfgate::reporters::html
