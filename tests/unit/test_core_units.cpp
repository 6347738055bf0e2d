#include <core/units.hpp>

#include "test_support.hpp"
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <limits>
#include <optional>
#include <string>

TEST_SUITE_BEGIN("core_units");

using namespace perfgate;
using namespace perfgate::core;
using perfgate::test::error_of;

TEST_CASE("parse_duration reads a number and a unit")
{
    SUBCASE("every unit")
    {
        CHECK(parse_duration("10ns") == doctest::Approx(10e-9));
        CHECK(parse_duration("1.5us") == doctest::Approx(1.5e-6));
        CHECK(parse_duration("1.5\u00b5s") == doctest::Approx(1.5e-6));
        CHECK(parse_duration("1.5\u03bcs") == doctest::Approx(1.5e-6));
        CHECK(parse_duration("200ms") == doctest::Approx(0.2));
        CHECK(parse_duration("3s") == 3);
        CHECK(parse_duration("5m") == 300);
        CHECK(parse_duration("1h") == 3600);
    }
    SUBCASE("fractions and spacing")
    {
        CHECK(parse_duration("0.1s") == doctest::Approx(0.1));
        CHECK(parse_duration(".5s") == doctest::Approx(0.5));
        CHECK(parse_duration("2 ms") == doctest::Approx(0.002));
        CHECK(parse_duration(" 4s ") == 4);
    }
    SUBCASE("zero without a unit")
    {
        CHECK(parse_duration("0") == 0);
        CHECK(parse_duration("0s") == 0);
    }
}

TEST_CASE("parse_duration rejects anything else")
{
    for (const std::string text : {"",
                                   "s",
                                   "3",
                                   "1.5",
                                   "-3s",
                                   "+3s",
                                   "3 sec",
                                   "3S",
                                   "ms",
                                   "infs",
                                   "nans",
                                   "3s3",
                                   "1e999s"}) {
        CAPTURE(text);
        const Error error = error_of([&] { parse_duration(text); });
        CHECK(error.code() == ExitCode::usage);
        CHECK(std::string(error.what()) ==
              "invalid duration '" + text +
                  "': expected a number followed by ns, us, ms, s, m or h");
    }
}

TEST_CASE("parse_duration accepts zero or 1ns to 7 days")
{
    SUBCASE("the bounds, however they are written")
    {
        CHECK(parse_duration("1ns") == k_min_duration);
        CHECK(parse_duration("0.001us") == doctest::Approx(k_min_duration));
        CHECK(parse_duration("168h") == k_max_duration);
        CHECK(parse_duration("10080m") == k_max_duration);
        CHECK(parse_duration("604800s") == k_max_duration);
        CHECK(parse_duration("0ns") == 0);
    }
    SUBCASE("out of range: absurdly long, or shorter than anything measurable")
    {
        for (const std::string text :
             {"1e300s", "300000000h", "169h", "604801s", "0.5ns", "1e-300s", "4.9e-324s"}) {
            CAPTURE(text);
            const Error error = error_of([&] { parse_duration(text); });
            CHECK(error.code() == ExitCode::usage);
            CHECK(std::string(error.what()) ==
                  "invalid duration '" + text +
                      "': out of range, expected 0 or from 1ns to 168h (7 days)");
        }
    }
}

TEST_CASE("check_duration applies parse_duration's range to a number of seconds")
{
    CHECK(check_duration(0, "0") == 0);
    CHECK(check_duration(2.5, "2.5") == 2.5);
    CHECK(check_duration(k_max_duration, "604800") == k_max_duration);
    for (const double seconds : {1e300,
                                 -1.0,
                                 1e-12,
                                 std::numeric_limits<double>::infinity(),
                                 std::numeric_limits<double>::quiet_NaN()}) {
        CAPTURE(seconds);
        const Error error = error_of([&] { check_duration(seconds, "x"); });
        CHECK(error.code() == ExitCode::usage);
        CHECK(std::string(error.what()) ==
              "invalid duration 'x': out of range, expected 0 or from 1ns to 168h (7 days)");
    }
}

TEST_CASE("parse_percent reads a percentage as a fraction")
{
    CHECK(parse_percent("15%") == doctest::Approx(0.15));
    CHECK(parse_percent("2.5%") == doctest::Approx(0.025));
    CHECK(parse_percent("0%") == 0);
    CHECK(parse_percent("150%") == doctest::Approx(1.5));
    CHECK(parse_percent("1 %") == doctest::Approx(0.01));
}

