#include <core/results.hpp>
#include <runners/samples_file.hpp>

#include "test_support.hpp"
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

TEST_SUITE_BEGIN("runners_samples_file");

using namespace perfgate;
using core::Better;
using nlohmann::json;
using perfgate::test::error_of;
namespace fs = std::filesystem;

namespace {

// A perfgate-samples/1 file as a load generator would write it.
const fs::path k_example =
    fs::path(PERFGATE_SOURCE_DIR) / "tests" / "fixtures" / "samples" / "loadgen.json";

json example()
{
    std::ifstream in(k_example);
    return json::parse(in);
}

std::string message_of(const json& document)
{
    return error_of([&] { runners::import_samples(document, "samples.json"); }).what();
}

} // namespace

TEST_CASE("is_samples_json recognises every version of the schema")
{
    CHECK(runners::is_samples_json(example()));
    CHECK(runners::is_samples_json(json::parse(R"({"schema": "perfgate-samples/2"})")));
    CHECK_FALSE(runners::is_samples_json(json::parse(R"({"schema": "perfgate-results/1"})")));
    CHECK_FALSE(runners::is_samples_json(json::parse(R"({"benchmarks": []})")));
    CHECK_FALSE(runners::is_samples_json(json::parse(R"([1, 2])")));
}

TEST_CASE("import_samples reads benchmarks and metrics in the file's order")
{
    const auto results = runners::import_samples(example(), "loadgen.json");
    REQUIRE(results.size() == 2);
    const auto& query = results[0];
    CHECK(query.id == "query");
    CHECK(query.source == core::Source::samples);
    CHECK(query.status == core::Status::ok);
    REQUIRE(query.metrics.size() == 3);
    CHECK(query.metrics[0].name == "latency");
    CHECK(query.metrics[1].name == "throughput");
    CHECK(query.metrics[2].name == "errors");

    SUBCASE("times are kept in seconds")
    {
        const auto& latency = query.metrics[0];
        CHECK(latency.unit == "s");
        CHECK(latency.better == Better::lower);
        const std::vector<double> ms{4.2, 5.1, 4.4, 4.8, 6.0, 4.3, 4.9, 5.2};
        REQUIRE(latency.samples.size() == ms.size());
        for (std::size_t i = 0; i < ms.size(); ++i) {
            CHECK(latency.samples[i] == doctest::Approx(ms[i] * 1e-3));
        }
        CHECK(results[1].id == "insert/batch 100");
        CHECK(results[1].metrics[0].unit == "s");
        CHECK(results[1].metrics[0].samples[0] == doctest::Approx(812e-6));
    }
    SUBCASE("other units as given, with their direction")
    {
        CHECK(query.metrics[1].unit == "1/s");
        CHECK(query.metrics[1].better == Better::higher);
        CHECK(query.metrics[1].samples == std::vector<double>{1890, 1912, 1875});
        CHECK(query.metrics[2].unit.empty());
        CHECK(query.metrics[2].samples == std::vector<double>{0, 0, 1});
    }
    SUBCASE("a prefix names the benchmark entry that ran the program")
    {
        const auto prefixed = runners::import_samples(example(), "x", "loadgen");
        CHECK(prefixed[0].id == "loadgen/query");
        CHECK(prefixed[1].id == "loadgen/insert/batch 100");
    }
}

TEST_CASE("import_samples accepts every documented unit")
{
    struct Case
    {
        std::string unit;
        std::string stored;
        double factor;
    };
    for (const auto& [unit, stored, factor] : std::vector<Case>{{"s", "s", 1.0},
                                                                {"ms", "s", 1e-3},
                                                                {"us", "s", 1e-6},
                                                                {"\u00b5s", "s", 1e-6},
                                                                {"ns", "s", 1e-9},
                                                                {"B", "B", 1.0},
                                                                {"B/s", "B/s", 1.0},
                                                                {"1/s", "1/s", 1.0},
                                                                {"%", "%", 1.0},
                                                                {"", "", 1.0}}) {
        // Note: clang 14 cannot capture a structured binding, as CAPTURE does.
        const std::string shown = unit;
        CAPTURE(shown);
        auto document = example();
        document["benchmarks"][1]["metrics"][0]["unit"] = unit;
        const auto metric = runners::import_samples(document, "x")[1].metrics[0];
        CHECK(metric.unit == stored);
        CHECK(metric.samples[0] == doctest::Approx(812 * factor));
    }
}

