#include <runners/parameters.hpp>

#include "test_support.hpp"
#include <doctest/doctest.h>

#include <array>
#include <limits>
#include <map>
#include <string>
#include <vector>

TEST_SUITE_BEGIN("runners_parameters");

using namespace perfgate;
using namespace perfgate::runners;
using perfgate::test::error_of;
using Values = std::vector<std::string>;
using Combination = std::map<std::string, std::string>;

TEST_CASE("scan_parameter steps from min to max")
{
    SUBCASE("integers print as integers")
    {
        const auto parameter = scan_parameter("n", 1, 3, 1);
        CHECK(parameter.name == "n");
        CHECK(parameter.values == Values{"1", "2", "3"});
    }
    SUBCASE("integer steps that do not land on max")
    {
        CHECK(scan_parameter("n", 0, 10, 4).values == Values{"0", "4", "8"});
    }
    SUBCASE("decimals print with the step's precision")
    {
        CHECK(scan_parameter("t", 0, 0.2, 0.1).values == Values{"0.0", "0.1", "0.2"});
        CHECK(scan_parameter("t", 1, 1.5, 0.25).values == Values{"1.00", "1.25", "1.50"});
    }
    SUBCASE("or with min's precision when it has more")
    {
        CHECK(scan_parameter("t", 0.5, 2.5, 1).values == Values{"0.5", "1.5", "2.5"});
    }
    SUBCASE("floating-point error does not drop the last value")
    {
        const Values expected{
            "0.0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9", "1.0"};
        CHECK(scan_parameter("t", 0, 1, 0.1).values == expected);
        CHECK(scan_parameter("t", 0, 0.3, 0.1).values == Values{"0.0", "0.1", "0.2", "0.3"});
        CHECK(scan_parameter("t", 0.1, 0.7, 0.2).values == Values{"0.1", "0.3", "0.5", "0.7"});
    }
    SUBCASE("negative values, and no negative zero")
    {
        CHECK(scan_parameter("x", -2, 2, 2).values == Values{"-2", "0", "2"});
        CHECK(scan_parameter("x", -0.9, 0.9, 0.3).values ==
              Values{"-0.9", "-0.6", "-0.3", "0.0", "0.3", "0.6", "0.9"});
    }
    SUBCASE("a single value when min equals max")
    {
        CHECK(scan_parameter("n", 5, 5, 1).values == Values{"5"});
    }
}

TEST_CASE("scan_parameter rejects an impossible range")
{
    SUBCASE("a step that is not positive")
    {
        for (const double step : {0.0, -1.0}) {
            CAPTURE(step);
            const Error error = error_of([&] { scan_parameter("n", 1, 3, step); });
            CHECK(error.code() == ExitCode::usage);
            CHECK(std::string(error.what()).starts_with("the parameter step must be positive"));
        }
    }
    SUBCASE("min above max")
    {
        const Error error = error_of([] { scan_parameter("n", 3, 1, 1); });
        CHECK(error.code() == ExitCode::usage);
        CHECK(std::string(error.what()) == "the parameter range 3..1 is empty");
    }
}

TEST_CASE("list_parameter splits at commas")
{
    SUBCASE("several values")
    {
        const auto parameter = list_parameter("compiler", "gcc,clang");
        CHECK(parameter.name == "compiler");
        CHECK(parameter.values == Values{"gcc", "clang"});
    }
    SUBCASE("one value")
    {
        CHECK(list_parameter("n", "7").values == Values{"7"});
    }
    SUBCASE("values keep their spaces")
    {
        CHECK(list_parameter("flags", "-O2 -g, -O3").values == Values{"-O2 -g", " -O3"});
    }
    SUBCASE("nothing at all is an error")
    {
        const Error error = error_of([] { list_parameter("n", ""); });
        CHECK(error.code() == ExitCode::usage);
        CHECK(std::string(error.what()) == "parameter 'n' has no values");
    }
}

TEST_CASE("combinations returns the cartesian product, the first parameter slowest")
{
    SUBCASE("two parameters")
    {
        const std::vector<Parameter> parameters{{"a", {"1", "2"}}, {"b", {"x", "y", "z"}}};
        CHECK(combinations(parameters) == std::vector<Combination>{{{"a", "1"}, {"b", "x"}},
                                                                   {{"a", "1"}, {"b", "y"}},
                                                                   {{"a", "1"}, {"b", "z"}},
                                                                   {{"a", "2"}, {"b", "x"}},
                                                                   {{"a", "2"}, {"b", "y"}},
                                                                   {{"a", "2"}, {"b", "z"}}});
    }
    SUBCASE("one parameter")
    {
        CHECK(combinations({{"n", {"1", "2"}}}) ==
              std::vector<Combination>{{{"n", "1"}}, {{"n", "2"}}});
    }
    SUBCASE("no parameters: one empty combination")
    {
        CHECK(combinations({}) == std::vector<Combination>{{}});
    }
}

