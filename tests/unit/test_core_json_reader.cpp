#include <core/json_reader.hpp>

#include "test_support.hpp"
#include <doctest/doctest.h>

#include <cmath>
#include <string>

TEST_SUITE_BEGIN("core_json_reader");

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
    CHECK(root.str() == "document");
    CHECK(benchmarks.str() == "benchmarks");
    CHECK(second.field("metrics").field("real_time").str() == "benchmarks[2].metrics.real_time");
    CHECK(second.field("bytes per item.v2").str() == "benchmarks[2][\"bytes per item.v2\"]");
    CHECK(second.field("").str() == "benchmarks[2][\"\"]");
    // Invalid UTF-8 in a key from the input is replaced, not thrown on.
    CHECK(root.field("a\xff").str() == "[\"a\xef\xbf\xbd\"]");
}

TEST_CASE("JsonReader::time wants a time from 0 to about 31 years")
{
    const JsonPath root;
    const JsonPath field = root.field("t");
    CHECK(k_read.time(json(0), field, "s") == 0);
    CHECK(k_read.time(json(1e9), field, "s") == 1e9);
    CHECK(k_read.time(json(1e18), field, "ns") == 1e18);
    CHECK(std::isnan(k_read.time(json(nullptr), field, "s", NullNumber::nan)));
    CHECK(message_of([&] { k_read.time(json(-1e-9), field, "s"); }) ==
          "'in.json': t: expected a finite, non-negative number, not -1e-09");
    CHECK(message_of([&] { k_read.time(json(2e9), field, "s"); }) ==
          "'in.json': t: 2000000000.0 s is out of range: expected at most 1e+09 s (about 31 "
          "years)");
    CHECK(message_of([&] { k_read.time(json(2e15), field, "ms"); }) ==
          "'in.json': t: 2e+15 ms is out of range: expected at most 1e+12 ms (about 31 years)");
    CHECK(message_of([&] { k_read.time(json(nullptr), field, "s"); }) ==
          "'in.json': t: expected a finite, non-negative number, not null");
}

TEST_SUITE_END();