TEST_CASE("parse_percent rejects anything else")
{
    for (const std::string text : {"", "%", "15", "0.15", "-5%", "15%%", "x%", "15 percent"}) {
        CAPTURE(text);
        const Error error = error_of([&] { parse_percent(text); });
        CHECK(error.code() == ExitCode::usage);
        CHECK(std::string(error.what()).starts_with("invalid percentage '" + text + "': "));
    }
}

TEST_CASE("parse_percent accepts 0% or 0.0001% to 10000%")
{
    CHECK(parse_percent("0.0001%") == doctest::Approx(k_min_percent));
    CHECK(parse_percent("10000%") == k_max_percent);
    for (const std::string text : {"1e308%", "10001%", "0.00001%", "1e-320%"}) {
        CAPTURE(text);
        const Error error = error_of([&] { parse_percent(text); });
        CHECK(error.code() == ExitCode::usage);
        CHECK(std::string(error.what()) ==
              "invalid percentage '" + text +
                  "': out of range, expected 0% or from 0.0001% to 10000%");
    }
}

TEST_CASE("seconds_per knows the units of time in results")
{
    CHECK(seconds_per("ns") == 1e-9);
    CHECK(seconds_per("us") == 1e-6);
    CHECK(seconds_per("\u00b5s") == 1e-6);
    CHECK(seconds_per("ms") == 1e-3);
    CHECK(seconds_per("s") == 1);
    for (const char* unit : {"", "B", "1/s", "B/s", "m", "h", "sec"}) {
        CAPTURE(unit);
        CHECK_FALSE(seconds_per(unit));
    }
}

TEST_CASE("time_unit_for shows 1 to 3 digits before the point")
{
    SUBCASE("each unit")
    {
        CHECK(time_unit_for(3.1).suffix == "s");
        CHECK(time_unit_for(1).suffix == "s");
        CHECK(time_unit_for(0.0123).suffix == "ms");
        CHECK(time_unit_for(812e-6).suffix == "\u00b5s");
        CHECK(time_unit_for(812e-9).suffix == "ns");
        CHECK(time_unit_for(0.5e-9).suffix == "ns");
    }
    SUBCASE("never beyond seconds or below nanoseconds")
    {
        CHECK(time_unit_for(7200).suffix == "s");
        CHECK(time_unit_for(0).suffix == "ns");
    }
    SUBCASE("values that round up to 1000 take the larger unit")
    {
        CHECK(time_unit_for(999.7e-6).suffix == "ms");
        CHECK(time_unit_for(999.2e-6).suffix == "\u00b5s");
    }
    SUBCASE("factors match the suffix")
    {
        CHECK(time_unit_for(1e-8).factor == 1e9);
        CHECK(time_unit_for(1e-5).factor == 1e6);
        CHECK(time_unit_for(1e-2).factor == 1e3);
        CHECK(time_unit_for(10).factor == 1);
    }
}

TEST_CASE("time_unit_named accepts hyperfine's names")
{
    CHECK(time_unit_named("microsecond").suffix == "\u00b5s");
    CHECK(time_unit_named("millisecond").suffix == "ms");
    CHECK(time_unit_named("second").suffix == "s");

    const Error error = error_of([] { time_unit_named("minute"); });
    CHECK(error.code() == ExitCode::usage);
    CHECK(std::string(error.what()) ==
          "unknown time unit 'minute': expected microsecond, millisecond or second");
}

TEST_CASE("format_time shows 3 significant digits")
{
    SUBCASE("in the chosen unit")
    {
        CHECK(format_time(812e-6) == "812 \u00b5s");
        CHECK(format_time(1.234e-3) == "1.23 ms");
        CHECK(format_time(12.34e-3) == "12.3 ms");
        CHECK(format_time(3.1) == "3.10 s");
        CHECK(format_time(42e-9) == "42.0 ns");
        CHECK(format_time(999.7e-6) == "1.00 ms");
    }
    SUBCASE("rounding that carries into another digit")
    {
        CHECK(format_time(9.996e-3) == "10.0 ms");
        CHECK(format_time(99.96e-3) == "100 ms");
    }
    SUBCASE("in a fixed unit")
    {
        const TimeUnit milliseconds = time_unit_named("millisecond");
        CHECK(format_time(1.5, milliseconds) == "1500 ms");
        CHECK(format_time(0.0002, milliseconds) == "0.200 ms");
        CHECK(format_time(0.0123, time_unit_named("second")) == "0.0123 s");
    }
    SUBCASE("zero, negative, hours")
    {
        CHECK(format_time(0) == "0.00 ns");
        CHECK(format_time(-2.5e-3) == "-2.50 ms");
        CHECK(format_time(7200) == "7200 s");
    }
}