TEST_CASE("substitute replaces each {name} by its value")
{
    const Combination values{{"n", "10"}, {"mode", "fast"}};
    SUBCASE("every occurrence")
    {
        CHECK(substitute("bench -n {n} --mode={mode} # {n}", values) ==
              "bench -n 10 --mode=fast # 10");
        CHECK(substitute("{n}{n}", values) == "1010");
    }
    SUBCASE("placeholders without a value stay")
    {
        CHECK(substitute("bench {size} {n}", values) == "bench {size} 10");
    }
    SUBCASE("text without placeholders is unchanged")
    {
        CHECK(substitute("sleep 0.1", values) == "sleep 0.1");
        CHECK(substitute("", values).empty());
    }
    SUBCASE("a value that contains its own placeholder is not replaced again")
    {
        CHECK(substitute("{n}-{n}", {{"n", "{n}"}}) == "{n}-{n}");
    }
}

TEST_CASE("parameters refuse to make more benchmarks than the limit, before making any")
{
    SUBCASE("a scan at the limit is fine")
    {
        CHECK(scan_parameter("n", 1, 10000, 1).values.size() == k_max_parameter_benchmarks);
    }
    SUBCASE("a scan past the limit")
    {
        const Error error = error_of([] { scan_parameter("n", 1, 30000000, 1); });
        CHECK(error.code() == ExitCode::usage);
        CHECK(std::string(error.what()) ==
              "parameter 'n' from 1 to 30000000 by 1 would make 30000000 benchmarks; at most "
              "10000 can come from parameters (narrow the range, raise the step or use fewer "
              "values)");
    }
    SUBCASE("a scan too large for any integer")
    {
        const Error error = error_of([] { scan_parameter("n", 0, 1e300, 1e-300); });
        CHECK(error.code() == ExitCode::usage);
        CHECK(std::string(error.what()).find("would make inf benchmarks") != std::string::npos);
    }
    SUBCASE("a scan of numbers that are not finite")
    {
        const double inf = std::numeric_limits<double>::infinity();
        const double nan = std::numeric_limits<double>::quiet_NaN();
        for (const auto& range : std::vector<std::array<double, 3>>{
                 {0, inf, 1}, {nan, 1, 1}, {0, nan, 1}, {0, 1, nan}, {-inf, 0, 1}}) {
            const Error error =
                error_of([&] { scan_parameter("n", range[0], range[1], range[2]); });
            CHECK(error.code() == ExitCode::usage);
            CHECK(std::string(error.what()).ends_with("must be made of finite numbers"));
        }
    }
    SUBCASE("a list past the limit")
    {
        std::string values = "0";
        for (int i = 1; i <= 10000; ++i) {
            values += "," + std::to_string(i);
        }
        const Error error = error_of([&] { list_parameter("x", values); });
        CHECK(std::string(error.what())
                  .starts_with("parameter 'x' with 10001 values would make "
                               "10001 benchmarks"));
    }
    SUBCASE("combinations past the limit")
    {
        const auto hundred = scan_parameter("a", 1, 100, 1);
        const auto hundred_one = scan_parameter("b", 1, 101, 1);
        CHECK(count_benchmarks({hundred, hundred}) == 10000);
        CHECK(combinations({hundred, hundred}).size() == 10000);
        CHECK(count_benchmarks({hundred, hundred_one}) == 10100);
        const Error error = error_of([&] { combinations({hundred, hundred_one}); });
        CHECK(std::string(error.what())
                  .starts_with("the parameters' combinations would make "
                               "10100 benchmarks"));
    }
    SUBCASE("counting saturates instead of overflowing")
    {
        const auto big = scan_parameter("a", 1, 10000, 1);
        const std::vector<Parameter> many(8, big);
        CHECK(count_benchmarks(many) == std::numeric_limits<std::size_t>::max());
        CHECK(count_benchmarks({big}, 3) == 30000);
        CHECK(count_benchmarks({}, 2) == 2);
    }
}

TEST_SUITE_END();
