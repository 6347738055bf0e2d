#include <reporters/starter_files.hpp>

#include <doctest/doctest.h>

#include <string>

TEST_SUITE_BEGIN("reporters_starter_files");

using namespace perfgate;
using reporters::find_placeholders;
using reporters::gitignore_with_workspace;

TEST_CASE("find_placeholders lists OWNER and the guessed build commands by line")
{
    const std::string workflow = "# Replace OWNER and the lines marked # your build\n"
                                 "steps:\n"
                                 "  - run: git clone https://github.com/OWNER/perfgate /opt/p\n"
                                 "  - run: |\n"
                                 "      make -j4   # your build\n"
                                 "  - run: ninja -C out   # your build\n"
                                 "  - uses: OWNER/perfgate/.github/actions/perfgate@main\n";
    const auto found = find_placeholders(workflow);
    REQUIRE(found.size() == 4);
    CHECK(found[0].line == 3);
    CHECK(found[0].what.find("OWNER") == 0);
    CHECK(found[1].line == 5);
    CHECK(found[1].what == "'make -j4' is a guess: put your project's build here");
    CHECK(found[2].line == 6);
    CHECK(found[2].what == "'ninja -C out' is a guess: put your project's build here");
    CHECK(found[3].line == 7);

    SUBCASE("none left")
    {
        CHECK(find_placeholders("steps:\n  - run: make\n").empty());
    }
    SUBCASE("the starter workflow has OWNER twice and the build twice")
    {
        const auto starter = find_placeholders(reporters::render_starter_workflow("make"));
        REQUIRE(starter.size() == 4);
        CHECK(starter[1].what == "'make' is a guess: put your project's build here");
    }
}

TEST_CASE("gitignore_with_workspace adds .perfgate/ once")
{
    SUBCASE("no .gitignore yet")
    {
        CHECK(gitignore_with_workspace("") ==
              "# perfgate's runs, reports and local baselines\n.perfgate/\n");
    }
    SUBCASE("after the user's lines, even without a final newline")
    {
        CHECK(gitignore_with_workspace("build/\r\n*.o") ==
              "build/\r\n*.o\n# perfgate's runs, reports and local baselines\n.perfgate/\n");
    }
    SUBCASE("already ignored, in any of git's spellings")
    {
        for (const char* line : {".perfgate",
                                 ".perfgate/",
                                 "/.perfgate",
                                 "/.perfgate/ ",
                                 "**/.perfgate/",
                                 "  .perfgate\r"}) {
            CAPTURE(line);
            CHECK_FALSE(gitignore_with_workspace(std::string("build/\n") + line + "\n"));
        }
    }
    SUBCASE("a line that only mentions it does not count")
    {
        CHECK(gitignore_with_workspace("# .perfgate/\n.perfgate/runs/\n"));
    }
}

TEST_SUITE_END();
