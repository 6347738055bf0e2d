#include <runners/program_output.hpp>

#include <doctest/doctest.h>

TEST_SUITE_BEGIN("runners_program_output");

using perfgate::runners::output_hint;

TEST_CASE("output_hint shows the last lines of stderr and stdout worth showing")
{
    SUBCASE("nothing to show")
    {
        CHECK(output_hint("", "").empty());
        CHECK(output_hint("\n-------\n", "Run on (2 X 2000 MHz CPU s)\n\n").empty());
    }
    SUBCASE("the last three lines of each, the library's header and rules left out")
    {
        const std::string err = "Run on (2 X 2000 MHz CPU s)\nLoad Average: 1.0\none\ntwo\n"
                                "three\nfour\n---------\n";
        const std::string out = "Benchmark   Time   CPU\n-----------\nBM_A  5 ns  5 ns  1000\r\n";
        CHECK(output_hint(out, err) ==
              " (stderr: two | three | four; stdout: BM_A  5 ns  5 ns  1000)");
    }
    SUBCASE("one stream only")
    {
        CHECK(output_hint("[error] Usage: x <pattern>\n", "") ==
              " (stdout: [error] Usage: x <pattern>)");
        CHECK(output_hint("", "boom") == " (stderr: boom)");
    }
    SUBCASE("long lines are cut")
    {
        CHECK(output_hint("", std::string(500, 'x')).size() ==
              std::string(" (stderr: )").size() + 200);
    }
}

TEST_SUITE_END();
