#include <core/stats.hpp>
#include <reporters/run_table.hpp>
#include <reporters/value_text.hpp>
#include <util/sanitize.hpp>
#include <util/text_table.hpp>
#include <util/utf8.hpp>

#include <fmt/color.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace perfgate::reporters {
std::vector<std::optional<Relative>>
relative_speeds(const std::vector<core::BenchmarkResult>& results, const std::string& metric)
{
    std::vector<std::optional<core::Summary>> summaries;
    const core::Summary* fastest = nullptr;
    for (const auto& result : results) {
        const auto* found = result.find_metric(metric);
        if (found == nullptr || found->samples.empty() || result.status != core::Status::ok) {
            summaries.emplace_back();
            continue;
        }
        summaries.push_back(core::summarize(found->samples));
    }
    for (const auto& summary : summaries) {
        if (summary && summary->mean > 0 && (fastest == nullptr || summary->mean < fastest->mean)) {
            fastest = &*summary;
        }
    }
    std::vector<std::optional<Relative>> relatives;
    for (const auto& summary : summaries) {
        if (!summary || fastest == nullptr || !(summary->mean > 0)) {
            relatives.emplace_back();
            continue;
        }
        const bool is_fastest = &*summary == fastest;
        const double ratio = summary->mean / fastest->mean;
        const double error = is_fastest ? 0.0
                                        : ratio * std::hypot(summary->stddev / summary->mean,
                                                             fastest->stddev / fastest->mean);
        relatives.push_back(Relative{ratio, error, is_fastest});
    }
    return relatives;
}

namespace {

// Return the median of `metric` of `result` formatted in its unit, "-" when it has none.
std::string median_text(const core::BenchmarkResult& result, std::string_view metric)
{
    const auto* found = result.find_metric(metric);
    if (found == nullptr || result.status != core::Status::ok) {
        return "-";
    }
    const auto summary = core::summarize(found->samples);
    return summary.n > 0 ? format_value(summary.median, found->unit, std::nullopt) : "-";
}

bool any_has(const std::vector<core::BenchmarkResult>& results, std::string_view metric)
{
    return std::any_of(results.begin(), results.end(), [&](const auto& result) {
        return result.find_metric(metric) != nullptr;
    });
}

// The narrowest a shortened benchmark name gets, "…" included.
constexpr std::size_t k_min_name_width = 12;

// Return the width of the table with `columns` holding `rows`: columns two spaces apart.
std::size_t table_width(const std::vector<util::TextTable::Column>& columns,
                        const std::vector<std::vector<std::string>>& rows)
{
    std::size_t total = 0;
    for (std::size_t c = 0; c < columns.size(); ++c) {
        std::size_t widest = util::display_width(columns[c].header);
        for (const auto& row : rows) {
            if (c < row.size()) {
                widest = std::max(widest, util::display_width(row[c]));
            }
        }
        total += widest + (c > 0 ? 2 : 0);
    }
    return total;
}

// Remove column `index` from `columns` and every row.
void drop_column(std::vector<util::TextTable::Column>& columns,
                 std::vector<std::vector<std::string>>& rows,
                 std::size_t index)
{
    columns.erase(columns.begin() + static_cast<std::ptrdiff_t>(index));
    for (auto& row : rows) {
        if (index < row.size()) {
            row.erase(row.begin() + static_cast<std::ptrdiff_t>(index));
        }
    }
}

} // namespace

