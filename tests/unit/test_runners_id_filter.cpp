#include <runners/id_filter.hpp>

#include "test_support.hpp"
#include <doctest/doctest.h>

#include <string>

TEST_SUITE_BEGIN("runners_id_filter");

using namespace perfgate;
using perfgate::test::error_of;
using runners::IdFilter;

TEST_CASE("IdFilter searches anywhere in an id")
{
    const IdFilter filter("BM_Sort");
    CHECK(filter.matches("BM_Sort"));
    CHECK(filter.matches("sort_bench/BM_Sort/64"));
    CHECK_FALSE(filter.matches("sort_bench/BM_sort/64"));
    CHECK_FALSE(filter.matches("sort_bench/BM_Find"));
}

TEST_CASE("IdFilter takes ECMAScript regexes")
{
    SUBCASE("anchors")
    {
        const IdFilter filter("^sort_bench/.*/64$");
        CHECK(filter.matches("sort_bench/BM_Sort/64"));
        CHECK_FALSE(filter.matches("sort_bench/BM_Sort/640"));
        CHECK_FALSE(filter.matches("x/sort_bench/BM_Sort/64"));
    }
    SUBCASE("classes and alternatives")
    {
        const IdFilter filter(R"(/\d+$|Find)");
        CHECK(filter.matches("sort_bench/BM_Sort/1024"));
        CHECK(filter.matches("sort_bench/BM_Find"));
        CHECK_FALSE(filter.matches("sort_bench/BM_Sort"));
    }
    SUBCASE("lookahead")
    {
        const IdFilter filter("^a(?!b)");
        CHECK(filter.matches("ac"));
        CHECK_FALSE(filter.matches("ab"));
    }
    SUBCASE("an empty pattern matches everything")
    {
        CHECK(IdFilter("").matches("anything"));
    }
}

TEST_CASE("IdFilter rejects an invalid pattern")
{
    for (const char* pattern : {"BM_(Sort", "[a-", "*x"}) {
        CAPTURE(pattern);
        const Error error = error_of([&] { IdFilter filter(pattern); });
        CHECK(error.code() == ExitCode::usage);
        CHECK(std::string(error.what())
                  .starts_with("invalid --filter regex '" + std::string(pattern) + "': "));
    }
}

TEST_SUITE_END();
