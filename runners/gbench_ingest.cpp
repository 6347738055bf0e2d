#include <core/json_reader.hpp>
#include <core/units.hpp>
#include <runners/gbench_ingest.hpp>
#include <runners/gbench_json.hpp>
#include <runners/launches.hpp>
#include <util/error.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
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

using Reader = core::JsonReader<nlohmann::json>;
using core::JsonPath;

constexpr std::array<std::pair<std::string_view, double>, 4> k_time_units{{
    {"ns", 1.0},
    {"us", 1e3},
    {"ms", 1e6},
    {"s", 1e9},
}};

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

// Return a number as Google Benchmark writes it: NaN, Infinity, -Infinity or digits.
std::string as_written(double value)
{
    if (std::isnan(value)) {
        return "NaN";
    }
    if (std::isinf(value)) {
        return value < 0 ? "-Infinity" : "Infinity";
    }
    return fmt::format("{}", value);
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

// Reads the runs of one Google Benchmark document; every wrong type or impossible value is an
// Error(usage) naming the origin and the field ("benchmarks[3].time_unit").
class RunReader
{
public:
    explicit RunReader(std::string_view origin) : m_read(std::string(origin)) {}

    const Reader& reader() const { return m_read; }

    // True for `error_occurred` and `skipped`, which 1.7 writes as booleans and others as 0/1.
    bool flag(const nlohmann::json& run, const JsonPath& path) const
    {
        const nlohmann::json* value = Reader::find(run, path.key);
        if (value == nullptr) {
            return false;
        }
        if (value->is_number()) {
            return value->get<double>() != 0;
        }
        return m_read.boolean(*value, path);
    }

    std::string
    text_or(const nlohmann::json& run, const JsonPath& path, const std::string& fallback) const
    {
        const nlohmann::json* value = Reader::find(run, path.key);
        return value == nullptr ? fallback : m_read.string(*value, path);
    }

    // Return the name of the benchmark that `run` belongs to: `run_name`, else (before 1.6)
    // `name`.
    std::string run_name(const nlohmann::json& run, const JsonPath& path) const
    {
        const bool has_run_name = Reader::find(run, "run_name") != nullptr;
        const JsonPath name_path = path.field(has_run_name ? "run_name" : "name");
        std::string name = m_read.required_string(run, name_path);
        if (name.empty()) {
            m_read.fail_at(name_path, "empty, expected a benchmark name");
        }
        return name;
    }

    // True for the aggregates (mean, median, ...) that perfgate computes itself.
    bool is_aggregate(const nlohmann::json& run, const JsonPath& path) const
    {
        const std::string type = text_or(run, path.field("run_type"), "iteration");
        if (type != "iteration" && type != "aggregate") {
            m_read.fail_at(
                path.field("run_type"),
                fmt::format("unknown value '{}': expected 'iteration' or 'aggregate'", type));
        }
        return type == "aggregate";
    }

    // Return the run's `time_unit` and how many nanoseconds one of it is.
    std::pair<std::string_view, double> time_unit(const nlohmann::json& run,
                                                  const JsonPath& path) const
    {
        const JsonPath unit_path = path.field("time_unit");
        const std::string unit = text_or(run, unit_path, "ns");
        for (const auto& [name, ns] : k_time_units) {
            if (name == unit) {
                return {name, ns};
            }
        }
        m_read.fail_at(unit_path,
                       fmt::format("unknown value '{}': expected 'ns', 'us', 'ms' or 's'", unit));
    }

    // Return `real_time` or `cpu_time` of a run that finished, written in `unit`, in ns.
    double time(const nlohmann::json& run,
                const JsonPath& path,
                std::string_view unit,
                double ns_per_unit) const
    {
        const nlohmann::json& value = m_read.require(run, path, "a number");
        const auto number = number_of(value);
        if (!number) {
            m_read.fail_at(path, "expected a number");
        }
        if (!std::isfinite(*number) || *number < 0) {
            m_read.fail_at(
                path,
                fmt::format("expected a time of 0 {} or more, not {}", unit, as_written(*number)));
        }
        const double most = core::k_max_time_sample * 1e9 / ns_per_unit;
        if (*number > most) {
            m_read.fail_at(path,
                           fmt::format("{} {} is out of range: expected at most {:g} {} (about 31 "
                                       "years)",
                                       as_written(*number),
                                       unit,
                                       most,
                                       unit));
        }
        return *number * ns_per_unit;
    }

    // Add one repetition `run` to `result`.
    void add_repetition(core::BenchmarkResult& result,
                        const nlohmann::json& run,
                        const JsonPath& path) const
    {
        if (flag(run, path.field("error_occurred"))) {
            result.status = Status::failed;
            result.message = text_or(run, path.field("error_message"), "error_occurred");
            return;
        }
        if (flag(run, path.field("skipped"))) {
            result.status = Status::skipped;
            result.message = text_or(run, path.field("skip_message"), "skipped");
            return;
        }
        const auto [written_unit, ns_per_unit] = time_unit(run, path);
        for (const char* key : {"real_time", "cpu_time"}) {
            const double ns = time(run, path.field(key), written_unit, ns_per_unit);
            result.metric(key, "ns", Better::lower).samples.push_back(ns);
        }
        // Note: counters may be negative, zero, NaN or infinite; fields that are not numbers
        // belong to other versions of the library and are ignored.
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

    // Return which registration of its name `run` comes from: its `family_index` and
    // `per_family_instance_index` (-1 when absent, as before 1.6).
    std::pair<std::int64_t, std::int64_t> instance(const nlohmann::json& run,
                                                   const JsonPath& path) const
    {
        const auto index = [&](const char* key) -> std::int64_t {
            const nlohmann::json* value = Reader::find(run, key);
            if (value == nullptr) {
                return -1;
            }
            if (!value->is_number_unsigned() || value->get<std::uint64_t>() > (1ULL << 53)) {
                m_read.fail_at(path.field(key), "expected an index (a non-negative integer)");
            }
            return static_cast<std::int64_t>(value->get<std::uint64_t>());
        };
        return {index("family_index"), index("per_family_instance_index")};
    }

    // Fail when the context fields that perfgate reads have the wrong type.
    void check_context(const nlohmann::json& context, const JsonPath& path) const
    {
        if (const auto* date = Reader::find(context, "date")) {
            m_read.string(*date, path.field("date"));
        }
        if (const auto* build_type = Reader::find(context, "library_build_type")) {
            m_read.string(*build_type, path.field("library_build_type"));
        }
        if (const auto* scaling = Reader::find(context, "cpu_scaling_enabled")) {
            m_read.boolean(*scaling, path.field("cpu_scaling_enabled"));
        }
    }

private:
    Reader m_read;
};

} // namespace

std::vector<core::BenchmarkResult> ingest_google_benchmark(const nlohmann::json& json,
                                                           std::string_view prefix,
                                                           std::string_view executable)
{
    const RunReader read(executable);
    if (!is_google_benchmark_json(json)) {
        fail(ExitCode::usage,
             "'{}': not Google Benchmark output (expected a \"context\" object and a "
             "\"benchmarks\" array)",
             executable);
    }
    const JsonPath root;
    const nlohmann::json& context = json["context"];
    read.check_context(context, root.field("context"));
    const nlohmann::json& runs = json["benchmarks"];
    const JsonPath runs_path = root.field("benchmarks");
    // Note: a name registered more than once runs once per registration; each registration
    // (family and instance index) gets its own id, "NAME#2" from the second on, ranked by
    // registration order, not by the random order of the runs.
    using Instance = std::pair<std::string, std::pair<std::int64_t, std::int64_t>>;
    std::map<std::string, std::set<std::pair<std::int64_t, std::int64_t>>, std::less<>> instances;
    for (std::size_t i = 0; i < runs.size(); ++i) {
        const JsonPath path = runs_path.element(i);
        const nlohmann::json& run = read.reader().object(runs[i], path);
        if (!read.is_aggregate(run, path)) {
            instances[read.run_name(run, path)].insert(read.instance(run, path));
        }
    }
    const bool only_aggregates =
        !runs.empty() && instances.empty() &&
        std::all_of(runs.begin(), runs.end(), [](const auto& run) { return run.is_object(); });
    if (only_aggregates) {
        fail(ExitCode::usage,
             "'{}': only aggregates (mean, median, stddev), no per-repetition samples to "
             "compare: it was written with --benchmark_report_aggregates_only=true; run the "
             "benchmarks again without it (--benchmark_display_aggregates_only=true keeps "
             "the console short and every repetition in the file)",
             executable);
    }
    std::vector<core::BenchmarkResult> results;
    std::map<Instance, std::size_t> index;
    for (std::size_t i = 0; i < runs.size(); ++i) {
        const JsonPath path = runs_path.element(i);
        const nlohmann::json& run = runs[i];
        if (read.is_aggregate(run, path)) {
            continue;
        }
        const auto run_name = read.run_name(run, path);
        const auto which = read.instance(run, path);
        auto [it, added] = index.try_emplace(Instance{run_name, which}, results.size());
        if (added) {
            const auto& registrations = instances[run_name];
            const auto rank = std::distance(registrations.begin(), registrations.find(which));
            core::BenchmarkResult result;
            result.id = rank == 0 ? fmt::format("{}/{}", prefix, run_name)
                                  : fmt::format("{}/{}#{}", prefix, run_name, rank + 1);
            result.source = core::Source::google_benchmark;
            result.executable = std::string(executable);
            result.context = context;
            results.push_back(std::move(result));
        }
        read.add_repetition(results[it->second], run, path);
    }
    mark_single_launch(results);
    return results;
}

} // namespace perfgate::runners