std::string render_run_table(const std::vector<core::BenchmarkResult>& results,
                             const RunTableOptions& options)
{
    using Align = util::TextTable::Align;
    const auto relatives = relative_speeds(results, options.metric);
    const bool several = std::count_if(relatives.begin(), relatives.end(), [](const auto& r) {
                             return r.has_value();
                         }) > 1;
    std::vector<util::TextTable::Column> columns{{"Benchmark", Align::left},
                                                 {"Median", Align::right},
                                                 {"Mean ± σ", Align::right},
                                                 {"Min … Max", Align::right},
                                                 {"Runs", Align::right}};
    for (const auto& stat : options.stats) {
        columns.push_back({stat, Align::right});
    }
    // Resources appear where they were measured (command runs).
    const bool cpu = options.resources && options.metric != "cpu" && any_has(results, "cpu");
    const bool rss =
        options.resources && options.metric != "peak_rss" && any_has(results, "peak_rss");
    if (cpu) {
        columns.push_back({"CPU", Align::right});
    }
    if (rss) {
        columns.push_back({"Peak RSS", Align::right});
    }
    if (several) {
        columns.push_back({"Relative", Align::right});
    }
    auto paint = [&](const std::string& text, fmt::text_style style) {
        return options.color ? fmt::format(style, "{}", text) : text;
    };

    std::vector<std::vector<std::string>> rows;
    for (std::size_t i = 0; i < results.size(); ++i) {
        const auto& result = results[i];
        // Google Benchmark results have no `wall`; they show their real time, other harnesses
        // their first metric.
        const auto* metric = result.find_metric(options.metric);
        if (metric == nullptr) {
            metric = result.find_metric("real_time");
        }
        if (metric == nullptr && !result.metrics.empty()) {
            metric = &result.metrics.front();
        }
        // Note: cells are sanitised one by one, so that perfgate's own colours stay codes.
        const auto id = util::sanitize(result.id);
        std::vector<std::string> row{id};
        if (metric != nullptr && !metric->samples.empty()) {
            const auto s = core::summarize(metric->samples);
            const auto unit = display_unit(s.median, metric->unit, options.unit);
            auto value = [&](double v) { return util::sanitize(format_in(v, metric->unit, unit)); };
            row.push_back(paint(value(s.median), fmt::emphasis::bold));
            row.push_back(fmt::format("{} ± {}", value(s.mean), value(s.stddev)));
            row.push_back(fmt::format("{} … {}", value(s.min), value(s.max)));
            row.push_back(fmt::format("{}", s.n));
            for (const auto& stat : options.stats) {
                row.push_back(value(core::statistic_of(s, stat).value_or(s.median)));
            }
        } else {
            row.insert(row.end(), {"-", "-", "-", "0"});
            row.insert(row.end(), options.stats.size(), "-");
        }
        if (cpu) {
            row.push_back(median_text(result, "cpu"));
        }
        if (rss) {
            row.push_back(median_text(result, "peak_rss"));
        }
        if (several) {
            const auto& relative = relatives[i];
            row.push_back(!relative ? "-"
                          : relative->fastest
                              ? paint("1.00", fmt::fg(fmt::color::green))
                              : fmt::format("{:.2f} ± {:.2f}", relative->ratio, relative->error));
        }
        if (result.status != core::Status::ok) {
            // Note: the reason is printed once, as an error, by the caller.
            row[0] = paint(id, fmt::fg(fmt::color::red));
            // Note: the runs that finished before the failure or Ctrl-C are still counted.
            const auto status = std::string(core::to_string(result.status));
            row[4] = paint(row[4] == "0" ? status : fmt::format("{} {}", row[4], status),
                           fmt::fg(fmt::color::red));
        }
        rows.push_back(std::move(row));
    }

    if (options.width > 0) {
        // Note: what goes first is what a reader of a narrow terminal misses least.
        std::vector<std::string> droppable{"Peak RSS", "CPU"};
        droppable.insert(droppable.end(), options.stats.rbegin(), options.stats.rend());
        droppable.emplace_back("Min … Max");
        for (const auto& header : droppable) {
            if (table_width(columns, rows) <= options.width) {
                break;
            }
            const auto found = std::find_if(
                columns.begin(), columns.end(), [&](const auto& c) { return c.header == header; });
            if (found != columns.begin() && found != columns.end()) {
                drop_column(columns, rows, static_cast<std::size_t>(found - columns.begin()));
            }
        }
        const std::size_t total = table_width(columns, rows);
        if (total > options.width) {
            std::size_t names = util::display_width(columns.front().header);
            for (const auto& row : rows) {
                names = std::max(names, util::display_width(row.front()));
            }
            const std::size_t excess = total - options.width;
            const std::size_t fit =
                std::max(k_min_name_width, names > excess ? names - excess : std::size_t{0});
            for (std::size_t i = 0; i < rows.size(); ++i) {
                const auto id = util::sanitize(results[i].id);
                if (util::display_width(id) > fit) {
                    // Note: shorten() adds "…" after `limit` code points.
                    const auto shortened = util::shorten(id, fit - 1);
                    rows[i].front() = results[i].status != core::Status::ok
                                          ? paint(shortened, fmt::fg(fmt::color::red))
                                          : shortened;
                }
            }
        }
    }
    util::TextTable table(std::move(columns));
    for (auto& row : rows) {
        table.add_row(std::move(row));
    }
    return options.color ? table.render("\x1b[1m", "\x1b[0m") : table.render();
}

std::string render_shell_notes(const std::vector<core::BenchmarkResult>& results)
{
    std::string notes;
    for (const auto& result : results) {
        if (!result.shell.empty() && result.shell_startup_seconds &&
            result.status == core::Status::ok) {
            notes += util::sanitize(
                         fmt::format("note: '{}' ran under {} -c; the shell's own start-up ({} "
                                     "median) is included in its times (use an argv or -N to run "
                                     "it directly)",
                                     result.id,
                                     result.shell,
                                     core::format_time(*result.shell_startup_seconds))) +
                     '\n';
        }
    }
    return notes;
}

} // namespace perfgate::reporters
