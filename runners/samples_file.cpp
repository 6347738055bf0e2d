#include <core/json_reader.hpp>
#include <runners/samples_file.hpp>
#include <util/error.hpp>

#include <fmt/format.h>

#include <array>
#include <set>

namespace perfgate::runners {
namespace {

using core::JsonPath;
using nlohmann::json;

// A unit a samples file may use, and how it is stored: times in seconds, the rest as given.
struct UnitRule
{
    std::string_view name;
    std::string_view stored;
    double factor;
};

constexpr std::array k_units{
    UnitRule{"s", "s", 1.0},
    UnitRule{"ms", "s", 1e-3},
    UnitRule{"us", "s", 1e-6},
    UnitRule{"\u00b5s", "s", 1e-6},
    UnitRule{"ns", "s", 1e-9},
    UnitRule{"B", "B", 1.0},
    UnitRule{"B/s", "B/s", 1.0},
    UnitRule{"1/s", "1/s", 1.0},
    UnitRule{"%", "%", 1.0},
    UnitRule{"", "", 1.0},
};

const UnitRule&
unit_rule(const core::JsonReader<nlohmann::json>& reader, const json& metric, const JsonPath& path)
{
    const std::string& unit = reader.string(reader.require(metric, path, "a unit"), path);
    for (const auto& rule : k_units) {
        if (rule.name == unit) {
            return rule;
        }
    }
    reader.fail_at(path,
                   fmt::format("unknown unit '{}': expected s, ms, us, ns, B, B/s, 1/s, % or \"\" "
                               "(a plain count)",
                               unit));
}

core::Better
better_of(const core::JsonReader<nlohmann::json>& reader, const json& metric, const JsonPath& path)
{
    const std::string& better = reader.string(reader.require(metric, path, "a string"), path);
    if (better == "lower") {
        return core::Better::lower;
    }
    if (better == "higher") {
        return core::Better::higher;
    }
    reader.fail_at(path, fmt::format("unknown value '{}': expected 'lower' or 'higher'", better));
}

core::Metric
read_metric(const core::JsonReader<nlohmann::json>& reader, const json& value, const JsonPath& path)
{
    const json& metric = reader.object(value, path);
    core::Metric result;
    result.name = reader.non_empty_string(metric, path.field("name"));
    const UnitRule& unit = unit_rule(reader, metric, path.field("unit"));
    result.unit = std::string(unit.stored);
    result.better = better_of(reader, metric, path.field("better"));
    const JsonPath samples_path = path.field("samples");
    const json& samples =
        reader.array(reader.require(metric, samples_path, "an array of numbers"), samples_path);
    if (samples.empty()) {
        reader.fail_at(samples_path, "expected at least one sample");
    }
    result.samples.reserve(samples.size());
    for (std::size_t i = 0; i < samples.size(); ++i) {
        result.samples.push_back(reader.non_negative(samples[i], samples_path.element(i)) *
                                 unit.factor);
    }
    return result;
}

core::BenchmarkResult read_benchmark(const core::JsonReader<nlohmann::json>& reader,
                                     const json& value,
                                     const JsonPath& path,
                                     std::string_view prefix)
{
    const json& benchmark = reader.object(value, path);
    core::BenchmarkResult result;
    const std::string& id = reader.non_empty_string(benchmark, path.field("id"));
    result.id = prefix.empty() ? id : fmt::format("{}/{}", prefix, id);
    result.source = core::Source::samples;
    const JsonPath metrics_path = path.field("metrics");
    const json& metrics =
        reader.array(reader.require(benchmark, metrics_path, "an array of metrics"), metrics_path);
    if (metrics.empty()) {
        reader.fail_at(metrics_path, "expected at least one metric");
    }
    for (std::size_t i = 0; i < metrics.size(); ++i) {
        const JsonPath metric_path = metrics_path.element(i);
        auto metric = read_metric(reader, metrics[i], metric_path);
        if (result.find_metric(metric.name) != nullptr) {
            reader.fail_at(
                metric_path.field("name"),
                fmt::format("metric '{}' appears twice in benchmark '{}'", metric.name, id));
        }
        result.metrics.push_back(std::move(metric));
    }
    return result;
}

} // namespace

bool is_samples_json(const nlohmann::json& json)
{
    const auto* schema = core::JsonReader<nlohmann::json>::find(json, "schema");
    return schema != nullptr && schema->is_string() &&
           schema->get_ref<const std::string&>().starts_with("perfgate-samples/");
}

std::vector<core::BenchmarkResult>
import_samples(const nlohmann::json& json, const std::string& origin, std::string_view prefix)
{
    const core::JsonReader<nlohmann::json> reader{std::string(origin)};
    const JsonPath root;
    const auto& document = reader.object(json, root);
    const JsonPath schema_path = root.field("schema");
    const auto& schema =
        reader.string(reader.require(document, schema_path, "a string"), schema_path);
    if (schema != k_samples_schema) {
        reader.fail_at(schema_path,
                       fmt::format("unknown schema '{}': expected '{}'", schema, k_samples_schema));
    }
    const JsonPath benchmarks_path = root.field("benchmarks");
    const auto& benchmarks = reader.array(
        reader.require(document, benchmarks_path, "an array of benchmarks"), benchmarks_path);
    if (benchmarks.empty()) {
        reader.fail_at(benchmarks_path, "expected at least one benchmark");
    }
    std::vector<core::BenchmarkResult> results;
    std::set<std::string, std::less<>> ids;
    for (std::size_t i = 0; i < benchmarks.size(); ++i) {
        const JsonPath path = benchmarks_path.element(i);
        auto result = read_benchmark(reader, benchmarks[i], path, prefix);
        if (!ids.insert(result.id).second) {
            reader.fail_at(
                path.field("id"),
                fmt::format("id '{}' appears twice", benchmarks[i]["id"].get<std::string>()));
        }
        results.push_back(std::move(result));
    }
    return results;
}

} // namespace perfgate::runners
