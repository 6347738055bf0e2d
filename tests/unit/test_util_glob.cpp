#include <util/glob.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

TEST_SUITE_BEGIN("util_glob");

using namespace perfgate;

TEST_CASE("glob_match follows shell globs")
{
    SUBCASE("literal")
    {
        CHECK(util::glob_match("bench_sort", "bench_sort"));
        CHECK_FALSE(util::glob_match("bench_sort", "bench_sort2"));
        CHECK_FALSE(util::glob_match("bench_sort", "Bench_sort"));
    }
    SUBCASE("* matches any run, across /")
    {
        CHECK(util::glob_match("*_bench", "sort_bench"));
        CHECK(util::glob_match("*_bench", "_bench"));
        CHECK_FALSE(util::glob_match("*_bench", "sort_bench.sh"));
        CHECK(util::glob_match("bench/*", "bench/sort/BM_Sort/64"));
        CHECK(util::glob_match("*/BM_Sort/*", "bench/sort/BM_Sort/64"));
        CHECK_FALSE(util::glob_match("bench/*", "other/bench/x"));
    }
    SUBCASE("* matches a leading dot")
    {
        CHECK(util::glob_match("*_bench", ".hidden_bench"));
    }
    SUBCASE("? matches one character")
    {
        CHECK(util::glob_match("BM_?", "BM_A"));
        CHECK(util::glob_match("a?c", "a/c"));
        CHECK_FALSE(util::glob_match("BM_?", "BM_"));
        CHECK_FALSE(util::glob_match("BM_?", "BM_AB"));
    }
    SUBCASE("character classes")
    {
        CHECK(util::glob_match("BM_[ab]", "BM_a"));
        CHECK_FALSE(util::glob_match("BM_[ab]", "BM_c"));
        CHECK(util::glob_match("size_[0-9]", "size_7"));
        CHECK_FALSE(util::glob_match("size_[0-9]", "size_x"));
        CHECK(util::glob_match("size_[!0-9]", "size_x"));
        CHECK_FALSE(util::glob_match("size_[!0-9]", "size_7"));
    }
    SUBCASE("escapes")
    {
        CHECK(util::glob_match("a\\*b", "a*b"));
        CHECK_FALSE(util::glob_match("a\\*b", "axb"));
    }
    SUBCASE("empty")
    {
        CHECK(util::glob_match("", ""));
        CHECK(util::glob_match("*", ""));
        CHECK_FALSE(util::glob_match("", "x"));
    }
}

TEST_CASE("first_match returns the first matching pattern")
{
    const std::vector<std::string> patterns = {"*_test", "bench_*", "*_bench", "*"};

    const std::string* found = util::first_match(patterns, "sort_bench");
    REQUIRE(found != nullptr);
    CHECK(found == &patterns[2]);

    found = util::first_match(patterns, "bench_sort_bench");
    REQUIRE(found != nullptr);
    CHECK(found == &patterns[1]);

    found = util::first_match(patterns, "tool");
    REQUIRE(found != nullptr);
    CHECK(*found == "*");

    CHECK(util::first_match({"*_bench"}, "tool") == nullptr);
    CHECK(util::first_match({}, "tool") == nullptr);
}

TEST_SUITE_END();
