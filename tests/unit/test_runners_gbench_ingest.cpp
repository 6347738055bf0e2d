#include <runners/gbench_ingest.hpp>

#include "gbench_documents.hpp"
#include "test_support.hpp"
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <regex>
#include <string>
#include <vector>

TEST_SUITE_BEGIN("runners_gbench_ingest");

using namespace perfgate;
using namespace perfgate::runners;
using namespace perfgate::test;
using core::BenchmarkResult;
using core::Better;
using core::Status;
using perfgate::test::error_of;

namespace {

std::vector<BenchmarkResult> ingest(const std::string& text)
{
    return ingest_google_benchmark(
        read_google_benchmark(text, "build/sort_bench"), "sort_bench", "build/sort_bench");
}

// Return `message` without the ":LINE:COLUMN" after its quoted origin, which must be there.
std::string without_position(const std::string& message)
{
    static const std::regex position("^('[^']*'):[0-9]+:[0-9]+:");
    CHECK(std::regex_search(message, position));
    return std::regex_replace(message, position, "$1:");
}

std::vector<std::string> metric_names(const BenchmarkResult& result)
{
    std::vector<std::string> names;
    for (const auto& metric : result.metrics) {
        names.push_back(metric.name);
    }
    return names;
}

} // namespace

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

TEST_CASE("ingest_google_benchmark marks every sample as one launch's repetition")
{
    // Note: one process measured them all; a comparison must not take them as independent.
    const auto results = ingest(document({
        run("BM_Sort/64", 0, "10", "9"),
        run("BM_Sort/64", 1, "11", "10"),
        run("BM_Sort/64", 2, "12", "11"),
    }));
    REQUIRE(results.size() == 1);
    for (const auto& metric : results[0].metrics) {
        CAPTURE(metric.name);
        CHECK(metric.launches == std::vector<std::uint32_t>(metric.samples.size(), 0));
    }
}

