#include <util/text_table.hpp>

#include <doctest/doctest.h>

#include <string>

TEST_SUITE_BEGIN("util_text_table");

using namespace perfgate;
using util::display_width;
using util::TextTable;
using Align = TextTable::Align;

TEST_CASE("display_width counts terminal columns")
{
    SUBCASE("ASCII")
    {
        CHECK(display_width("") == 0);
        CHECK(display_width("a") == 1);
        CHECK(display_width("12.3 ms") == 7);
    }
    SUBCASE("UTF-8: one column per code point")
    {
        CHECK(display_width("\u00b5s") == 2);
        CHECK(display_width("\u00b1") == 1);
        CHECK(display_width("\u2026") == 1);
        CHECK(display_width("1.0 \u00b5s \u00b1 0.1 \u00b5s") == 15);
    }
    SUBCASE("ANSI escapes take no room")
    {
        CHECK(display_width("\x1b[1mbold\x1b[0m") == 4);
        CHECK(display_width("\x1b[38;2;255;0;0mred\x1b[0m \u00b1") == 5);
        CHECK(display_width("\x1b[0m") == 0);
    }
}

TEST_CASE("TextTable aligns its columns")
{
    TextTable table({{"Name", Align::left}, {"Value", Align::right}});
    table.add_row({"a", "1"});
    table.add_row({"long name", "100"});

    SUBCASE("left and right, two spaces apart")
    {
        CHECK(table.render() == "Name       Value\n"
                                "a              1\n"
                                "long name    100\n");
    }
    SUBCASE("header cells wrapped, the rows not")
    {
        CHECK(table.render("<", ">") == "<Name>       <Value>\n"
                                        "a              1\n"
                                        "long name    100\n");
    }
}

TEST_CASE("TextTable measures cells by their display width")
{
    TextTable table({{"Time", Align::right}, {"Note", Align::left}});
    table.add_row({"1.0 \u00b5s", "\x1b[31mslow\x1b[0m"});
    table.add_row({"10.0 ms", "ok"});
    CHECK(table.render() == "   Time  Note\n"
                            " 1.0 \u00b5s  \x1b[31mslow\x1b[0m\n"
                            "10.0 ms  ok\n");
}

TEST_CASE("TextTable trims trailing spaces and fills missing cells")
{
    TextTable table({{"A", Align::left}, {"B", Align::left}, {"C", Align::left}});
    table.add_row({"x", "longer"});
    table.add_row({"y"});
    table.add_row({"z", "", "c"});
    CHECK(table.render() == "A  B       C\n"
                            "x  longer\n"
                            "y\n"
                            "z          c\n");
}

TEST_CASE("TextTable with no rows renders its header")
{
    const TextTable table({{"Benchmark", Align::left}, {"Runs", Align::right}});
    CHECK(table.render() == "Benchmark  Runs\n");
}

TEST_SUITE_END();
