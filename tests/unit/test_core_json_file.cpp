#include <core/json_file.hpp>

#include "test_support.hpp"
#include <doctest/doctest.h>

#include <string>

TEST_SUITE_BEGIN("core_json_file");

using namespace perfgate;
using namespace perfgate::core;
using perfgate::test::error_of;

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

TEST_CASE("parse_json refuses nesting deeper than k_max_json_depth, naming the position")
{
    const std::string deep = "[\n " + std::string(k_max_json_depth, '{');
    const Error error = error_of([&] { parse_ordered_json(deep, "deep.json"); });
    CHECK(error.code() == ExitCode::usage);
    CHECK(std::string(error.what()) ==
          "deep.json:2:257: malformed JSON: nested deeper than 256 levels");
    CHECK(parse_json("[" + std::string(k_max_json_depth - 1, '[') +
                         std::string(k_max_json_depth, ']'),
                     "ok.json")
              .is_array());
}

TEST_CASE("json_error_reason keeps only nlohmann's reason")
{
    CHECK(json_error_reason("[json.exception.parse_error.101] parse error at line 1, column 2: "
                            "syntax error while parsing value - unexpected end of input") ==
          "unexpected end of input");
    CHECK(json_error_reason("[json.exception.out_of_range.406] number overflow parsing '1e400'") ==
          "number overflow parsing '1e400'");
}

TEST_SUITE_END();
