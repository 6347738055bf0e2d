#include <runners/gbench_ingest.hpp>

#include <fmt/format.h>

#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>

namespace perfgate::runners {
namespace {

using core::Better;
using core::Status;

// Fields of a Google Benchmark run that are not metrics.
const std::set<std::string, std::less<>> k_run_fields = {"name",
                                                         "family_index",
                                                         "per_family_instance_index",
                                                         "run_name",
                                                         "run_type",
                                                         "repetitions",
                                                         "repetition_index",
                                                         "threads",
                                                         "iterations",
                                                         "real_time",
                                                         "cpu_time",
                                                         "time_unit",
                                                         "label",
                                                         "error_occurred",
                                                         "error_message",
                                                         "skipped",
                                                         "skip_message",
                                                         "aggregate_name",
                                                         "aggregate_unit",
                                                         "big_o",
                                                         "rms"};

double ns_per(std::string_view time_unit)
{
    if (time_unit == "us") {
        return 1e3;
    }
    if (time_unit == "ms") {
        return 1e6;
    }
    if (time_unit == "s") {
        return 1e9;
    }
    return 1.0;
}

// Return a JSON value as a number: null is NaN, the strings the sanitiser made are ±infinity.
std::optional<double> number_of(const nlohmann::json& value)
{
    if (value.is_number()) {
        return value.get<double>();
    }
    if (value.is_null()) {
        return std::numeric_limits<double>::quiet_NaN();
    }
    if (value.is_string()) {
        const auto& text = value.get_ref<const std::string&>();
        if (text == "Infinity" || text == "-Infinity") {
            const double inf = std::numeric_limits<double>::infinity();
            return text.front() == '-' ? -inf : inf;
        }
    }
    return std::nullopt;
}

// Return the unit and direction of a Google Benchmark counter.
std::pair<std::string_view, Better> counter_kind(std::string_view name)
{
    if (name == "bytes_per_second") {
        return {"B/s", Better::higher};
    }
    if (name.ends_with("_per_second")) {
        return {"1/s", Better::higher};
    }
    if (name == "max_bytes_used" || name == "total_allocated_bytes" || name == "net_heap_growth") {
        return {"B", Better::lower};
    }
    return {"", Better::lower};
}

bool flag_set(const nlohmann::json& run, const char* key)
{
    const auto it = run.find(key);
    return it != run.end() &&
           ((it->is_boolean() && it->get<bool>()) || (it->is_number() && it->get<double>() != 0));
}

// Add one repetition `run` to `result`.
void add_repetition(core::BenchmarkResult& result, const nlohmann::json& run)
{
    if (flag_set(run, "error_occurred")) {
        result.status = Status::failed;
        result.message = run.value("error_message", std::string("error_occurred"));
        return;
    }
    if (flag_set(run, "skipped")) {
        result.status = Status::skipped;
        result.message = run.value("skip_message", std::string("skipped"));
        return;
    }
    const double scale = ns_per(run.value("time_unit", std::string("ns")));
    for (const char* key : {"real_time", "cpu_time"}) {
        if (const auto it = run.find(key); it != run.end()) {
            if (auto value = number_of(*it)) {
                result.metric(key, "ns", Better::lower).samples.push_back(*value * scale);
            }
        }
    }
    for (const auto& [key, value] : run.items()) {
        if (k_run_fields.contains(key)) {
            continue;
        }
        if (auto number = number_of(value)) {
            const auto [unit, better] = counter_kind(key);
            result.metric(key, unit, better).samples.push_back(*number);
        }
    }
}

} // namespace

std::vector<core::BenchmarkResult> ingest_google_benchmark(const nlohmann::json& json,
                                                           std::string_view prefix,
                                                           std::string_view executable)
{
    std::vector<core::BenchmarkResult> results;
    std::map<std::string, std::size_t, std::less<>> index;
    for (const auto& run : json["benchmarks"]) {
        if (!run.is_object() || run.value("run_type", std::string("iteration")) == "aggregate") {
            continue;
        }
        const auto run_name = run.value("run_name", run.value("name", std::string()));
        auto [it, added] = index.try_emplace(run_name, results.size());
        if (added) {
            core::BenchmarkResult result;
            result.id = fmt::format("{}/{}", prefix, run_name);
            result.source = core::Source::google_benchmark;
            result.executable = std::string(executable);
            result.context = json.value("context", nlohmann::json());
            results.push_back(std::move(result));
        }
        add_repetition(results[it->second], run);
    }
    return results;
}

} // namespace perfgate::runners
