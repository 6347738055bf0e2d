#include <runners/gbench_ingest.hpp>
#include <runners/gbench_json.hpp>

#include "gbench_documents.hpp"
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

using namespace perfgate;
using namespace perfgate::runners;
using namespace perfgate::test;
using core::BenchmarkResult;
using core::Better;
using core::Status;

namespace {

std::vector<BenchmarkResult> ingest(const std::string& text)
{
    return ingest_google_benchmark(
        parse_google_benchmark_json(text, "bench.json"), "sort_bench", "build/sort_bench");
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
