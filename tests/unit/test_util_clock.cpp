#include <util/clock.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <regex>
#include <string>

TEST_SUITE_BEGIN("util_clock");

using namespace perfgate;

TEST_CASE("utc_now_iso8601 is ISO 8601 in UTC")
{
    const std::string now = util::utc_now_iso8601();
    CHECK(std::regex_match(
        now, std::regex(R"(20[0-9]{2}-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z)")));
}

TEST_CASE("utc_now_stamp is the ISO 8601 time without separators")
{
    const std::string stamp = util::utc_now_stamp();
    CHECK(std::regex_match(
        stamp, std::regex(R"(20[0-9]{2}[01][0-9][0-3][0-9]T[0-2][0-9][0-5][0-9][0-6][0-9]Z)")));

    // Compare with the ISO form of the same second; retry when the second changed in between.
    for (int attempt = 0; attempt < 5; ++attempt) {
        const std::string before = util::utc_now_iso8601();
        const std::string compact = util::utc_now_stamp();
        if (util::utc_now_iso8601() != before) {
            continue;
        }
        std::string expected = before;
        std::erase_if(expected, [](char c) { return c == '-' || c == ':'; });
        CHECK(compact == expected);
        return;
    }
    FAIL("the clock changed second during every attempt");
}

TEST_CASE("monotonic_seconds never goes backwards")
{
    const double first = util::monotonic_seconds();
    const double second = util::monotonic_seconds();
    CHECK(first > 0);
    CHECK(second >= first);
}

TEST_SUITE_END();
