#include <runners/google_benchmark.hpp>

#include "test_support.hpp"
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>
#include <vector>

using namespace perfgate;
using namespace perfgate::runners;
using core::BenchmarkResult;
using core::Better;
using core::RunObserver;
using core::Status;
using perfgate::test::error_of;
using perfgate::test::TempDir;
namespace fs = std::filesystem;

namespace {

const fs::path k_fixtures = PERFGATE_FIXTURES_DIR;

// The context object of Google Benchmark 1.8's JSON output.
constexpr const char* k_context = R"({
  "context": {
    "date": "2024-05-14T10:21:07+00:00",
    "host_name": "ci-runner-7",
    "executable": "./build/sort_bench",
    "num_cpus": 2,
    "mhz_per_cpu": 2450,
    "cpu_scaling_enabled": false,
    "caches": [
      {
        "type": "Data",
        "level": 1,
        "size": 32768,
        "num_sharing": 1
      },
      {
        "type": "Unified",
        "level": 2,
        "size": 524288,
        "num_sharing": 1
      }
    ],
    "load_avg": [0.42,0.31,0.2],
    "library_version": "v1.8.3",
    "library_build_type": "release",
    "json_schema_version": 1
  },
  "benchmarks": [
)";

// One repetition of `name` as Google Benchmark writes it: `before` holds the error or skip
// fields (which come before `iterations`), `after` the counters (which follow `time_unit`).
std::string run(const std::string& name,
                int repetition,
                const std::string& real_time,
                const std::string& cpu_time,
                const std::string& time_unit = "ns",
                const std::string& before = "",
                const std::string& after = "")
{
    return fmt::format(R"(    {{
      "name": "{0}",
      "family_index": 0,
      "per_family_instance_index": 0,
      "run_name": "{0}",
      "run_type": "iteration",
      "repetitions": 3,
      "repetition_index": {1},
      "threads": 1,{5}
      "iterations": 1000,
      "real_time": {2},
      "cpu_time": {3},
      "time_unit": "{4}"{6}
    }})",
                       name,
                       repetition,
                       real_time,
                       cpu_time,
                       time_unit,
                       before,
                       after);
}

// One of the aggregates Google Benchmark adds after the repetitions of `name`.
std::string aggregate(const std::string& name,
                      const std::string& aggregate_name,
                      const std::string& unit = "time")
{
    return fmt::format(R"(    {{
      "name": "{0}_{1}",
      "family_index": 0,
      "per_family_instance_index": 0,
      "run_name": "{0}",
      "run_type": "aggregate",
      "repetitions": 3,
      "threads": 1,
      "aggregate_name": "{1}",
      "aggregate_unit": "{2}",
      "iterations": 3,
      "real_time": 999,
      "cpu_time": 999,
      "time_unit": "ns"
    }})",
                       name,
                       aggregate_name,
                       unit);
}

// A whole Google Benchmark JSON output with `runs` as its benchmark list.
std::string document(const std::vector<std::string>& runs)
{
    std::string text = k_context;
    for (std::size_t i = 0; i < runs.size(); ++i) {
        text += runs[i];
        text += i + 1 < runs.size() ? ",\n" : "\n";
    }
    return text + "  ]\n}\n";
}

std::vector<BenchmarkResult> ingest(const std::string& text)
{
    return ingest_google_benchmark(
        parse_google_benchmark_json(text, "bench.json"), "sort_bench", "build/sort_bench");
}

// Return the message of the Error that parsing `text` throws, checking its code.
std::string parse_error(const std::string& text, bool allow_truncated = false)
{
    const Error error =
        error_of([&] { parse_google_benchmark_json(text, "bench.json", allow_truncated); });
    CHECK(error.code() == ExitCode::usage);
    return error.what();
}

std::vector<std::string> metric_names(const BenchmarkResult& result)
{
    std::vector<std::string> names;
    for (const auto& metric : result.metrics) {
        names.push_back(metric.name);
    }
    return names;
}

