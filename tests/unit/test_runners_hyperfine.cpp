#include <runners/hyperfine.hpp>

#include "test_support.hpp"
#include <doctest/doctest.h>

#include <string>
#include <vector>

TEST_SUITE_BEGIN("runners_hyperfine");

using namespace perfgate;
using namespace perfgate::runners;
using nlohmann::json;
using perfgate::test::error_of;

namespace {

// What hyperfine 1.18 writes with `--export-json` for two commands, one with a parameter.
const json k_export = json::parse(R"({
  "results": [
    {
      "command": "sleep 0.01",
      "mean": 0.0112, "stddev": 0.0004, "median": 0.0111, "user": 0.0006, "system": 0.0009,
      "min": 0.0108, "max": 0.0116,
      "times": [0.0108, 0.0111, 0.0116],
      "exit_codes": [0, 0, null],
      "memory_usage_byte": [1806336, 1802240, 1806336],
      "parameters": {"n": "1"}
    },
    {
      "command": "true",
      "mean": 0.0005, "stddev": 0.0, "median": 0.0005, "user": 0.0, "system": 0.0,
      "min": 0.0, "max": 0.0005,
      "times": [0.0005, 0.0],
      "exit_codes": [0, 0]
    }
  ]
})");

// Return the message of the Error that importing `document` throws, checking its code.
std::string import_error(const json& document)
{
    const Error error = error_of([&] { import_hyperfine(document, "h.json"); });
    CHECK(error.code() == ExitCode::usage);
    return error.what();
}

} // namespace

TEST_CASE("is_hyperfine_json wants a results array and no schema")
{
    CHECK(is_hyperfine_json(k_export));
    CHECK_FALSE(is_hyperfine_json(json::parse(R"({"results": {}})")));
    CHECK_FALSE(is_hyperfine_json(json::parse(R"({"schema": "x", "results": []})")));
    CHECK_FALSE(is_hyperfine_json(json::parse(R"([{"results": []}])")));
}

TEST_CASE("import_hyperfine reads commands, times, memory, exit codes and parameters")
{
    const auto document = import_hyperfine(k_export, "h.json");
    REQUIRE(document.benchmarks.size() == 2);
    const auto& sleep = document.benchmarks[0];
    CHECK(sleep.id == "sleep 0.01");
    CHECK(sleep.source == core::Source::command);
    REQUIRE(sleep.find_metric("wall") != nullptr);
    CHECK(sleep.find_metric("wall")->unit == "s");
    CHECK(sleep.find_metric("wall")->samples == std::vector<double>{0.0108, 0.0111, 0.0116});
    CHECK(sleep.find_metric("peak_rss")->samples == std::vector<double>{1806336, 1802240, 1806336});
    CHECK(sleep.exit_codes == std::vector<int>{0, 0, -1});
    CHECK(sleep.parameters == std::map<std::string, std::string>{{"n", "1"}});
    const auto& fast = document.benchmarks[1];
    CHECK(fast.find_metric("wall")->samples == std::vector<double>{0.0005, 0.0});
    CHECK(fast.find_metric("peak_rss") == nullptr);
}

TEST_CASE("import_hyperfine names the field of every wrong type or impossible value")
{
    json document = k_export;
    json& first = document["results"][0];
    SUBCASE("not an object, no results array")
    {
        CHECK(import_error(json::array()) == "'h.json': document: expected an object");
        CHECK(import_error(json::object()) == "'h.json': results: missing, expected an array");
        document["results"] = "none";
        CHECK(import_error(document) ==
              "'h.json': results: expected an array of hyperfine results");
    }
    SUBCASE("an entry that is not an object")
    {
        document["results"][1] = 2;
        CHECK(import_error(document) == "'h.json': results[1]: expected an object");
    }
    SUBCASE("command")
    {
        first["command"] = 12;
        CHECK(import_error(document) == "'h.json': results[0].command: expected a string");
        first["command"] = "";
        CHECK(import_error(document) ==
              "'h.json': results[0].command: expected a non-empty command");
        first["command"] = "true";
        CHECK(import_error(document) ==
              "'h.json': results[1].command: the command 'true' is also results[0]; give each "
              "command its own name (hyperfine --command-name)");
    }
    SUBCASE("times")
    {
        first.erase("times");
        CHECK(import_error(document) ==
              "'h.json': results[0].times: missing, expected an array of numbers");
        first["times"] = {0.1, "0.2"};
        CHECK(import_error(document) ==
              "'h.json': results[0].times[1]: expected a finite, non-negative number, not \"0.2\"");
        first["times"] = {0.1, -0.2};
        CHECK(import_error(document) == "'h.json': results[0].times[1]: expected a finite, "
                                        "non-negative number, not -0.2");
        first["times"] = {nullptr};
        CHECK(import_error(document) ==
              "'h.json': results[0].times[0]: expected a finite, non-negative number, not null");
        first["times"] = {1e300};
        CHECK(import_error(document) == "'h.json': results[0].times[0]: 1e+300 s is out of "
                                        "range: expected at most 1e+09 s (about 31 years)");
    }
    SUBCASE("exit codes")
    {
        first["exit_codes"] = {0, "1"};
        CHECK(import_error(document) == "'h.json': results[0].exit_codes[1]: expected an integer");
        first["exit_codes"] = {0, 4294967296LL};
        CHECK(import_error(document) == "'h.json': results[0].exit_codes[1]: integer 4294967296 "
                                        "out of range: expected -2147483648 to 2147483647");
    }
    SUBCASE("memory")
    {
        first["memory_usage_byte"] = {1, "2"};
        CHECK(import_error(document) ==
              "'h.json': results[0].memory_usage_byte[1]: expected a finite, non-negative "
              "number, not \"2\"");
        first["memory_usage_byte"] = {-1};
        CHECK(import_error(document) == "'h.json': results[0].memory_usage_byte[0]: expected a "
                                        "finite, non-negative number, not -1");
    }
    SUBCASE("parameters")
    {
        first["parameters"] = {{"n", 1}};
        CHECK(import_error(document) == "'h.json': results[0].parameters.n: expected a string");
        first["parameters"] = json::array();
        CHECK(import_error(document) == "'h.json': results[0].parameters: expected an object");
    }
}

TEST_SUITE_END();
