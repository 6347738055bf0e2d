#include <core/stats.hpp>
#include <reporters/progress.hpp>
#include <reporters/run_table.hpp>
#include <reporters/value_text.hpp>
#include <util/clock.hpp>
#include <util/sanitize.hpp>
#include <util/text_table.hpp>
#include <util/utf8.hpp>

#include <fmt/color.h>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>

namespace perfgate::reporters {
namespace {

constexpr double k_redraw_interval = 0.1; // seconds between redraws of the bars
constexpr std::size_t k_max_bars = 12;    // more benchmarks than this show as a count
constexpr int k_bar_width = 24;
constexpr std::size_t k_id_width = 40;     // characters of an id shown beside its bar
constexpr std::size_t k_min_id_width = 12; // ... at the least, however narrow the terminal

std::string bar(int done, int planned)
{
    const int filled = planned > 0 ? std::min(k_bar_width, done * k_bar_width / planned) : 0;
    return std::string(static_cast<std::size_t>(filled), '#') +
           std::string(static_cast<std::size_t>(k_bar_width - filled), '.');
}

} // namespace

ProgressDisplay::ProgressDisplay(std::FILE* stream,
                                 ProgressStyle style,
                                 bool color,
                                 std::size_t width)
    : m_stream(stream), m_style(style), m_color(color), m_width(width)
{}

void ProgressDisplay::started(int benchmarks)
{
    m_total = benchmarks;
}

void ProgressDisplay::progressed(const core::RunProgress& progress)
{
    // Note: called after every run; the median is only worth computing when it is drawn.
    if (m_style != ProgressStyle::bars ||
        util::monotonic_seconds() - m_last_draw < k_redraw_interval) {
        return;
    }
    auto line = std::find_if(
        m_lines.begin(), m_lines.end(), [&](const Line& l) { return l.id == progress.id; });
    if (line == m_lines.end()) {
        m_lines.push_back({progress.id, {}});
        line = m_lines.end() - 1;
    }
    // Note: the time left is estimated from the time per run so far and the runs still planned.
    const int left = progress.planned - progress.runs;
    const std::string eta =
        progress.runs > 0 && left > 0
            ? fmt::format("  ETA {}",
                          format_value(progress.elapsed / progress.runs * left, "s", std::nullopt))
            : "";
    line->text = util::sanitize(
        fmt::format("{} {:>4}/{:<4} {:>7}  median {}{}",
                    bar(progress.runs, progress.planned),
                    progress.runs,
                    progress.planned,
                    format_value(progress.elapsed, "s", std::nullopt),
                    format_value(core::median(progress.samples), progress.unit, std::nullopt),
                    eta));
    redraw(true);
}

void ProgressDisplay::finished(const core::BenchmarkResult& result)
{
    ++m_finished;
    if (m_style == ProgressStyle::none) {
        return;
    }
    if (m_style == ProgressStyle::bars) {
        // Note: a finished benchmark's line stays above the bars, as hyperfine's results do.
        std::erase_if(m_lines, [&](const Line& l) { return l.id == result.id; });
        clear();
    }
    const auto* metric = result.metrics.empty() ? nullptr : &result.metrics.front();
    std::string detail;
    if (result.status != core::Status::ok) {
        detail = fmt::format("{}: {}", core::to_string(result.status), result.message);
    } else if (metric != nullptr && !metric->samples.empty()) {
        detail =
            fmt::format("{} runs, median {}",
                        metric->samples.size(),
                        format_value(core::median(metric->samples), metric->unit, std::nullopt));
    }
    fmt::print(
        m_stream,
        "{}\n",
        util::sanitize(fmt::format("[{}/{}] {}: {}", m_finished, m_total, result.id, detail)));
    std::fflush(m_stream);
    if (m_style == ProgressStyle::bars && !m_lines.empty()) {
        redraw(true);
    }
}

void ProgressDisplay::done()
{
    if (m_style == ProgressStyle::bars) {
        clear();
    }
}

void ProgressDisplay::clear()
{
    std::string out;
    for (std::size_t i = 0; i < m_drawn; ++i) {
        out += "\x1b[1A\x1b[2K"; // up one line, erase it
    }
    out += '\r';
    m_drawn = 0;
    fmt::print(m_stream, "{}", out);
    std::fflush(m_stream);
}

void ProgressDisplay::redraw(bool force)
{
    const double now = util::monotonic_seconds();
    if (!force && now - m_last_draw < k_redraw_interval) {
        return;
    }
    m_last_draw = now;
    std::string out;
    for (std::size_t i = 0; i < m_drawn; ++i) {
        out += "\x1b[1A\x1b[2K";
    }
    const std::size_t shown = std::min(m_lines.size(), k_max_bars);
    // Note: an id is sanitised before it is cut, and cut on a character, never inside one.
    // In a narrow terminal the ids give way first, down to k_min_id_width, then the ends of
    // the lines (the ETA, the median).
    std::size_t text_width = 0;
    for (std::size_t i = 0; i < shown; ++i) {
        text_width = std::max(text_width, util::display_width(m_lines[i].text));
    }
    const std::size_t id_limit =
        m_width == 0 ? k_id_width
                     : std::clamp(m_width > text_width + 3 ? m_width - text_width - 3 : 0,
                                  k_min_id_width,
                                  k_id_width);
    std::vector<std::string> ids;
    std::size_t id_width = 0;
    for (std::size_t i = 0; i < shown; ++i) {
        ids.push_back(util::shorten(util::sanitize(m_lines[i].id), id_limit));
        id_width = std::max(id_width, util::display_width(ids.back()));
    }
    for (std::size_t i = 0; i < shown; ++i) {
        std::string id = std::move(ids[i]);
        id.append(id_width - util::display_width(id), ' ');
        const auto styled = m_color ? fmt::format(fmt::emphasis::bold, "{}", id) : id;
        const auto& text = m_lines[i].text;
        const std::size_t room = m_width > id_width + 2 ? m_width - id_width - 2 : 1;
        out += fmt::format("{}  {}\n",
                           styled,
                           m_width == 0 || util::display_width(text) <= room
                               ? text
                               : util::shorten(text, room - 1));
    }
    m_drawn = shown;
    const std::size_t hidden = m_lines.size() - shown;
    out += fmt::format("[{}/{} done{}]\n",
                       m_finished,
                       m_total,
                       hidden > 0 ? fmt::format(", {} more running", hidden) : "");
    ++m_drawn;
    fmt::print(m_stream, "{}", out);
    std::fflush(m_stream);
}

} // namespace perfgate::reporters
