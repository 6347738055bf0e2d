#include <core/results.hpp>
#include <runners/pytest_benchmark.hpp>

#include "test_support.hpp"
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

TEST_SUITE_BEGIN("runners_pytest_benchmark");

using namespace perfgate;
using core::Better;
using nlohmann::json;
using perfgate::test::error_of;
namespace fs = std::filesystem;

namespace {

// Real pytest-benchmark 3.2 output (tests/fixtures/pytest_benchmark/regenerate.sh).
const fs::path k_files = fs::path(PERFGATE_SOURCE_DIR) / "tests" / "fixtures" / "pytest_benchmark";

json read_json(const std::string& name)
{
    std::ifstream in(k_files / name);
    return json::parse(in);
}

core::ResultsDocument import(const std::string& name, std::string_view prefix = {})
{
    return runners::import_pytest_benchmark(read_json(name), name, prefix);
}

std::string message_of(const json& document)
{
    return error_of([&] { runners::import_pytest_benchmark(document, "bench.json"); }).what();
}

} // namespace

TEST_CASE("is_pytest_benchmark_json recognises pytest-benchmark output by its content")
{
    CHECK(runners::is_pytest_benchmark_json(read_json("before.json")));
    CHECK(runners::is_pytest_benchmark_json(read_json("summary.json")));
    CHECK_FALSE(runners::is_pytest_benchmark_json(json::parse(R"({"benchmarks": []})")));
    CHECK_FALSE(runners::is_pytest_benchmark_json(
        json::parse(R"({"context": {}, "benchmarks": [], "machine_info": []})")));
}

TEST_CASE("import_pytest_benchmark reads every round of a file with raw data")
{
    const auto file = read_json("before.json");
    const auto document = import("before.json");
    CHECK(document.created == file["datetime"].get<std::string>());
    REQUIRE(document.benchmarks.size() == 3);
    for (std::size_t i = 0; i < 3; ++i) {
        const auto& result = document.benchmarks[i];
        const auto& entry = file["benchmarks"][i];
        // The full name: unique in a session, where `name` repeats across test files.
        CHECK(result.id == entry["fullname"].get<std::string>());
        CHECK(result.source == core::Source::pytest_benchmark);
        REQUIRE(result.metrics.size() == 1);
        const auto& time = result.metrics.front();
        CHECK(time.name == "time");
        CHECK(time.unit == "s");
        CHECK(time.better == Better::lower);
        CHECK(time.samples == entry["stats"]["data"].get<std::vector<double>>());
        CHECK(time.samples.size() == entry["stats"]["rounds"].get<std::size_t>());
        CHECK(result.message.empty());
    }
    CHECK(document.benchmarks[0].id == "test_fixture.py::test_fib");
    CHECK(document.benchmarks[0].parameters.empty());
    CHECK(document.benchmarks[2].id == "test_fixture.py::test_sort[1000]");
    CHECK(document.benchmarks[2].parameters ==
          std::map<std::string, std::string>{{"size", "1000"}});
    CHECK(import("before.json", "py").benchmarks[0].id == "py/test_fixture.py::test_fib");
}

TEST_CASE("import_pytest_benchmark keeps the median of a file without raw data as one sample")
{
    const auto file = read_json("summary.json");
    const auto document = import("summary.json");
    REQUIRE(document.benchmarks.size() == 3);
    for (std::size_t i = 0; i < 3; ++i) {
        const auto& result = document.benchmarks[i];
        const auto& stats = file["benchmarks"][i]["stats"];
        CHECK_FALSE(stats.contains("data"));
        REQUIRE(result.metrics.size() == 1);
        CHECK(result.metrics.front().name == "median_time");
        CHECK(result.metrics.front().unit == "s");
        CHECK(result.metrics.front().samples == std::vector<double>{stats["median"].get<double>()});
        CHECK(result.find_metric("time") == nullptr);
        CHECK(result.message ==
              "summary only: pytest-benchmark saved this file without --benchmark-save-data, so it "
              "holds the median of 15 rounds as one sample; a change of it cannot be tested for "
              "significance");
    }
}

TEST_CASE("import_pytest_benchmark refuses malformed output, naming the path")
{
    auto document = read_json("before.json");
    auto& first = document["benchmarks"][0];

    SUBCASE("no benchmarks")
    {
        document["benchmarks"] = json::array();
        CHECK(message_of(document) == "'bench.json': benchmarks: expected at least one benchmark: "
                                      "no test used the benchmark fixture");
    }
    SUBCASE("a benchmark without fullname")
    {
        first.erase("fullname");
        CHECK(message_of(document) ==
              "'bench.json': benchmarks[0].fullname: missing, expected a string");
    }
    SUBCASE("a benchmark without stats")
    {
        first.erase("stats");
        CHECK(message_of(document) ==
              "'bench.json': benchmarks[0].stats: missing, expected an object");
    }
    SUBCASE("a negative round")
    {
        first["stats"]["data"][4] = -0.5;
        CHECK(message_of(document) == "'bench.json': benchmarks[0].stats.data[4]: expected a "
                                      "finite, non-negative number, not -0.5");
    }
    SUBCASE("raw data that is not a list")
    {
        first["stats"]["data"] = 3;
        CHECK(message_of(document) == "'bench.json': benchmarks[0].stats.data: expected an array");
    }
    SUBCASE("neither raw data nor a median")
    {
        first["stats"].erase("data");
        first["stats"].erase("median");
        CHECK(message_of(document) == "'bench.json': benchmarks[0].stats.median: missing, "
                                      "expected a number (or raw data in \"data\")");
    }
    SUBCASE("the same test twice")
    {
        document["benchmarks"][2]["fullname"] = first["fullname"];
        CHECK(message_of(document) == "'bench.json': benchmarks[2].fullname: test "
                                      "'test_fixture.py::test_fib' appears twice");
    }
}

TEST_SUITE_END();
