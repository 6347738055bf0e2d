#include <core/config.hpp>
#include <core/names.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

TEST_SUITE_BEGIN("core_names");

using namespace perfgate::core;

namespace {

enum class Colour { red, green, blue };

constexpr NameTable<Colour, 3> k_colours{
    {{Colour::red, "red"}, {Colour::green, "green"}, {Colour::blue, "blue"}}};

} // namespace

TEST_CASE("name_of and value_named read one table both ways")
{
    CHECK(name_of(k_colours, Colour::green) == "green");
    CHECK(value_named(k_colours, "blue") == Colour::blue);
    CHECK_FALSE(value_named(k_colours, "Blue").has_value());
    CHECK_FALSE(value_named(k_colours, "").has_value());
    static_assert(name_of(k_colours, Colour::red) == "red");
}

TEST_CASE("choices_text lists choices as a sentence")
{
    CHECK(choices_text(names_in(k_colours)) == "red, green or blue");
    CHECK(choices_text(std::vector<std::string>{"one"}) == "one");
    CHECK(choices_text(std::vector<std::string>{"a", "b"}) == "a or b");
    CHECK(choices_text(std::vector<std::string>{}).empty());
}

TEST_CASE("split_list keeps empty items so that callers can name them")
{
    CHECK(split_list("a,b") == std::vector<std::string_view>{"a", "b"});
    CHECK(split_list("a,,b") == std::vector<std::string_view>{"a", "", "b"});
    CHECK(split_list("") == std::vector<std::string_view>{""});
}

TEST_CASE("every level, fail-on and format name reads back as its value")
{
    for (const auto& [level, name] : k_level_names) {
        CHECK(to_string(level) == name);
    }
    for (const auto& [fail_on, name] : k_fail_on_names) {
        CHECK(parse_fail_on(name) == fail_on);
    }
    for (const auto& [format, name] : k_report_format_names) {
        CHECK(parse_report_formats(name) == std::vector{format});
    }
    CHECK(parse_report_formats("html,console,html") ==
          std::vector{ReportFormat::html, ReportFormat::console});
    CHECK_THROWS_WITH(parse_report_formats("pdf"),
                      "unknown format 'pdf': expected console, markdown, html, json or junit");
}

TEST_SUITE_END();