std::vector<double> samples_of(const BenchmarkResult& result, const std::string& metric)
{
    const core::Metric* found = result.find_metric(metric);
    REQUIRE(found != nullptr);
    return found->samples;
}

void write(const fs::path& path, std::string_view content)
{
    std::ofstream(path, std::ios::binary) << content;
}

constexpr const char* k_not_google_benchmark =
    "'bench.json': not Google Benchmark output (expected a \"context\" object and a "
    "\"benchmarks\" array)";

// Records what a runner reports.
class RecordingObserver : public RunObserver
{
public:
    void finished(const BenchmarkResult& result) override { ids.push_back(result.id); }

    std::vector<std::string> ids;
};

} // namespace

TEST_CASE("parse_google_benchmark_json accepts bare NaN and Infinity outside strings")
{
    const std::string text = document({
        run("BM_Odd", 0, "NaN", "Infinity", "ns", "", ",\n      \"ratio\": -Infinity"),
        run("NaN Infinity",
            0,
            "1",
            "2",
            "ns",
            "",
            ",\n      \"label\": \"NaN -Infinity \\\"NaN\\\" Infinity\""),
    });

    const nlohmann::json json = parse_google_benchmark_json(text, "bench.json");
    REQUIRE(json["benchmarks"].size() == 2);
    CHECK(json["benchmarks"][1]["name"] == "NaN Infinity");
    CHECK(json["benchmarks"][1]["label"] == "NaN -Infinity \"NaN\" Infinity");

    const auto results = ingest_google_benchmark(json, "sort_bench", "build/sort_bench");
    REQUIRE(results.size() == 2);
    const auto real_time = samples_of(results[0], "real_time");
    REQUIRE(real_time.size() == 1);
    CHECK(std::isnan(real_time[0]));
    CHECK(samples_of(results[0], "cpu_time") ==
          std::vector<double>{std::numeric_limits<double>::infinity()});
    CHECK(samples_of(results[0], "ratio") ==
          std::vector<double>{-std::numeric_limits<double>::infinity()});
    CHECK(results[1].id == "sort_bench/NaN Infinity");
    CHECK(samples_of(results[1], "real_time") == std::vector<double>{1.0});
}

TEST_CASE("parse_google_benchmark_json rejects what is not Google Benchmark output")
{
    SUBCASE("malformed JSON")
    {
        const std::string valid = document({run("BM_A", 0, "1", "1")});
        const auto at = valid.find("\"iterations\"");
        REQUIRE(at != std::string::npos);
        const std::string text = valid.substr(0, at) + "," + valid.substr(at);
        const std::string message = parse_error(text);
        CHECK(message.starts_with("'bench.json': invalid Google Benchmark JSON at byte "));
        CHECK(message.ends_with(": truncated or malformed"));
    }
    SUBCASE("an empty text")
    {
        const std::string message = parse_error("");
        CHECK(message.starts_with("'bench.json': invalid Google Benchmark JSON"));
        CHECK(message.ends_with(": the output is empty"));
    }
    SUBCASE("JSON without benchmarks")
    {
        const std::string context_only = R"({"context": {"library_build_type": "release"}})";
        CHECK(parse_error(context_only) == k_not_google_benchmark);
    }
    SUBCASE("a perfgate results document")
    {
        const std::string results = R"({"schema": "perfgate-results/1", "benchmarks": []})";
        CHECK(parse_error(results) == k_not_google_benchmark);
    }
    SUBCASE("an array")
    {
        CHECK(parse_error("[]") == k_not_google_benchmark);
    }
}