TEST_CASE("ingest_google_benchmark falls back to name without run_name")
{
    const std::string text = R"({"context": {}, "benchmarks": [
        {"name": "BM_Old", "iterations": 10, "real_time": 7, "cpu_time": 6, "time_unit": "ns"},
        {"name": "BM_Old", "iterations": 10, "real_time": 8, "cpu_time": 7, "time_unit": "ns"}]})";
    const auto results = ingest_google_benchmark(read_google_benchmark(text, "old"), "old", "old");
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

    // The times first, then the counters in name order.
    const std::vector<std::string> names = metric_names(result);
    CHECK(names == std::vector<std::string>{"real_time",
                                            "cpu_time",
                                            "allocs_per_iter",
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

TEST_CASE("ingest_google_benchmark refuses impossible times, naming the field")
{
    const auto message = [](const std::string& text) {
        const Error error = error_of([&] { ingest(text); });
        CHECK(error.code() == ExitCode::usage);
        return without_position(error.what());
    };
    CHECK(message(document({run("BM_A", 0, "NaN", "1")})) ==
          "'build/sort_bench': benchmarks[0].real_time: expected a time of 0 ns or more, not NaN");
    CHECK(message(document({run("BM_A", 0, "1", "1"), run("BM_A", 1, "1", "Infinity", "us")})) ==
          "'build/sort_bench': benchmarks[1].cpu_time: expected a time of 0 us or more, not "
          "Infinity");
    CHECK(message(document({run("BM_A", 0, "-46.5", "1")})) ==
          "'build/sort_bench': benchmarks[0].real_time: expected a time of 0 ns or more, not "
          "-46.5");
    CHECK(message(document({run("BM_A", 0, "1e300", "1", "s")})) ==
          "'build/sort_bench': benchmarks[0].real_time: 1e+300 s is out of range: expected at "
          "most 1e+09 s (about 31 years)");
    CHECK(message(document({run("BM_A", 0, "1", "1", "min")})) ==
          "'build/sort_bench': benchmarks[0].time_unit: unknown value 'min': expected 'ns', 'us', "
          "'ms' or 's'");
}

TEST_CASE("ingest_google_benchmark accepts zero times and zero or negative counters")
{
    const auto results = ingest(document({run(
        "BM_A", 0, "0", "0", "ns", "", ",\n      \"net_heap_growth\": -64,\n      \"hits\": 0")}));
    REQUIRE(results.size() == 1);
    CHECK(samples_of(results[0], "real_time") == std::vector<double>{0});
    CHECK(samples_of(results[0], "net_heap_growth") == std::vector<double>{-64});
    CHECK(samples_of(results[0], "hits") == std::vector<double>{0});
}

TEST_CASE("ingest_google_benchmark names every field of the wrong type")
{
    nlohmann::json json = nlohmann::json::parse(document({run("BM_A", 0, "1", "2")}));
    nlohmann::json& first = json["benchmarks"][0];
    const auto raw_message = [&] {
        const Error error = error_of([&] { ingest(json.dump(2)); });
        CHECK(error.code() == ExitCode::usage);
        return std::string(error.what());
    };
    const auto message = [&] { return without_position(raw_message()); };
    const std::string origin = "'build/sort_bench': ";

    SUBCASE("a run that is not an object")
    {
        json["benchmarks"].push_back(3);
        CHECK(message() == origin + "benchmarks[1]: expected an object");
    }
    SUBCASE("run_name")
    {
        first["run_name"] = 7;
        CHECK(message() == origin + "benchmarks[0].run_name: expected a string");
        first["run_name"] = "";
        CHECK(message() == origin + "benchmarks[0].run_name: empty, expected a benchmark name");
    }
    SUBCASE("name, without run_name")
    {
        first.erase("run_name");
        first["name"] = nullptr;
        CHECK(message() == origin + "benchmarks[0].name: expected a string");
        first.erase("name");
        CHECK(message() == origin + "benchmarks[0].name: missing, expected a string");
    }
    SUBCASE("run_type")
    {
        first["run_type"] = "summary";
        CHECK(message() == origin + "benchmarks[0].run_type: unknown value 'summary': expected "
                                    "'iteration' or 'aggregate'");
        first["run_type"] = false;
        CHECK(message() == origin + "benchmarks[0].run_type: expected a string");
    }
    SUBCASE("time_unit")
    {
        first["time_unit"] = 1000;
        CHECK(message() == origin + "benchmarks[0].time_unit: expected a string");
    }
    SUBCASE("times")
    {
        first["cpu_time"] = "12";
        CHECK(message() == origin + "benchmarks[0].cpu_time: expected a number");
        first.erase("cpu_time");
        CHECK(message() == origin + "benchmarks[0].cpu_time: missing, expected a number");
    }
    SUBCASE("error and skip fields")
    {
        first["error_occurred"] = "yes";
        CHECK(message() == origin + "benchmarks[0].error_occurred: expected true or false");
        first["error_occurred"] = true;
        first["error_message"] = {{"text", "oops"}};
        CHECK(message() == origin + "benchmarks[0].error_message: expected a string");
        first.erase("error_occurred");
        first["skipped"] = nullptr;
        CHECK(message() == origin + "benchmarks[0].skipped: expected true or false");
        first["skipped"] = 1;
        first["skip_message"] = 2;
        CHECK(message() == origin + "benchmarks[0].skip_message: expected a string");
    }
    SUBCASE("the context fields behind the warnings")
    {
        json["context"]["date"] = 20240514;
        CHECK(message() == origin + "context.date: expected a string");
        json["context"]["date"] = "2024-05-14T10:21:07+00:00";
        json["context"]["library_build_type"] = 3;
        CHECK(message() == origin + "context.library_build_type: expected a string");
        json["context"]["library_build_type"] = "debug";
        json["context"]["cpu_scaling_enabled"] = "no";
        CHECK(message() == origin + "context.cpu_scaling_enabled: expected true or false");
    }
    SUBCASE("not Google Benchmark output at all")
    {
        json = nlohmann::json::array();
        CHECK(raw_message() == origin +
                                   "not Google Benchmark output (expected a \"context\" object "
                                   "and a \"benchmarks\" array)");
    }
}

TEST_CASE("ingest_google_benchmark copies the context to each result")
{
    const std::string text = document({run("BM_A", 0, "1", "1"), run("BM_B", 0, "2", "2")});
    const auto results = ingest(text);
    REQUIRE(results.size() == 2);
    const nlohmann::json context = nlohmann::json::parse(text)["context"];
    for (const auto& result : results) {
        CAPTURE(result.id);
        REQUIRE(result.context);
        CHECK(*result.context == context);
        CHECK((*result.context)["library_build_type"] == "release");
        CHECK((*result.context)["num_cpus"] == 2);
    }
}

TEST_CASE("ingest_google_benchmark gives each registration of a duplicate name its own id")
{
    // Two registrations of BM_Same (families 3 and 1) and one argument given twice (family 2,
    // instances 0 and 1), in a random interleaved order.
    const auto row = [](const std::string& name, int family, int instance, int time) {
        return fmt::format(R"({{"name": "{0}", "run_name": "{0}", "run_type": "iteration",
            "family_index": {1}, "per_family_instance_index": {2}, "iterations": 10,
            "real_time": {3}, "cpu_time": {3}, "time_unit": "ns"}})",
                           name,
                           family,
                           instance,
                           time);
    };
    const auto results = ingest(document({row("BM_Same", 3, 0, 30),
                                          row("BM_Arg/8", 2, 1, 21),
                                          row("BM_Same", 1, 0, 10),
                                          row("BM_Arg/8", 2, 0, 20),
                                          row("BM_Same", 3, 0, 31),
                                          row("BM_Same", 1, 0, 11)}));
    REQUIRE(results.size() == 4);
    CHECK(results[0].id == "sort_bench/BM_Same#2");
    CHECK(samples_of(results[0], "real_time") == std::vector<double>{30, 31});
    CHECK(results[1].id == "sort_bench/BM_Arg/8#2");
    CHECK(samples_of(results[1], "real_time") == std::vector<double>{21});
    CHECK(results[2].id == "sort_bench/BM_Same");
    CHECK(samples_of(results[2], "real_time") == std::vector<double>{10, 11});
    CHECK(results[3].id == "sort_bench/BM_Arg/8");

    const Error error =
        error_of([&] { ingest(document({R"({"name": "BM_A", "family_index": -1})"})); });
    CHECK(error.code() == ExitCode::usage);
    CHECK(std::string(error.what()).find("benchmarks[0].family_index") != std::string::npos);
}