TEST_CASE("format_bytes uses binary prefixes")
{
    CHECK(format_bytes(0) == "0 B");
    CHECK(format_bytes(512) == "512 B");
    CHECK(format_bytes(1023) == "1023 B");
    CHECK(format_bytes(1024) == "1.0 KiB");
    CHECK(format_bytes(1536) == "1.5 KiB");
    CHECK(format_bytes(12.0 * 1024 * 1024) == "12.0 MiB");
    CHECK(format_bytes(1023.99 * 1024 * 1024) == "1.0 GiB");
    CHECK(format_bytes(25769803776.0) == "24.0 GiB");
    CHECK(format_bytes(3.0 * 1024 * 1024 * 1024 * 1024) == "3.0 TiB");
}

TEST_CASE("parse_signed_percent reads negative thresholds")
{
    CHECK(parse_signed_percent("-30%") == doctest::Approx(-0.30));
    CHECK(parse_signed_percent("15%") == doctest::Approx(0.15));
    CHECK(parse_signed_percent(" -2.5% ") == doctest::Approx(-0.025));
    for (const std::string text : {"", "-", "-%", "--5%", "+5%", "-5", "5", "-x%"}) {
        CAPTURE(text);
        const Error error = error_of([&] { parse_signed_percent(text); });
        CHECK(error.code() == ExitCode::usage);
        CHECK(std::string(error.what()) ==
              "invalid percentage '" + text +
                  "': expected a number followed by %, such as '15%' or '-30%'");
    }
}

TEST_CASE("parse_quantity reads a number and its unit into the kind's base unit")
{
    struct Case
    {
        const char* text;
        double value;
        QuantityKind kind;
    };
    const Case cases[] = {
        {"0.25", 0.25, QuantityKind::number},
        {"42", 42, QuantityKind::number},
        {"100ms", 0.1, QuantityKind::time},
        {"2s", 2, QuantityKind::time},
        {"1.5us", 1.5e-6, QuantityKind::time},
        {"750\u00b5s", 750e-6, QuantityKind::time},
        {"10ns", 10e-9, QuantityKind::time},
        {"5m", 300, QuantityKind::time},
        {"1h", 3600, QuantityKind::time},
        {"512B", 512, QuantityKind::bytes},
        {"1kB", 1000, QuantityKind::bytes},
        {"1KB", 1000, QuantityKind::bytes},
        {"500MB", 500e6, QuantityKind::bytes},
        {"2GB", 2e9, QuantityKind::bytes},
        {"1TB", 1e12, QuantityKind::bytes},
        {"1KiB", 1024, QuantityKind::bytes},
        {"512MiB", 512.0 * 1024 * 1024, QuantityKind::bytes},
        {"1.5GiB", 1.5 * 1024 * 1024 * 1024, QuantityKind::bytes},
        {"1TiB", 1024.0 * 1024 * 1024 * 1024, QuantityKind::bytes},
        {"100MB/s", 100e6, QuantityKind::byte_rate},
        {"1GiB/s", 1024.0 * 1024 * 1024, QuantityKind::byte_rate},
        {"50/s", 50, QuantityKind::rate},
        {"600/min", 10, QuantityKind::rate},
        {"7200/h", 2, QuantityKind::rate},
        {"5%", 0.05, QuantityKind::percent},
        {"500 MB", 500e6, QuantityKind::bytes},
    };
    for (const auto& c : cases) {
        CAPTURE(c.text);
        const auto quantity = parse_quantity(c.text);
        CHECK(quantity.value == doctest::Approx(c.value));
        CHECK(quantity.kind == c.kind);
        CHECK(quantity.text == c.text);
    }
}

TEST_CASE("parse_quantity rejects negative numbers and unknown units")
{
    SUBCASE("no number")
    {
        for (const std::string text : {"", "MB", "-5MB", "fast", "nan", "inf"}) {
            CAPTURE(text);
            const Error error = error_of([&] { parse_quantity(text); });
            CHECK(error.code() == ExitCode::usage);
            CHECK(std::string(error.what())
                      .starts_with("invalid value '" + text +
                                   "': expected a non-negative number with an optional unit: a "
                                   "time (ns, us, ms, s, m, h), a size (B, "));
        }
    }
    SUBCASE("unknown unit")
    {
        for (const std::string unit : {"mb", "Mb", "parsecs", "MB/min", "/day", "%%", "sec"}) {
            CAPTURE(unit);
            const Error error = error_of([&] { parse_quantity("5" + unit); });
            CHECK(std::string(error.what())
                      .starts_with(fmt::format(
                          "invalid value '5{}': unknown unit '{}'; expected a time", unit, unit)));
        }
    }
}

