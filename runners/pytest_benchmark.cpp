#include <core/json_reader.hpp>
#include <runners/launches.hpp>
#include <runners/pytest_benchmark.hpp>
#include <util/error.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace perfgate::runners {
namespace {

using core::JsonPath;
using JsonReader = core::JsonReader<nlohmann::json>;
using nlohmann::json;

core::BenchmarkResult read_benchmark(const JsonReader& reader,
                                     const json& value,
                                     const JsonPath& path,
                                     std::string_view prefix)
{
    const json& benchmark = reader.object(value, path);
    const std::string& fullname = reader.non_empty_string(benchmark, path.field("fullname"));
    core::BenchmarkResult result;
    result.id = prefix.empty() ? fullname : fmt::format("{}/{}", prefix, fullname);
    result.source = core::Source::pytest_benchmark;
    if (const json* params = JsonReader::find(benchmark, "params");
        params != nullptr && params->is_object()) {
        for (const auto& [name, param] : params->items()) {
            result.parameters[name] = param.is_string() ? param.get<std::string>() : param.dump();
        }
    }
    const JsonPath stats_path = path.field("stats");
    const json& stats =
        reader.object(reader.require(benchmark, stats_path, "an object"), stats_path);
    if (const json* data = JsonReader::find(stats, "data")) {
        const JsonPath data_path = stats_path.field("data");
        reader.array(*data, data_path);
        if (data->empty()) {
            reader.fail_at(data_path, "expected at least one round's time");
        }
        auto& time = result.metric("time", "s", core::Better::lower);
        time.samples.reserve(data->size());
        for (std::size_t i = 0; i < data->size(); ++i) {
            time.samples.push_back(reader.non_negative((*data)[i], data_path.element(i)));
        }
        return result;
    }
    const JsonPath median_path = stats_path.field("median");
    const double median = reader.non_negative(
        reader.require(stats, median_path, "a number (or raw data in \"data\")"), median_path);
    result.metric("median_time", "s", core::Better::lower).samples.push_back(median);
    const json* rounds = JsonReader::find(stats, "rounds");
    result.message = fmt::format(
        "summary only: pytest-benchmark saved this file without --benchmark-save-data, so it "
        "holds the median of {} rounds as one sample; a change of it cannot be tested for "
        "significance",
        rounds != nullptr && rounds->is_number() ? rounds->dump() : "its");
    return result;
}

} // namespace

bool is_pytest_benchmark_json(const nlohmann::json& json)
{
    return json.is_object() && json.contains("benchmarks") && json["benchmarks"].is_array() &&
           json.contains("machine_info") && json["machine_info"].is_object();
}

core::ResultsDocument import_pytest_benchmark(const nlohmann::json& json,
                                              const std::string& origin,
                                              std::string_view prefix)
{
    const JsonReader reader(origin);
    const JsonPath root;
    reader.object(json, root);
    core::ResultsDocument document;
    if (const auto* datetime = JsonReader::find(json, "datetime");
        datetime != nullptr && datetime->is_string()) {
        document.created = datetime->get<std::string>();
    }
    const JsonPath benchmarks_path = root.field("benchmarks");
    const auto& benchmarks = reader.array(
        reader.require(json, benchmarks_path, "an array of benchmarks"), benchmarks_path);
    if (benchmarks.empty()) {
        reader.fail_at(benchmarks_path,
                       "expected at least one benchmark: no test used the benchmark fixture");
    }
    std::set<std::string, std::less<>> ids;
    for (std::size_t i = 0; i < benchmarks.size(); ++i) {
        const JsonPath path = benchmarks_path.element(i);
        auto result = read_benchmark(reader, benchmarks[i], path, prefix);
        if (!ids.insert(result.id).second) {
            reader.fail_at(path.field("fullname"),
                           fmt::format("test '{}' appears twice", result.id));
        }
        document.benchmarks.push_back(std::move(result));
    }
    mark_single_launch(document.benchmarks);
    return document;
}

std::optional<std::string> summary_only_warning(const std::vector<core::BenchmarkResult>& results,
                                                std::string_view origin)
{
    const auto count = std::count_if(results.begin(), results.end(), [](const auto& result) {
        return result.source == core::Source::pytest_benchmark &&
               result.find_metric("median_time") != nullptr;
    });
    if (count == 0) {
        return std::nullopt;
    }
    return fmt::format(
        "'{}': {} pytest-benchmark result(s) hold only a summary (saved without "
        "--benchmark-save-data): their median is compared as metric median_time, one sample per "
        "file, so a change is shown but cannot be judged significant; use --benchmark-json, or "
        "save with --benchmark-save-data, to compare every round",
        origin,
        count);
}

} // namespace perfgate::runners