TEST_CASE("ingest_google_benchmark refuses a file of aggregates only")
{
    const Error error = error_of([] {
        ingest(document({aggregate("BM_Sort/64", "mean"), aggregate("BM_Sort/64", "median")}));
    });
    CHECK(error.code() == ExitCode::usage);
    CHECK(std::string(error.what()).find("no per-repetition samples") != std::string::npos);
    CHECK(std::string(error.what()).find("--benchmark_report_aggregates_only") !=
          std::string::npos);
}

TEST_CASE("read_google_benchmark names the line and column of a field of the wrong type")
{
    const std::string text = R"({"context": {},
"benchmarks": [
  {"name": "BM_A", "run_name": "BM_A", "iterations": 1,
   "real_time": 1, "cpu_time": "fast", "time_unit": "ns"},
  {"name": "BM_A", "iterations": 1, "cpu_time": 1, "time_unit": "ns"}
]})";
    const auto message = [](const std::string& document) {
        const Error error = error_of([&] { read_google_benchmark(document, "bench.json"); });
        CHECK(error.code() == ExitCode::usage);
        return std::string(error.what());
    };
    CHECK(message(text) == "'bench.json':4:32: benchmarks[0].cpu_time: expected a number");
    // A missing field: the run's object.
    const std::string missing =
        text.substr(0, text.find("\"fast\"")) + "1" + text.substr(text.find("\"fast\"") + 6);
    CHECK(message(missing) ==
          "'bench.json':5:3: benchmarks[1].real_time: missing, expected a number");
}

TEST_CASE("ingest_google_benchmark takes NaN and infinite counters as samples")
{
    const auto results = ingest(document(
        {run("BM_Odd",
             0,
             "3",
             "4",
             "ns",
             "",
             ",\n      \"ratio\": -Infinity,\n      \"rate\": Infinity,\n      \"mean\": NaN")}));
    REQUIRE(results.size() == 1);
    CHECK(metric_names(results[0]) ==
          std::vector<std::string>{"real_time", "cpu_time", "mean", "rate", "ratio"});
    CHECK(samples_of(results[0], "ratio") ==
          std::vector<double>{-std::numeric_limits<double>::infinity()});
    CHECK(samples_of(results[0], "rate") ==
          std::vector<double>{std::numeric_limits<double>::infinity()});
    const auto mean = samples_of(results[0], "mean");
    REQUIRE(mean.size() == 1);
    CHECK(std::isnan(mean[0]));
}

TEST_CASE("read_google_benchmark keeps the complete runs of a truncated output when allowed")
{
    const std::string error = R"(
      "error_occurred": true,
      "error_message": "out of memory",)";
    const std::string skipped = R"(
      "skipped": true,
      "skip_message": "needs AVX-512",)";
    const std::string full = document({run("BM_A", 0, "10", "9"),
                                       run("BM_B", 0, "0", "0", "ns", error),
                                       aggregate("BM_A", "mean"),
                                       run("BM_C", 0, "0", "0", "ns", skipped),
                                       run("BM_A", 1, "11", "10")});
    // A crash in the middle of the last run.
    const std::string cut = full.substr(0, full.rfind("\"repetition_index\": 1"));

    const Error refused = error_of([&] { read_google_benchmark(cut, "bench"); });
    CHECK(std::string(refused.what()).ends_with(": truncated: the text ends inside the document"));

    const auto results = ingest_google_benchmark(
        read_google_benchmark(cut, "bench", true), "sort_bench", "build/sort_bench");
    REQUIRE(results.size() == 3);
    CHECK(results[0].id == "sort_bench/BM_A");
    CHECK(samples_of(results[0], "real_time") == std::vector<double>{10});
    CHECK(results[1].status == Status::failed);
    CHECK(results[1].message == "out of memory");
    CHECK(results[2].status == Status::skipped);
    CHECK(results[2].message == "needs AVX-512");
}

TEST_SUITE_END();
