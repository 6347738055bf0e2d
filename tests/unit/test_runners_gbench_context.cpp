#include <runners/gbench_context.hpp>

#include "test_support.hpp"
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

TEST_SUITE_BEGIN("runners_gbench_context");

using namespace perfgate;
using namespace perfgate::runners;
using core::BenchmarkResult;
using perfgate::test::TempDir;
namespace fs = std::filesystem;

namespace {

void write(const fs::path& path, std::string_view content)
{
    std::ofstream(path, std::ios::binary) << content;
}

} // namespace

TEST_CASE("context_warnings explains the program's context")
{
    const TempDir dir;
    const fs::path plain = dir / "plain_bench";
    write(plain, "a program without the marker");
    const fs::path other = dir / "other_bench";
    write(other, "other code");

    const auto result_for = [](const fs::path& executable, nlohmann::json context) {
        BenchmarkResult result;
        result.id = executable.filename().string() + "/BM_A";
        result.executable = executable.string();
        result.context = std::make_shared<const nlohmann::json>(std::move(context));
        return result;
    };
    const nlohmann::json debug = {{"library_build_type", "debug"}, {"cpu_scaling_enabled", false}};
    const nlohmann::json scaling = {{"library_build_type", "release"},
                                    {"cpu_scaling_enabled", true}};
    const nlohmann::json quiet = {{"library_build_type", "release"},
                                  {"cpu_scaling_enabled", false}};

    SUBCASE("a debug library")
    {
        const auto warnings = context_warnings({result_for(plain, debug)});
        REQUIRE(warnings.size() == 1);
        CHECK(warnings[0].find("debug") != std::string::npos);
        CHECK(warnings[0].find(plain.string()) != std::string::npos);
    }
    SUBCASE("CPU frequency scaling")
    {
        const auto warnings = context_warnings({result_for(plain, scaling)});
        REQUIRE(warnings.size() == 1);
        CHECK(warnings[0].find("scaling") != std::string::npos);
    }
    SUBCASE("once per executable")
    {
        CHECK(context_warnings({result_for(plain, debug), result_for(plain, debug)}).size() == 1);
        CHECK(context_warnings({result_for(plain, debug), result_for(other, debug)}).size() == 2);
    }
    SUBCASE("nothing to say")
    {
        CHECK(context_warnings({result_for(plain, quiet)}).empty());
        CHECK(context_warnings({result_for(plain, nlohmann::json())}).empty());
        CHECK(context_warnings({}).empty());
    }
    SUBCASE("fields of another type, from a results file")
    {
        const nlohmann::json odd = {{"library_build_type", 3}, {"cpu_scaling_enabled", "yes"}};
        CHECK(context_warnings({result_for(plain, odd)}).empty());
    }
    SUBCASE("Debian's library, which calls itself debug")
    {
        const fs::path debian = dir / "debian_bench";
        const auto warnings_for = [&](std::string_view content) {
            write(debian, content);
            return context_warnings({result_for(debian, debug)});
        };
        const std::string needed = std::string("libbenchmark.so.1debian") + '\0';

        const auto unknown = warnings_for(needed);
        REQUIRE(unknown.size() == 1);
        CHECK(unknown[0].find("Debian") != std::string::npos);

        const auto unoptimised =
            warnings_for(needed + "GNU C++17 12.2.0 -mtune=generic -march=x86-64 -g -O0" + '\0');
        REQUIRE(unoptimised.size() == 1);
        CHECK(unoptimised[0].find("without optimisation") != std::string::npos);

        CHECK(warnings_for(needed + "GNU C++17 12.2.0 -mtune=generic -g -O2" + '\0').empty());
    }
}

TEST_SUITE_END();