TEST_CASE("import_samples refuses a file that breaks the schema, naming the path")
{
    auto document = example();
    auto& latency = document["benchmarks"][0]["metrics"][0];

    SUBCASE("another version")
    {
        document["schema"] = "perfgate-samples/2";
        CHECK(message_of(document) == "'samples.json': schema: unknown schema "
                                      "'perfgate-samples/2': expected 'perfgate-samples/1'");
    }
    SUBCASE("no benchmarks")
    {
        document.erase("benchmarks");
        CHECK(message_of(document) ==
              "'samples.json': benchmarks: missing, expected an array of benchmarks");
        document["benchmarks"] = json::array();
        CHECK(message_of(document) ==
              "'samples.json': benchmarks: expected at least one benchmark");
    }
    SUBCASE("an empty id")
    {
        document["benchmarks"][1]["id"] = "";
        CHECK(message_of(document) ==
              "'samples.json': benchmarks[1].id: expected a non-empty string");
    }
    SUBCASE("the same id twice")
    {
        document["benchmarks"][1]["id"] = "query";
        CHECK(message_of(document) == "'samples.json': benchmarks[1].id: id 'query' appears twice");
    }
    SUBCASE("the same metric twice")
    {
        document["benchmarks"][0]["metrics"][2]["name"] = "latency";
        CHECK(message_of(document) == "'samples.json': benchmarks[0].metrics[2].name: metric "
                                      "'latency' appears twice in benchmark 'query'");
    }
    SUBCASE("a metric list that is an object")
    {
        document["benchmarks"][0]["metrics"] = {{"latency", latency}};
        CHECK(message_of(document) == "'samples.json': benchmarks[0].metrics: expected an array");
    }
    SUBCASE("an unknown unit")
    {
        latency["unit"] = "seconds";
        CHECK(message_of(document) ==
              "'samples.json': benchmarks[0].metrics[0].unit: unknown unit 'seconds': expected "
              "s, ms, us, ns, B, B/s, 1/s, % or \"\" (a plain count)");
    }
    SUBCASE("an unknown direction")
    {
        latency["better"] = "smaller";
        CHECK(message_of(document) == "'samples.json': benchmarks[0].metrics[0].better: "
                                      "unknown value 'smaller': expected 'lower' or 'higher'");
    }
    SUBCASE("no samples")
    {
        latency["samples"] = json::array();
        CHECK(message_of(document) ==
              "'samples.json': benchmarks[0].metrics[0].samples: expected at least one sample");
    }
    SUBCASE("a negative sample")
    {
        latency["samples"][2] = -4.4;
        CHECK(message_of(document) == "'samples.json': benchmarks[0].metrics[0].samples[2]: "
                                      "expected a finite, non-negative number, not -4.4");
    }
    SUBCASE("a non-finite sample, written as null or as a string")
    {
        latency["samples"][1] = nullptr;
        CHECK(message_of(document) == "'samples.json': benchmarks[0].metrics[0].samples[1]: "
                                      "expected a finite, non-negative number, not null");
        latency["samples"][1] = "NaN";
        CHECK(message_of(document) == "'samples.json': benchmarks[0].metrics[0].samples[1]: "
                                      "expected a finite, non-negative number, not \"NaN\"");
    }
    SUBCASE("a metric without a name")
    {
        latency.erase("name");
        CHECK(message_of(document) ==
              "'samples.json': benchmarks[0].metrics[0].name: missing, expected a string");
    }
    CHECK(error_of([&] { runners::import_samples(json::array(), "x"); }).code() == ExitCode::usage);
}

TEST_SUITE_END();
