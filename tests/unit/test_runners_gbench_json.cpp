#include <runners/gbench_ingest.hpp>
#include <runners/gbench_json.hpp>

#include "gbench_documents.hpp"
#include "test_support.hpp"
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

using namespace perfgate;
using namespace perfgate::runners;
using namespace perfgate::test;

namespace {

// Return the message of the Error that parsing `text` throws, checking its code.
std::string parse_error(const std::string& text, bool allow_truncated = false)
{
    const Error error =
        error_of([&] { parse_google_benchmark_json(text, "bench.json", allow_truncated); });
    CHECK(error.code() == ExitCode::usage);
    return error.what();
}

constexpr const char* k_not_google_benchmark =
    "'bench.json': not Google Benchmark output (expected a \"context\" object and a "
    "\"benchmarks\" array)";

} // namespace

TEST_CASE("parse_google_benchmark_json accepts bare NaN and Infinity outside strings")
{
    const std::string text = document({
        run("BM_Odd",
            0,
            "3",
            "4",
            "ns",
            "",
            ",\n      \"ratio\": -Infinity,\n      \"rate\": Infinity,\n      \"mean\": NaN"),
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
    CHECK(samples_of(results[0], "ratio") ==
          std::vector<double>{-std::numeric_limits<double>::infinity()});
    CHECK(samples_of(results[0], "rate") ==
          std::vector<double>{std::numeric_limits<double>::infinity()});
    const auto mean = samples_of(results[0], "mean");
    REQUIRE(mean.size() == 1);
    CHECK(std::isnan(mean[0]));
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

TEST_CASE("parse_google_benchmark_json refuses numbers too large and nesting too deep")
{
    CHECK(parse_error(document({run("BM_A", 0, "1e400", "1")})) ==
          "'bench.json': invalid Google Benchmark JSON: number overflow parsing '1e400'");
    const std::string deep = R"({"context": {"x": )" + std::string(100000, '[');
    CHECK(parse_error(deep, true) ==
          "'bench.json': invalid Google Benchmark JSON at byte 273: nested deeper than 256 "
          "levels");
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
