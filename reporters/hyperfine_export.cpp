#include <core/stats.hpp>
#include <reporters/hyperfine_export.hpp>
#include <reporters/run_table.hpp>
#include <util/sanitize.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <limits>

namespace perfgate::reporters {
namespace {

const std::vector<double>* samples_of(const core::BenchmarkResult& result, std::string_view name)
{
    const auto* metric = result.find_metric(name);
    return metric != nullptr ? &metric->samples : nullptr;
}

double mean_of(const core::BenchmarkResult& result, std::string_view name)
{
    const auto* samples = samples_of(result, name);
    return samples != nullptr ? core::summarize(*samples).mean : 0.0;
}

// Return `text` as Markdown inline code on one line that survives pipes and backticks in it:
// sanitised (no line break, control character or workflow command), fenced by a run of
// backticks longer than any inside.
std::string markdown_code(std::string_view text)
{
    std::string escaped;
    std::size_t run = 0;
    std::size_t longest = 0;
    for (char c : util::sanitize(text)) {
        run = c == '`' ? run + 1 : 0;
        longest = std::max(longest, run);
        if (c == '|') {
            escaped += "\\|";
        } else {
            escaped += c;
        }
    }
    const std::string fence(longest + 1, '`');
    // Note: a space keeps a backtick at either end from joining the fence.
    const std::string pad = longest > 0 ? " " : "";
    return fence + pad + escaped + pad + fence;
}

// Return `text` with every '|' escaped as "\\|", as hyperfine's markup exporters write commands.
std::string escape_pipes(std::string_view text)
{
    std::string escaped;
    for (char c : text) {
        if (c == '|') {
            escaped += '\\';
        }
        escaped += c;
    }
    return escaped;
}

// Return `field` as one CSV field: quoted, with quotes doubled, when it holds a comma, a quote
// or a line break.
std::string csv_field(std::string_view field)
{
    if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
        return std::string(field);
    }
    std::string quoted = "\"";
    for (char c : field) {
        quoted += c;
        if (c == '"') {
            quoted += '"';
        }
    }
    return quoted + '"';
}

} // namespace

nlohmann::ordered_json to_hyperfine_json(const std::vector<core::BenchmarkResult>& results)
{
    auto list = nlohmann::ordered_json::array();
    for (const auto& result : results) {
        const auto* wall = samples_of(result, "wall");
        if (result.source != core::Source::command || wall == nullptr || wall->empty()) {
            continue;
        }
        const auto s = core::summarize(*wall);
        nlohmann::ordered_json entry;
        entry["command"] = result.id;
        entry["mean"] = s.mean;
        entry["stddev"] = s.stddev;
        entry["median"] = s.median;
        entry["user"] = mean_of(result, "user");
        entry["system"] = mean_of(result, "sys");
        entry["min"] = s.min;
        entry["max"] = s.max;
        entry["times"] = *wall;
        entry["exit_codes"] = result.exit_codes;
        if (!result.parameters.empty()) {
            entry["parameters"] = result.parameters;
        }
        list.push_back(std::move(entry));
    }
    return nlohmann::ordered_json{{"results", std::move(list)}};
}

std::vector<core::BenchmarkResult> sorted_results(std::vector<core::BenchmarkResult> results,
                                                  SortOrder order)
{
    if (order == SortOrder::mean_time) {
        // Note: unmeasured benchmarks sort last, the rest by mean; ties keep the given order.
        auto key = [](const core::BenchmarkResult& result) {
            const auto* wall = samples_of(result, "wall");
            return wall != nullptr && !wall->empty() && result.status == core::Status::ok
                       ? core::summarize(*wall).mean
                       : std::numeric_limits<double>::infinity();
        };
        std::stable_sort(results.begin(), results.end(), [&](const auto& a, const auto& b) {
            return key(a) < key(b);
        });
    }
    return results;
}

