#include <core/json_reader.hpp>

#include "test_support.hpp"
#include <doctest/doctest.h>

#include <cmath>
#include <string>

using namespace perfgate;
using namespace perfgate::core;
using nlohmann::json;
using perfgate::test::error_of;

namespace {

const JsonReader<json> k_read("in.json");

// Return the message of the Error that `read` throws, checking its code.
template <typename Read> std::string message_of(Read read)
{
    const Error error = error_of(read);
    CHECK(error.code() == ExitCode::usage);
    return error.what();
}

} // namespace

TEST_CASE("JsonPath names fields, elements and odd keys")
{
    const JsonPath root;
    const JsonPath benchmarks = root.field("benchmarks");
    const JsonPath second = benchmarks.element(2);
    CHECK(root.str().empty());
    CHECK(benchmarks.str() == "benchmarks");
    CHECK(second.field("metrics").field("real_time").str() == "benchmarks[2].metrics.real_time");
    CHECK(second.field("bytes per item.v2").str() == "benchmarks[2][\"bytes per item.v2\"]");
    CHECK(second.field("").str() == "benchmarks[2][\"\"]");
    // Invalid UTF-8 in a key from the input is replaced, not thrown on.
    CHECK(root.field("a\xff").str() == "[\"a\xef\xbf\xbd\"]");
}

TEST_CASE("JsonReader reads each type or names the field")
{
    const JsonPath root;
    const JsonPath field = root.field("x");
    const json object = json::parse(R"({"s": "text", "n": 1.5, "b": true, "z": null})");

    CHECK(k_read.required_string(object, root.field("s")) == "text");
    CHECK(k_read.optional_string(object, root.field("missing")).empty());
    CHECK(k_read.as_number(object["n"], field) == 1.5);
    CHECK(std::isnan(k_read.as_number(object["z"], field)));
    CHECK(k_read.as_bool(object["b"], field));

    CHECK(message_of([&] { k_read.required_string(object, root.field("missing")); }) ==
          "'in.json': missing: missing, expected a string");
    CHECK(message_of([&] { k_read.as_string(object["n"], field); }) ==
          "'in.json': x: expected a string");
    CHECK(message_of([&] { k_read.as_number(object["s"], field); }) ==
          "'in.json': x: expected a number");
    CHECK(message_of([&] { k_read.as_bool(object["n"], field); }) ==
          "'in.json': x: expected true or false");
    CHECK(message_of([&] { k_read.as_object(object["n"], field); }) ==
          "'in.json': x: expected an object");
    CHECK(message_of([&] { k_read.as_array(object, field, "an array of numbers"); }) ==
          "'in.json': x: expected an array of numbers");
}

TEST_CASE("JsonReader::as_time wants a finite time of zero or more")
{
    const JsonPath root;
    const JsonPath field = root.field("t");
    CHECK(k_read.as_time(json(0), field, "s") == 0);
    CHECK(k_read.as_time(json(2.5), field, "ns") == 2.5);
    CHECK(message_of([&] { k_read.as_time(json(-1e-9), field, "s"); }) ==
          "'in.json': t: expected a time of 0 s or more, not -1e-09");
    CHECK(message_of([&] { k_read.as_time(json(nullptr), field, "ms"); }) ==
          "'in.json': t: expected a time of 0 ms or more, not null (NaN or infinity)");
    CHECK(message_of([&] { k_read.as_time(json("1"), field, "s"); }) ==
          "'in.json': t: expected a number");
}

TEST_CASE("JsonReader::as_integer tells a wrong type from a value out of range")
{
    const JsonPath root;
    const JsonPath field = root.field("i");
    CHECK(k_read.as_integer<int>(json(-3), field) == -3);
    CHECK(k_read.as_integer<int>(json(7U), field, 0, 10) == 7);
    CHECK(message_of([&] { k_read.as_integer<int>(json(0.5), field); }) ==
          "'in.json': i: expected an integer");
    CHECK(message_of([&] { k_read.as_integer<int>(json(1e10), field, 0); }) ==
          "'in.json': i: expected a non-negative integer");
    CHECK(message_of([&] { k_read.as_integer<int>(json(4294967296LL), field); }) ==
          "'in.json': i: 4294967296 is out of range: expected an integer from -2147483648 to "
          "2147483647");
    CHECK(message_of([&] { k_read.as_integer<int>(json(11), field, 0, 10); }) ==
          "'in.json': i: 11 is out of range: expected an integer from 0 to 10");
}

TEST_CASE("find_excess_nesting finds the first level too deep, outside strings")
{
    const std::string limit(k_max_json_depth, '[');
    CHECK_FALSE(find_excess_nesting(limit + std::string(k_max_json_depth, ']')));
    CHECK_FALSE(find_excess_nesting("{\"a\": \"" + limit + "[[\\\"[[\"}"));
    CHECK(find_excess_nesting("{\"a\": " + limit + "}") == 6 + k_max_json_depth - 1);
    // Closing brackets bring the depth back: siblings do not add up.
    std::string siblings = "[";
    for (int i = 0; i < 1000; ++i) {
        siblings += "[{}],";
    }
    CHECK_FALSE(find_excess_nesting(siblings + "1]"));
}
