#include <core/json_reader.hpp>
#include <core/results.hpp>
#include <util/error.hpp>
#include <util/file.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace perfgate::core {

namespace {

namespace fs = std::filesystem;
using nlohmann::ordered_json;

// JSON has no NaN or Infinity: they are written as null, and null is read back as NaN.
ordered_json number_or_null(double value)
{
    return std::isfinite(value) ? ordered_json(value) : ordered_json(nullptr);
}

} // namespace

ordered_json to_json(const Environment& environment)
{
    ordered_json json = ordered_json::object();
    json["host"] = environment.host;
    json["os"] = environment.os;
    json["cpu"] = environment.cpu;
    json["cpus"] = environment.cpus;
    json["memory_bytes"] = environment.memory_bytes;
    if (environment.git) {
        json["git"] = {{"commit", environment.git->commit},
                       {"branch", environment.git->branch},
                       {"dirty", environment.git->dirty}};
    }
    return json;
}

ordered_json to_json(const Summary& summary)
{
    ordered_json json = ordered_json::object();
    json["n"] = summary.n;
    json["mean"] = number_or_null(summary.mean);
    json["median"] = number_or_null(summary.median);
    json["stddev"] = number_or_null(summary.stddev);
    json["min"] = number_or_null(summary.min);
    json["max"] = number_or_null(summary.max);
    json["p90"] = number_or_null(summary.p90);
    json["p95"] = number_or_null(summary.p95);
    json["p99"] = number_or_null(summary.p99);
    json["mad"] = number_or_null(summary.mad);
    json["outliers"] = summary.outliers;
    return json;
}

namespace {

ordered_json to_json(const Metric& metric)
{
    ordered_json samples = ordered_json::array();
    samples.get_ref<ordered_json::array_t&>().reserve(metric.samples.size());
    for (const double sample : metric.samples) {
        samples.push_back(number_or_null(sample));
    }
    ordered_json json = ordered_json::object();
    json["unit"] = metric.unit;
    json["better"] = to_string(metric.better);
    json["samples"] = std::move(samples);
    if (!metric.launches.empty()) {
        json["launches"] = metric.launches;
    }
    json["summary"] = to_json(summarize(metric.samples));
    return json;
}

ordered_json to_json(const BenchmarkResult& result)
{
    ordered_json json = ordered_json::object();
    json["id"] = result.id;
    json["source"] = to_string(result.source);
    if (!result.executable.empty()) {
        json["executable"] = result.executable;
    }
    if (!result.command.empty()) {
        json["command"] = result.command;
    }
    if (!result.shell.empty()) {
        json["shell"] = result.shell;
    }
    if (result.shell_startup_seconds) {
        json["shell_startup_seconds"] = number_or_null(*result.shell_startup_seconds);
    }
    json["status"] = to_string(result.status);
    if (!result.message.empty()) {
        json["message"] = result.message;
    }
    if (!result.exit_codes.empty()) {
        json["exit_codes"] = result.exit_codes;
    }
    if (!result.parameters.empty()) {
        json["parameters"] = result.parameters;
    }
    if (result.context && !result.context->is_null()) {
        json["context"] = ordered_json(*result.context);
    }
    ordered_json metrics = ordered_json::object();
    for (const Metric& metric : result.metrics) {
        metrics[metric.name] = to_json(metric);
    }
    json["metrics"] = std::move(metrics);
    return json;
}

} // namespace

std::string_view to_string(Better better)
{
    return name_of(k_better_names, better);
}

std::string_view to_string(Status status)
{
    return name_of(k_status_names, status);
}

std::string_view to_string(Source source)
{
    return name_of(k_source_names, source);
}

const Metric* BenchmarkResult::find_metric(std::string_view name) const
{
    const auto it = std::find_if(
        metrics.begin(), metrics.end(), [&](const Metric& metric) { return metric.name == name; });
    return it == metrics.end() ? nullptr : &*it;
}

Metric& BenchmarkResult::metric(std::string_view name, std::string_view unit, Better better)
{
    const auto it = std::find_if(
        metrics.begin(), metrics.end(), [&](const Metric& metric) { return metric.name == name; });
    if (it != metrics.end()) {
        return *it;
    }
    return metrics.emplace_back(Metric{std::string(name), std::string(unit), better, {}, {}});
}

nlohmann::ordered_json to_json(const ResultsDocument& document)
{
    ordered_json json = ordered_json::object();
    json["schema"] = k_results_schema;
    json["perfgate"] = document.perfgate_version;
    json["created"] = document.created;
    json["environment"] = to_json(document.environment);
    ordered_json benchmarks = ordered_json::array();
    benchmarks.get_ref<ordered_json::array_t&>().reserve(document.benchmarks.size());
    for (const BenchmarkResult& result : document.benchmarks) {
        benchmarks.push_back(to_json(result));
    }
    json["benchmarks"] = std::move(benchmarks);
    return json;
}

void save_results(const ResultsDocument& document, const fs::path& path)
{
    // Ids and messages come from arbitrary programs: replace invalid UTF-8 rather than throw.
    const std::string text =
        to_json(document).dump(2, ' ', false, ordered_json::error_handler_t::replace);
    util::write_file_atomic(path, text + "\n");
}

} // namespace perfgate::core
