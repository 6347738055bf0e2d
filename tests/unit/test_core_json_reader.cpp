#include <core/json_reader.hpp>

#include "test_support.hpp"
#include <doctest/doctest.h>

using namespace perfgate;
using core::JsonPath;
using core::JsonReader;
using nlohmann::json;
using perfgate::test::error_of;

TEST_CASE("JsonPath names a value as the user would find it")
{
    const JsonPath root;
    const JsonPath benchmarks = root.field("benchmarks");
    const JsonPath second = benchmarks.element(2);
    CHECK(root.str().empty());
    CHECK(benchmarks.str() == "benchmarks");
    CHECK(second.field("metrics").str() == "benchmarks[2].metrics");
    CHECK(second.field("fib 10").str() == "benchmarks[2][\"fib 10\"]");
    CHECK(root.element(0).str() == "[0]");
}

TEST_CASE("JsonReader reads typed values and names the file and path of a bad one")
{
    const JsonReader reader("dir/x.json");
    const JsonPath root;
    const auto document = json::parse(
        R"({"id": "a", "empty": "", "n": 1.5, "neg": -2, "list": [1, "x"], "big": 1e300})");
    const auto message = [](auto function) { return std::string(error_of(function).what()); };

    CHECK(reader.required_string(document, root.field("id")) == "a");
    CHECK(reader.number(document["n"], root.field("n")) == 1.5);
    CHECK(reader.non_negative(document["list"][0], root.field("list").element(0)) == 1.0);
    CHECK(JsonReader::find(document, "nothing") == nullptr);
    CHECK(JsonReader::find(document["list"], "id") == nullptr);

    CHECK(message([&] { reader.require(document, root.field("name"), "a string"); }) ==
          "'dir/x.json': name: missing, expected a string");
    CHECK(message([&] { reader.required_string(document, root.field("empty")); }) ==
          "'dir/x.json': empty: expected a non-empty string");
    CHECK(message([&] { reader.string(document["n"], root.field("n")); }) ==
          "'dir/x.json': n: expected a string");
    CHECK(message([&] { reader.object(document["list"], root.field("list")); }) ==
          "'dir/x.json': list: expected an object");
    CHECK(message([&] { reader.array(document, root); }) == "'dir/x.json': expected an array");
    CHECK(message([&] { reader.number(document["list"][1], root.field("list").element(1)); }) ==
          "'dir/x.json': list[1]: expected a number, not \"x\"");
    CHECK(message([&] { reader.non_negative(document["neg"], root.field("neg")); }) ==
          "'dir/x.json': neg: expected a finite, non-negative number, not -2");
    CHECK(message([&] { reader.non_negative(json(nullptr), root.field("nan")); }) ==
          "'dir/x.json': nan: expected a finite, non-negative number, not null");
    CHECK(reader.non_negative(document["big"], root.field("big")) == 1e300);
    CHECK(error_of([&] { reader.fail_at(root, "x"); }).code() == ExitCode::usage);
}