TEST_CASE("in_unit converts a quantity into a metric's unit, or says it cannot apply")
{
    SUBCASE("the conversion table")
    {
        struct Case
        {
            const char* text;
            const char* unit;
            std::optional<double> expected;
        };
        const Case cases[] = {
            {"100ms", "s", 0.1},
            {"100ms", "ms", 100},
            {"100ms", "us", 100e3},
            {"100ms", "\u00b5s", 100e3},
            {"100ms", "ns", 100e6},
            {"100ms", "B", std::nullopt},
            {"100ms", "", std::nullopt},
            {"500MB", "B", 500e6},
            {"512MiB", "B", 536870912},
            {"500MB", "s", std::nullopt},
            {"500MB", "B/s", std::nullopt},
            {"100MB/s", "B/s", 100e6},
            {"100MB/s", "B", std::nullopt},
            {"50/s", "1/s", 50},
            {"50/s", "B/s", std::nullopt},
            {"50/s", "", std::nullopt},
            {"5%", "", 0.05},
            {"5%", "%", 5},
            {"5%", "s", std::nullopt},
            {"5%", "1/s", std::nullopt},
            {"42", "s", 42},
            {"42", "ns", 42},
            {"42", "B", 42},
            {"42", "", 42},
            {"42", "widgets", 42},
        };
        for (const auto& c : cases) {
            CAPTURE(c.text);
            CAPTURE(c.unit);
            const auto value = in_unit(parse_quantity(c.text), c.unit);
            REQUIRE(value.has_value() == c.expected.has_value());
            if (value) {
                CHECK(*value == doctest::Approx(*c.expected));
            }
        }
    }
    SUBCASE("descriptions for messages")
    {
        CHECK(describe(QuantityKind::bytes) == "a size in bytes");
        CHECK(describe(QuantityKind::rate) == "a rate");
        CHECK(describe_unit("ns") == "a time (ns)");
        CHECK(describe_unit("B") == "a size in bytes (B)");
        CHECK(describe_unit("1/s") == "a rate (1/s)");
        CHECK(describe_unit("") == "a plain number (a count or a ratio)");
        CHECK(describe_unit("widgets") == "in 'widgets'");
    }
}

TEST_CASE("parse_duration_argument takes a plain number as seconds, as the configuration does")
{
    SUBCASE("numbers of seconds")
    {
        CHECK(parse_duration_argument("3") == 3);
        CHECK(parse_duration_argument("0.5") == doctest::Approx(0.5));
        CHECK(parse_duration_argument("0") == 0);
    }
    SUBCASE("duration strings")
    {
        CHECK(parse_duration_argument("3s") == 3);
        CHECK(parse_duration_argument("200ms") == doctest::Approx(0.2));
        CHECK(parse_duration_argument("5m") == 300);
    }
    SUBCASE("anything else")
    {
        for (const std::string text : {"", "s", "-3", "3 sec", "3S", "nan"}) {
            CAPTURE(text);
            const Error error = error_of([&] { parse_duration_argument(text); });
            CHECK(error.code() == ExitCode::usage);
            CHECK(std::string(error.what()) ==
                  "invalid duration '" + text +
                      "': expected a number of seconds or a number followed by ns, us, ms, s, m "
                      "or h");
        }
    }
    SUBCASE("the same range")
    {
        CHECK(std::string(error_of([] { parse_duration_argument("1e9"); }).what())
                  .find("out of range") != std::string::npos);
        CHECK(std::string(error_of([] { parse_duration_argument("1e300s"); }).what())
                  .find("out of range") != std::string::npos);
    }
}

TEST_CASE("parse_number reads a whole, finite, signed number")
{
    CHECK(parse_number("3", "factor") == 3.0);
    CHECK(parse_number(" -2.5 ", "factor") == -2.5);
    CHECK(parse_number("+1e3", "factor") == 1000.0);
    CHECK(parse_number(".5", "factor") == 0.5);
    for (const std::string text :
         {"", "-", "inf", "-inf", "nan", "3s", "1e400", "--1", "+-1", "0x10", "1 2"}) {
        CAPTURE(text);
        const Error error = error_of([&] { parse_number(text, "factor"); });
        CHECK(error.code() == ExitCode::usage);
        CHECK(std::string(error.what()) ==
              fmt::format("invalid factor '{}': expected a number", text));
    }
}

TEST_SUITE_END();