TEST_CASE("parse_google_benchmark_json repairs a truncated list only when allowed")
{
    const std::string full = document({run("BM_A", 0, "1", "1"),
                                       run("BM_B", 0, "2", "2"),
                                       run("BM_A", 1, "3", "3"),
                                       aggregate("BM_A", "mean")});
    // Cut in the middle of the third run, as a crash leaves the file.
    const std::string cut = full.substr(0, full.find("\"repetition_index\": 1"));
    REQUIRE(cut.size() < full.size());

    SUBCASE("rejected without allow_truncated")
    {
        CHECK(parse_error(cut).ends_with(": truncated or malformed"));
    }
    SUBCASE("repaired with allow_truncated")
    {
        const nlohmann::json json = parse_google_benchmark_json(cut, "bench.json", true);
        REQUIRE(json["benchmarks"].size() == 2);
        CHECK(json["benchmarks"][0]["name"] == "BM_A");
        CHECK(json["benchmarks"][1]["name"] == "BM_B");
        CHECK(json["context"]["library_build_type"] == "release");
    }
    SUBCASE("a complete text is read whole with allow_truncated")
    {
        CHECK(parse_google_benchmark_json(full, "bench.json", true)["benchmarks"].size() == 4);
    }
    SUBCASE("no complete run")
    {
        const std::string first_cut = full.substr(0, full.find("\"repetition_index\": 0"));
        CHECK(parse_error(first_cut, true).ends_with(": truncated or malformed"));
    }
    SUBCASE("cut inside the context")
    {
        const std::string in_context = full.substr(0, full.find("\"load_avg\""));
        CHECK(parse_error(in_context, true).ends_with(": truncated or malformed"));
    }
}

TEST_CASE("is_google_benchmark_json wants a context object and a benchmarks array")
{
    SUBCASE("true")
    {
        CHECK(
            is_google_benchmark_json(nlohmann::json::parse(document({run("BM_A", 0, "1", "1")}))));
        CHECK(is_google_benchmark_json(
            nlohmann::json::parse(R"({"context": {}, "benchmarks": []})")));
    }
    SUBCASE("false")
    {
        const char* others[] = {
            R"({"schema": "perfgate-results/1", "perfgate": "0.1.0", "benchmarks": []})",
            R"({"context": {}})",
            R"({"context": {}, "benchmarks": {}})",
            R"({"context": [], "benchmarks": []})",
            R"([{"context": {}, "benchmarks": []}])",
            R"("benchmarks")",
        };
        for (const char* other : others) {
            CAPTURE(other);
            CHECK_FALSE(is_google_benchmark_json(nlohmann::json::parse(other)));
        }
    }
}

TEST_CASE("ingest_google_benchmark groups repetitions by run_name in first-appearance order")
{
    const auto results = ingest(document({
        run("BM_Sort/64", 0, "10", "9"),
        run("BM_Find", 0, "5", "4"),
        run("BM_Sort/64", 1, "11", "10"),
        run("BM_Find", 1, "6", "5"),
        aggregate("BM_Sort/64", "mean"),
        aggregate("BM_Sort/64", "median"),
        aggregate("BM_Sort/64", "stddev"),
        aggregate("BM_Sort/64", "cv", "percentage"),
        aggregate("BM_Find", "mean"),
    }));

    REQUIRE(results.size() == 2);
    CHECK(results[0].id == "sort_bench/BM_Sort/64");
    CHECK(results[1].id == "sort_bench/BM_Find");
    CHECK(samples_of(results[0], "real_time") == std::vector<double>{10, 11});
    CHECK(samples_of(results[0], "cpu_time") == std::vector<double>{9, 10});
    CHECK(samples_of(results[1], "real_time") == std::vector<double>{5, 6});
    for (const auto& result : results) {
        CAPTURE(result.id);
        CHECK(result.source == core::Source::google_benchmark);
        CHECK(result.executable == "build/sort_bench");
        CHECK(result.status == Status::ok);
        CHECK(result.message.empty());
        CHECK(metric_names(result) == std::vector<std::string>{"real_time", "cpu_time"});
        CHECK(result.find_metric("real_time")->unit == "ns");
        CHECK(result.find_metric("real_time")->better == Better::lower);
    }
}

