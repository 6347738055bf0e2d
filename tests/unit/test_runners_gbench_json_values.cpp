#include <runners/gbench_json_values.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>

TEST_SUITE_BEGIN("runners_gbench_json_values");

using namespace perfgate::runners;
using Type = GoogleBenchmarkValue::Type;

TEST_CASE("parse_number reads integers exactly and the rest as strtod does")
{
    const auto parsed = [](const char* raw) {
        const auto number = parse_number(raw);
        REQUIRE(number.has_value());
        return *number;
    };
    CHECK(parsed("18446744073709551615").type == Type::index);
    CHECK(parsed("18446744073709551615").index == 18446744073709551615ULL);
    CHECK(parsed("0").type == Type::index);
    CHECK(parsed("-7").type == Type::number);
    CHECK(parsed("-7").number == -7);
    for (const char* raw : {"18446744073709551616", "0e307", "2.5", "1e-400", "-1.5E+2"}) {
        CAPTURE(raw);
        CHECK(parsed(raw).type == Type::number);
        CHECK(parsed(raw).number == std::strtod(raw, nullptr));
    }
    CHECK(std::isnan(parsed("NaN").number));
    CHECK(parsed("Infinity").number == std::numeric_limits<double>::infinity());
    CHECK(parsed("-Infinity").number == -std::numeric_limits<double>::infinity());
    CHECK(parsed("-Inf").number == -std::numeric_limits<double>::infinity());
    CHECK_FALSE(parse_number("1.8e308").has_value());
    CHECK_FALSE(parse_number("-1e309").has_value());
}

TEST_CASE("counter_value takes numbers, null as NaN and the infinity strings")
{
    const auto of = [](Type type, double number, std::string_view text = {}) {
        return counter_value(ParsedScalar{type, false, 0, number, text});
    };
    CHECK(of(Type::number, 2.5) == 2.5);
    CHECK(of(Type::index, 3) == 3);
    CHECK(std::isnan(of(Type::null, 0).value()));
    CHECK(of(Type::string, 0, "-Infinity") == -std::numeric_limits<double>::infinity());
    CHECK_FALSE(of(Type::string, 0, "12").has_value());
    CHECK_FALSE(of(Type::boolean, 0).has_value());
}

TEST_CASE("tree_number writes NaN as null and infinities as strings")
{
    CHECK(tree_number(1.5) == nlohmann::json(1.5));
    CHECK(tree_number(std::numeric_limits<double>::quiet_NaN()).is_null());
    CHECK(tree_number(-std::numeric_limits<double>::infinity()) == "-Infinity");
}

TEST_CASE("is_utf8 accepts UTF-8 and refuses what is not")
{
    CHECK(is_utf8(""));
    CHECK(is_utf8("BM_Sort/64"));
    CHECK(is_utf8("na\xc3\xafve \xe2\x82\xac \xf0\x9f\x98\x80"));
    CHECK(is_utf8(std::string_view("a\0b", 3)));
    CHECK_FALSE(is_utf8("\xff"));
    CHECK_FALSE(is_utf8("\xc0\xaf"));        // overlong
    CHECK_FALSE(is_utf8("\xed\xa0\x80"));    // a surrogate
    CHECK_FALSE(is_utf8("ok \xf0\x9f\x98")); // cut inside a sequence
    CHECK_FALSE(is_utf8("\xe2\x82"));
}

TEST_CASE("JsonTreeBuilder builds nested objects and arrays from events")
{
    JsonTreeBuilder tree;
    tree.begin(nlohmann::json::object());
    tree.key("caches");
    tree.begin(nlohmann::json::array());
    tree.begin(nlohmann::json::object());
    tree.key("level");
    tree.add(1);
    tree.end();
    tree.add("x");
    tree.end();
    CHECK(tree.depth() == 1);
    tree.key("num_cpus");
    tree.add(2);
    tree.end();
    REQUIRE(tree.done());
    CHECK(tree.take() ==
          nlohmann::json::parse(R"({"caches": [{"level": 1}, "x"], "num_cpus": 2})"));
}

TEST_SUITE_END();
