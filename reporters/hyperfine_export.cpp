#include <core/stats.hpp>
#include <reporters/hyperfine_export.hpp>
#include <reporters/run_table.hpp>
#include <util/sanitize.hpp>

#include <fmt/format.h>

#include <algorithm>

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

std::string to_hyperfine_markdown(const std::vector<core::BenchmarkResult>& results,
                                  std::optional<core::TimeUnit> unit)
{
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
    std::string out = fmt::format("| Command | Mean [{0}] | Min [{0}] | Max [{0}] | Relative |\n"
                                  "|:---|---:|---:|---:|---:|\n",
                                  shown.suffix);
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
        out += fmt::format("| {} | {} ± {} | {} | {} | {} |\n",
                           markdown_code(result.id),
                           number(s.mean),
                           number(s.stddev),
                           number(s.min),
                           number(s.max),
                           ratio);
    }
    return out;
}

} // namespace perfgate::reporters
