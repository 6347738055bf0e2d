#include <cli/merge_inputs.hpp>

#include "test_support.hpp"
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

TEST_SUITE_BEGIN("cli_merge_inputs");

using namespace perfgate;

namespace {

// Return the message of the usage error check_distinct_inputs throws for `inputs`.
std::string refusal(const std::vector<std::string>& inputs)
{
    const auto error = test::error_of([&] { cli::check_distinct_inputs(inputs); });
    CHECK(error.code() == ExitCode::usage);
    return error.what();
}

} // namespace

TEST_CASE("check_distinct_inputs accepts different files")
{
    const test::TempDir dir;
    std::ofstream(dir / "a.json") << "{}";
    std::ofstream(dir / "b.json") << "{}";
    CHECK_NOTHROW(cli::check_distinct_inputs({}));
    CHECK_NOTHROW(cli::check_distinct_inputs({(dir / "a.json").string()}));
    CHECK_NOTHROW(
        cli::check_distinct_inputs({(dir / "a.json").string(), (dir / "b.json").string()}));
    SUBCASE("names of files that do not exist are left to the reader")
    {
        CHECK_NOTHROW(cli::check_distinct_inputs(
            {(dir / "gone1.json").string(), (dir / "gone2.json").string()}));
    }
}

TEST_CASE("check_distinct_inputs refuses a file given twice")
{
    const test::TempDir dir;
    const auto a = (dir / "a.json").string();
    std::ofstream(a) << "{}";
    std::ofstream(dir / "b.json") << "{}";
    std::filesystem::create_directories(dir / "sub");

    SUBCASE("spelt alike, even when it does not exist")
    {
        const auto missing = (dir / "missing.json").string();
        CHECK(refusal({missing, missing}).find("is given twice") != std::string::npos);
    }
    SUBCASE("spelt differently")
    {
        const auto other = (dir / "sub" / ".." / "a.json").string();
        CHECK(refusal({a, (dir / "b.json").string(), other}) ==
              "'" + other + "' is given twice (as '" + a +
                  "' too): merging a file with itself would count every sample twice");
    }
    SUBCASE("through a symbolic link")
    {
        std::filesystem::create_symlink(a, dir / "link.json");
        CHECK(refusal({(dir / "link.json").string(), a}).find("is given twice") !=
              std::string::npos);
    }
}

TEST_SUITE_END();