std::string to_hyperfine_table(const std::vector<core::BenchmarkResult>& all,
                               Markup markup,
                               std::optional<core::TimeUnit> unit,
                               SortOrder order)
{
    const auto results = sorted_results(all, order);
    std::vector<const core::BenchmarkResult*> measured;
    double fastest = 0;
    for (const auto& result : results) {
        const auto* wall = samples_of(result, "wall");
        if (result.source == core::Source::command && wall != nullptr && !wall->empty()) {
            measured.push_back(&result);
            const double mean = core::summarize(*wall).mean;
            fastest = fastest == 0 ? mean : std::min(fastest, mean);
        }
    }
    const auto shown = unit.value_or(core::time_unit_for(fastest));
    const auto relatives = relative_speeds(results, "wall");
    // Note: as hyperfine's exporters do, every markup escapes '|' in commands.
    auto command = [&](std::string_view id) {
        switch (markup) {
        case Markup::markdown:
            return markdown_code(id);
        case Markup::asciidoc:
            return fmt::format("`{}`", escape_pipes(util::sanitize(id)));
        case Markup::orgmode:
            return fmt::format("={}=", escape_pipes(util::sanitize(id)));
        }
        return std::string(id);
    };
    auto row = [&](const std::vector<std::string>& cells) {
        switch (markup) {
        case Markup::markdown:
            return fmt::format("| {} |\n", fmt::join(cells, " | "));
        case Markup::asciidoc:
            return fmt::format("\n| {} \n", fmt::join(cells, " \n| "));
        case Markup::orgmode:
            return fmt::format("| {}  |  {} |\n",
                               cells.front(),
                               fmt::join(cells.begin() + 1, cells.end(), " |  "));
        }
        return std::string();
    };
    std::string out;
    if (markup == Markup::asciidoc) {
        out += "[cols=\"<,>,>,>,>\"]\n|===";
    }
    out += row({"Command",
                fmt::format("Mean [{}]", shown.suffix),
                fmt::format("Min [{}]", shown.suffix),
                fmt::format("Max [{}]", shown.suffix),
                "Relative"});
    if (markup == Markup::markdown) {
        out += "|:---|---:|---:|---:|---:|\n";
    } else if (markup == Markup::orgmode) {
        out += "|--+--+--+--+--|\n";
    }
    auto number = [&](double seconds) { return fmt::format("{:.1f}", seconds * shown.factor); };
    for (std::size_t i = 0; i < results.size(); ++i) {
        const auto& result = results[i];
        if (std::find(measured.begin(), measured.end(), &result) == measured.end()) {
            continue;
        }
        const auto s = core::summarize(*samples_of(result, "wall"));
        const auto& relative = relatives[i];
        const std::string ratio =
            !relative           ? "-"
            : relative->fastest ? "1.00"
                                : fmt::format("{:.2f} ± {:.2f}", relative->ratio, relative->error);
        out += row({command(result.id),
                    fmt::format("{} ± {}", number(s.mean), number(s.stddev)),
                    number(s.min),
                    number(s.max),
                    ratio});
    }
    if (markup == Markup::asciidoc) {
        out += "|===\n";
    }
    return out;
}

std::string to_hyperfine_markdown(const std::vector<core::BenchmarkResult>& results,
                                  std::optional<core::TimeUnit> unit)
{
    return to_hyperfine_table(results, Markup::markdown, unit);
}

std::string to_hyperfine_csv(const std::vector<core::BenchmarkResult>& results)
{
    std::vector<std::string> header{
        "command", "mean", "stddev", "median", "user", "system", "min", "max"};
    std::vector<std::string> parameters;
    std::vector<std::vector<std::string>> rows;
    for (const auto& result : results) {
        const auto* wall = samples_of(result, "wall");
        if (result.source != core::Source::command || wall == nullptr || wall->empty()) {
            continue;
        }
        if (rows.empty()) {
            for (const auto& [name, value] : result.parameters) {
                parameters.push_back(name);
                header.push_back("parameter_" + name);
            }
        }
        const auto s = core::summarize(*wall);
        std::vector<std::string> row{result.id};
        for (const double value : {s.mean,
                                   s.stddev,
                                   s.median,
                                   mean_of(result, "user"),
                                   mean_of(result, "sys"),
                                   s.min,
                                   s.max}) {
            row.push_back(fmt::format("{}", value));
        }
        for (const auto& name : parameters) {
            const auto found = result.parameters.find(name);
            row.push_back(found != result.parameters.end() ? found->second : "");
        }
        rows.push_back(std::move(row));
    }
    std::string out;
    auto line = [&](const std::vector<std::string>& fields) {
        for (std::size_t i = 0; i < fields.size(); ++i) {
            out += (i > 0 ? "," : "") + csv_field(fields[i]);
        }
        out += '\n';
    };
    line(header);
    for (const auto& row : rows) {
        line(row);
    }
    return out;
}

} // namespace perfgate::reporters
