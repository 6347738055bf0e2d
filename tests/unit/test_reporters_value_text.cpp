#include <reporters/value_text.hpp>

#include <doctest/doctest.h>

#include <optional>

TEST_SUITE_BEGIN("reporters_value_text");

using namespace perfgate;
using namespace perfgate::reporters;

TEST_CASE("format_value shows a metric's value for people")
{
    SUBCASE("seconds and nanoseconds scaled to a readable unit")
    {
        CHECK(format_value(0.0123, "s", std::nullopt) == "12.3 ms");
        CHECK(format_value(2.5, "s", std::nullopt) == "2.5 s");
        CHECK(format_value(1234, "ns", std::nullopt) == "1.2 \u00b5s");
        CHECK(format_value(12, "ns", std::nullopt) == "12.0 ns");
    }
    SUBCASE("in a chosen time unit")
    {
        const auto milliseconds = core::time_unit_named("millisecond");
        CHECK(format_value(1.5, "s", milliseconds) == "1500.0 ms");
        CHECK(format_value(260000, "ns", milliseconds) == "0.3 ms");
    }
    SUBCASE("bytes with binary prefixes, whatever the time unit")
    {
        CHECK(format_value(2048, "B", std::nullopt) == "2.0 KiB");
        CHECK(format_value(512, "B", core::time_unit_named("second")) == "512 B");
    }
    SUBCASE("other units with four significant digits")
    {
        CHECK(format_value(1234.5678, "1/s", std::nullopt) == "1235 1/s");
        CHECK(format_value(0.5, "", std::nullopt) == "0.5");
        CHECK(format_value(2e6, "items/s", std::nullopt) == "2e+06 items/s");
    }
}

TEST_CASE("format_change shows a relative change with its sign")
{
    CHECK(format_change(0.123) == "+12.3%");
    CHECK(format_change(-0.05) == "\u22125.0%");
    CHECK(format_change(0.0001) == "0.0%");
}

TEST_CASE("display_unit fixes a time unit for a row and leaves other units alone")
{
    REQUIRE(display_unit(0.0123, "s", std::nullopt).has_value());
    CHECK(display_unit(0.0123, "s", std::nullopt)->suffix == "ms");
    CHECK(display_unit(1234, "ns", std::nullopt)->suffix == "\u00b5s");
    CHECK_FALSE(display_unit(2048, "B", std::nullopt).has_value());
    CHECK(format_in(0.0001, "s", display_unit(0.0123, "s", std::nullopt)) == "0.1 ms");
}

TEST_SUITE_END();