TEST_CASE("ingest_google_benchmark falls back to name without run_name")
{
    const auto json = nlohmann::json::parse(R"({"context": {}, "benchmarks": [
        {"name": "BM_Old", "iterations": 10, "real_time": 7, "cpu_time": 6, "time_unit": "ns"},
        {"name": "BM_Old", "iterations": 10, "real_time": 8, "cpu_time": 7, "time_unit": "ns"}]})");
    const auto results = ingest_google_benchmark(json, "old", "old");
    REQUIRE(results.size() == 1);
    CHECK(results[0].id == "old/BM_Old");
    CHECK(samples_of(results[0], "real_time") == std::vector<double>{7, 8});
}

TEST_CASE("ingest_google_benchmark converts times to nanoseconds")
{
    const auto times_in = [](const std::string& unit) {
        const auto results = ingest(document({run("BM_A", 0, "2.5", "0.5", unit)}));
        REQUIRE(results.size() == 1);
        return std::vector<double>{samples_of(results[0], "real_time").at(0),
                                   samples_of(results[0], "cpu_time").at(0)};
    };
    CHECK(times_in("ns") == std::vector<double>{2.5, 0.5});
    CHECK(times_in("us") == std::vector<double>{2.5e3, 0.5e3});
    CHECK(times_in("ms") == std::vector<double>{2.5e6, 0.5e6});
    CHECK(times_in("s") == std::vector<double>{2.5e9, 0.5e9});
}

TEST_CASE("ingest_google_benchmark makes every counter a metric")
{
    // Counters in the order Google Benchmark writes them: user counters by name, then the
    // memory manager's fields, then the label.
    const std::string counters = R"(,
      "bytes_per_second": 4096,
      "cache_misses": 12,
      "frames_per_second": 60,
      "items_per_second": 1000000,
      "allocs_per_iter": 2,
      "max_bytes_used": 65536,
      "label": "sorted input")";
    const auto results = ingest(document({run("BM_A", 0, "10", "9", "us", "", counters),
                                          run("BM_A", 1, "11", "10", "us", "", counters)}));
    REQUIRE(results.size() == 1);
    const BenchmarkResult& result = results[0];

    std::vector<std::string> names = metric_names(result);
    REQUIRE(names.size() == 8);
    CHECK(names[0] == "real_time");
    CHECK(names[1] == "cpu_time");
    std::sort(names.begin() + 2, names.end());
    CHECK(std::vector<std::string>(names.begin() + 2, names.end()) ==
          std::vector<std::string>{"allocs_per_iter",
                                   "bytes_per_second",
                                   "cache_misses",
                                   "frames_per_second",
                                   "items_per_second",
                                   "max_bytes_used"});

    const auto check_metric = [&](const char* name, const char* unit, Better better) {
        CAPTURE(name);
        const core::Metric* metric = result.find_metric(name);
        REQUIRE(metric != nullptr);
        CHECK(metric->unit == unit);
        CHECK(metric->better == better);
        CHECK(metric->samples.size() == 2);
    };
    check_metric("items_per_second", "1/s", Better::higher);
    check_metric("frames_per_second", "1/s", Better::higher);
    check_metric("bytes_per_second", "B/s", Better::higher);
    check_metric("cache_misses", "", Better::lower);
    check_metric("allocs_per_iter", "", Better::lower);
    check_metric("max_bytes_used", "B", Better::lower);
    CHECK(samples_of(result, "items_per_second") == std::vector<double>{1e6, 1e6});
    // Counters are not times: the time unit does not scale them.
    CHECK(samples_of(result, "max_bytes_used") == std::vector<double>{65536, 65536});
    CHECK(samples_of(result, "real_time") == std::vector<double>{10e3, 11e3});
}

