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
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

namespace perfgate::runners {
namespace {

using core::Better;
using core::Status;

using core::JsonPath;

constexpr std::array<std::pair<std::string_view, double>, 4> k_time_units{{
    {"ns", 1.0},
    {"us", 1e3},
    {"ms", 1e6},
    {"s", 1e9},
}};

using Value = GoogleBenchmarkValue;
using Type = GoogleBenchmarkValue::Type;

// Return a time as a number: null is NaN, the strings "Infinity" and "-Infinity" infinities.
std::optional<double> number_of(const Value& value)
{
    if (value.is_number()) {
        return value.number;
    }
    if (value.type == Type::null) {
        return std::numeric_limits<double>::quiet_NaN();
    }
    if (value.type == Type::string && (value.text == "Infinity" || value.text == "-Infinity")) {
        const double inf = std::numeric_limits<double>::infinity();
        return value.text.front() == '-' ? -inf : inf;
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

// Takes the runs of one Google Benchmark document as they are read, checks them and groups the
// repetitions into results; every wrong type or impossible value is an Error(usage) naming the
// origin, the position and the field ("benchmarks[3].time_unit").
class RunCollector final : public GoogleBenchmarkSink
{
public:
    RunCollector(const std::string& text, std::string_view origin) : m_text(text), m_origin(origin)
    {}

    void context(nlohmann::json context) override { m_output.context = std::move(context); }

    void run(const GoogleBenchmarkRun& run) override
    {
        ++m_runs;
        const JsonPath root;
        const JsonPath runs = root.field("benchmarks");
        const JsonPath path = runs.element(run.index);
        if (is_aggregate(run, path)) {
            return;
        }
        const std::size_t result = result_of(run_name(run, path), instance(run, path));
        add_repetition(m_output.benchmarks[result], run, path);
    }

    // Return the results, ranking the registrations of each name; fail when the document held
    // only aggregates.
    GoogleBenchmarkOutput finish()
    {
        if (m_runs > 0 && m_output.benchmarks.empty()) {
            fail(ExitCode::usage,
                 "'{}': only aggregates (mean, median, stddev), no per-repetition samples to "
                 "compare: it was written with --benchmark_report_aggregates_only=true; run the "
                 "benchmarks again without it (--benchmark_display_aggregates_only=true keeps "
                 "the console short and every repetition in the file)",
                 m_origin);
        }
        // Note: a name registered more than once runs once per registration; each registration
        // (family and instance index) gets its own id, "NAME#2" from the second on, ranked by
        // registration order, not by the random order of the runs.
        for (auto& [name, registrations] : m_registrations) {
            std::sort(registrations.begin(), registrations.end());
            for (std::size_t rank = 0; rank < registrations.size(); ++rank) {
                m_output.benchmarks[registrations[rank].result].id =
                    rank == 0 ? name : fmt::format("{}#{}", name, rank + 1);
            }
        }
        return std::move(m_output);
    }

private:
    using Instance = std::pair<std::int64_t, std::int64_t>;
    struct Registration
    {
        Instance instance;
        std::size_t result = 0;
        bool operator<(const Registration& other) const { return instance < other.instance; }
    };

    const std::string& m_text;
    std::string_view m_origin;
    GoogleBenchmarkOutput m_output;
    std::size_t m_runs = 0;
    std::unordered_map<std::string, std::vector<Registration>> m_registrations;
    // The last run's registration: repetitions of one benchmark come one after another.
    std::string m_last_name;
    Instance m_last_instance;
    std::size_t m_last_result = std::string::npos;
    std::vector<const std::pair<std::string, double>*> m_counters; // one run's, sorted

    [[noreturn]] void
    fail_at(std::size_t offset, const JsonPath& path, std::string_view problem) const
    {
        runners::fail_at(m_text, m_origin, offset, path, problem);
    }

    // Return the index of the result of registration `which` of `name`, adding it when new.
    std::size_t result_of(const std::string& name, const Instance& which)
    {
        if (m_last_result != std::string::npos && which == m_last_instance && name == m_last_name) {
            return m_last_result;
        }
        auto& registrations = m_registrations[name];
        const auto it = std::find_if(registrations.begin(),
                                     registrations.end(),
                                     [&](const Registration& r) { return r.instance == which; });
        std::size_t result = 0;
        if (it != registrations.end()) {
            result = it->result;
        } else {
            result = m_output.benchmarks.size();
            registrations.push_back({which, result});
            core::BenchmarkResult added;
            added.id = name;
            added.source = core::Source::google_benchmark;
            m_output.benchmarks.push_back(std::move(added));
        }
        m_last_name = name;
        m_last_instance = which;
        m_last_result = result;
        return result;
    }

    // Return a string member, `fallback` when absent.
    std::string_view
    text_or(const Value& value, const JsonPath& path, std::string_view fallback) const
    {
        if (value.type == Type::absent) {
            return fallback;
        }
        if (value.type != Type::string) {
            fail_at(value.offset, path, "expected a string");
        }
        return value.text;
    }

    // True for `error_occurred` and `skipped`, which 1.7 writes as booleans and others as 0/1.
    bool flag(const Value& value, const JsonPath& path) const
    {
        if (value.type == Type::absent) {
            return false;
        }
        if (value.is_number()) {
            return value.number != 0;
        }
        if (value.type != Type::boolean) {
            fail_at(value.offset, path, "expected true or false");
        }
        return value.boolean;
    }

    // Return the name of the benchmark that `run` belongs to: `run_name`, else (before 1.6)
    // `name`.
    std::string run_name(const GoogleBenchmarkRun& run, const JsonPath& path) const
    {
        const bool has_run_name = run.run_name.type != Type::absent;
        const Value& value = has_run_name ? run.run_name : run.name;
        const JsonPath name_path = path.field(has_run_name ? "run_name" : "name");
        if (value.type == Type::absent) {
            fail_at(run.offset, name_path, "missing, expected a string");
        }
        if (value.type != Type::string) {
            fail_at(value.offset, name_path, "expected a string");
        }
        if (value.text.empty()) {
            fail_at(value.offset, name_path, "empty, expected a benchmark name");
        }
        return value.text;
    }

    // True for the aggregates (mean, median, ...) that perfgate computes itself.
    bool is_aggregate(const GoogleBenchmarkRun& run, const JsonPath& path) const
    {
        const std::string_view type = text_or(run.run_type, path.field("run_type"), "iteration");
        if (type != "iteration" && type != "aggregate") {
            fail_at(run.run_type.offset,
                    path.field("run_type"),
                    fmt::format("unknown value '{}': expected 'iteration' or 'aggregate'", type));
        }
        return type == "aggregate";
    }

    // Return the run's `time_unit` and how many nanoseconds one of it is.
    std::pair<std::string_view, double> time_unit(const GoogleBenchmarkRun& run,
                                                  const JsonPath& path) const
    {
        const JsonPath unit_path = path.field("time_unit");
        const std::string_view unit = text_or(run.time_unit, unit_path, "ns");
        for (const auto& [name, ns] : k_time_units) {
            if (name == unit) {
                return {name, ns};
            }
        }
        fail_at(run.time_unit.offset,
                unit_path,
                fmt::format("unknown value '{}': expected 'ns', 'us', 'ms' or 's'", unit));
    }

    // Return `real_time` or `cpu_time` of a run that finished, written in `unit`, in ns.
    double time(const GoogleBenchmarkRun& run,
                const Value& value,
                const JsonPath& path,
                std::string_view unit,
                double ns_per_unit) const
    {
        if (value.type == Type::absent) {
            fail_at(run.offset, path, "missing, expected a number");
        }
        const auto number = number_of(value);
        if (!number) {
            fail_at(value.offset, path, "expected a number");
        }
        if (!std::isfinite(*number) || *number < 0) {
            fail_at(
                value.offset,
                path,
                fmt::format("expected a time of 0 {} or more, not {}", unit, as_written(*number)));
        }
        const double most = core::k_max_time_sample * 1e9 / ns_per_unit;
        if (*number > most) {
            fail_at(value.offset,
                    path,
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
                        const GoogleBenchmarkRun& run,
                        const JsonPath& path)
    {
        if (flag(run.error_occurred, path.field("error_occurred"))) {
            result.status = Status::failed;
            result.message =
                text_or(run.error_message, path.field("error_message"), "error_occurred");
            return;
        }
        if (flag(run.skipped, path.field("skipped"))) {
            result.status = Status::skipped;
            result.message = text_or(run.skip_message, path.field("skip_message"), "skipped");
            return;
        }
        const auto [written_unit, ns_per_unit] = time_unit(run, path);
        const double real =
            time(run, run.real_time, path.field("real_time"), written_unit, ns_per_unit);
        const double cpu =
            time(run, run.cpu_time, path.field("cpu_time"), written_unit, ns_per_unit);
        result.metric("real_time", "ns", Better::lower).samples.push_back(real);
        result.metric("cpu_time", "ns", Better::lower).samples.push_back(cpu);
        // Note: counters may be negative, zero, NaN or infinite. They become metrics in name
        // order, whatever order the file lists them in.
        m_counters.clear();
        for (const auto& counter : run.counters) {
            m_counters.push_back(&counter);
        }
        std::sort(m_counters.begin(), m_counters.end(), [](const auto* a, const auto* b) {
            return a->first < b->first;
        });
        for (const auto* counter : m_counters) {
            const auto [unit, better] = counter_kind(counter->first);
            result.metric(counter->first, unit, better).samples.push_back(counter->second);
        }
    }

    // Return which registration of its name `run` comes from: its `family_index` and
    // `per_family_instance_index` (-1 when absent, as before 1.6).
    Instance instance(const GoogleBenchmarkRun& run, const JsonPath& path) const
    {
        const auto index = [&](const Value& value, const char* key) -> std::int64_t {
            if (value.type == Type::absent) {
                return -1;
            }
            if (value.type != Type::index || value.index > (1ULL << 53)) {
                fail_at(
                    value.offset, path.field(key), "expected an index (a non-negative integer)");
            }
            return static_cast<std::int64_t>(value.index);
        };
        return {index(run.family_index, "family_index"),
                index(run.per_family_instance_index, "per_family_instance_index")};
    }
};

} // namespace

GoogleBenchmarkOutput
read_google_benchmark(const std::string& text, std::string_view origin, bool allow_truncated)
{
    RunCollector collector(text, origin);
    read_google_benchmark_json(text, origin, allow_truncated, collector);
    return collector.finish();
}

std::vector<core::BenchmarkResult> ingest_google_benchmark(GoogleBenchmarkOutput output,
                                                           std::string_view prefix,
                                                           std::string_view executable)
{
    auto& results = output.benchmarks;
    const auto context = std::make_shared<const nlohmann::json>(std::move(output.context));
    for (auto& result : results) {
        result.id = fmt::format("{}/{}", prefix, result.id);
        result.executable = std::string(executable);
        result.context = context;
    }
    mark_single_launch(results);
    return std::move(results);
}

} // namespace perfgate::runners