TEST_CASE("ingest_google_benchmark records errors and skips")
{
    SUBCASE("error_occurred fails the benchmark and drops that repetition")
    {
        const std::string error = R"(
      "error_occurred": true,
      "error_message": "out of memory",)";
        const auto results = ingest(document({run("BM_A", 0, "10", "9"),
                                              run("BM_A", 1, "0", "0", "ns", error),
                                              run("BM_A", 2, "12", "11"),
                                              run("BM_B", 0, "3", "3")}));
        REQUIRE(results.size() == 2);
        CHECK(results[0].status == Status::failed);
        CHECK(results[0].message == "out of memory");
        CHECK(samples_of(results[0], "real_time") == std::vector<double>{10, 12});
        CHECK(results[1].status == Status::ok);
        CHECK(results[1].message.empty());
    }
    SUBCASE("skipped with a message")
    {
        const std::string skipped = R"(
      "skipped": true,
      "skip_message": "needs AVX-512",)";
        const auto results = ingest(document({run("BM_A", 0, "0", "0", "ns", skipped)}));
        REQUIRE(results.size() == 1);
        CHECK(results[0].status == Status::skipped);
        CHECK(results[0].message == "needs AVX-512");
        CHECK(results[0].metrics.empty());
    }
}

TEST_CASE("ingest_google_benchmark keeps a NaN time as a NaN sample")
{
    const auto results = ingest(document({run("BM_A", 0, "NaN", "NaN"), run("BM_A", 1, "5", "4")}));
    REQUIRE(results.size() == 1);
    CHECK(results[0].status == Status::ok);
    const auto real_time = samples_of(results[0], "real_time");
    REQUIRE(real_time.size() == 2);
    CHECK(std::isnan(real_time[0]));
    CHECK(real_time[1] == 5);
}

TEST_CASE("ingest_google_benchmark copies the context to each result")
{
    const std::string text = document({run("BM_A", 0, "1", "1"), run("BM_B", 0, "2", "2")});
    const auto results = ingest(text);
    REQUIRE(results.size() == 2);
    const nlohmann::json context = nlohmann::json::parse(text)["context"];
    for (const auto& result : results) {
        CAPTURE(result.id);
        CHECK(result.context == context);
        CHECK(result.context["library_build_type"] == "release");
        CHECK(result.context["num_cpus"] == 2);
    }
}

TEST_CASE("context_warnings explains the program's context")
{
    const TempDir dir;
    const fs::path plain = dir / "plain_bench";
    write(plain, "a program without the marker");
    const fs::path other = dir / "other_bench";
    write(other, "other code");

    const auto result_for = [](const fs::path& executable, nlohmann::json context) {
        BenchmarkResult result;
        result.id = executable.filename().string() + "/BM_A";
        result.executable = executable.string();
        result.context = std::move(context);
        return result;
    };
    const nlohmann::json debug = {{"library_build_type", "debug"}, {"cpu_scaling_enabled", false}};
    const nlohmann::json scaling = {{"library_build_type", "release"},
                                    {"cpu_scaling_enabled", true}};
    const nlohmann::json quiet = {{"library_build_type", "release"},
                                  {"cpu_scaling_enabled", false}};

    SUBCASE("a debug library")
    {
        const auto warnings = context_warnings({result_for(plain, debug)});
        REQUIRE(warnings.size() == 1);
        CHECK(warnings[0].find("debug") != std::string::npos);
        CHECK(warnings[0].find(plain.string()) != std::string::npos);
    }
    SUBCASE("CPU frequency scaling")
    {
        const auto warnings = context_warnings({result_for(plain, scaling)});
        REQUIRE(warnings.size() == 1);
        CHECK(warnings[0].find("scaling") != std::string::npos);
    }
    SUBCASE("once per executable")
    {
        CHECK(context_warnings({result_for(plain, debug), result_for(plain, debug)}).size() == 1);
        CHECK(context_warnings({result_for(plain, debug), result_for(other, debug)}).size() == 2);
    }
    SUBCASE("nothing to say")
    {
        CHECK(context_warnings({result_for(plain, quiet)}).empty());
        CHECK(context_warnings({result_for(plain, nlohmann::json())}).empty());
        CHECK(context_warnings({}).empty());
    }
    SUBCASE("Debian's library, which calls itself debug")
    {
        const fs::path debian = dir / "debian_bench";
        const auto warnings_for = [&](std::string_view content) {
            write(debian, content);
            return context_warnings({result_for(debian, debug)});
        };
        const std::string needed = std::string("libbenchmark.so.1debian") + '\0';

        const auto unknown = warnings_for(needed);
        REQUIRE(unknown.size() == 1);
        CHECK(unknown[0].find("Debian") != std::string::npos);

        const auto unoptimised =
            warnings_for(needed + "GNU C++17 12.2.0 -mtune=generic -march=x86-64 -g -O0" + '\0');
        REQUIRE(unoptimised.size() == 1);
        CHECK(unoptimised[0].find("without optimisation") != std::string::npos);

        CHECK(warnings_for(needed + "GNU C++17 12.2.0 -mtune=generic -g -O2" + '\0').empty());
    }
}

TEST_CASE("run_google_benchmark runs a real program")
{
    GoogleBenchmarkSettings settings;
    settings.repetitions = 2;
    settings.min_time = 0.001;
    settings.timeout = 60;
    RecordingObserver observer;

    SUBCASE("every listed benchmark gets its repetitions")
    {
        const BenchmarkProgram program{
            k_fixtures / "plain_bench", "plain_bench", {}, {"BM_Empty", "BM_VectorPush/8"}};
        const auto results = run_google_benchmark(program, settings, observer);
        REQUIRE(results.size() == 2);
        CHECK(results[0].id == "plain_bench/BM_Empty");
        CHECK(results[1].id == "plain_bench/BM_VectorPush/8");
        for (const auto& result : results) {
            CAPTURE(result.id);
            CHECK(result.status == Status::ok);
            CHECK(result.message.empty());
            CHECK(result.executable == program.executable.string());
            CHECK(samples_of(result, "real_time").size() == 2);
            CHECK(samples_of(result, "cpu_time").size() == 2);
            CHECK(result.context.contains("library_build_type"));
        }
        CHECK(observer.ids ==
              std::vector<std::string>{"plain_bench/BM_Empty", "plain_bench/BM_VectorPush/8"});
    }
    SUBCASE("a crash fails only the benchmark that crashed")
    {
        const BenchmarkProgram program{
            k_fixtures / "abort_bench", "abort_bench", {}, {"BM_A_First", "BM_C_Crashes"}};
        const auto results = run_google_benchmark(program, settings, observer);
        REQUIRE(results.size() == 2);
        CHECK(results[0].id == "abort_bench/BM_A_First");
        CHECK(results[0].status == Status::ok);
        CHECK(samples_of(results[0], "real_time").size() == 2);
        CHECK(results[1].id == "abort_bench/BM_C_Crashes");
        CHECK(results[1].status == Status::failed);
        CHECK(results[1].message.find("SIGABRT") != std::string::npos);
        CHECK(results[1].metrics.empty());
        CHECK(observer.ids.size() == 2);
    }
    SUBCASE("a program that cannot start fails every benchmark")
    {
        const TempDir dir;
        const BenchmarkProgram program{
            dir / "missing_bench", "missing_bench", {}, {"BM_A", "BM_B"}};
        const auto results = run_google_benchmark(program, settings, observer);
        REQUIRE(results.size() == 2);
        for (const auto& result : results) {
            CAPTURE(result.id);
            CHECK(result.status == Status::failed);
            CHECK(result.message.find("could not start") != std::string::npos);
        }
        CHECK(observer.ids == std::vector<std::string>{"missing_bench/BM_A", "missing_bench/BM_B"});
    }
}
