#include <runners/plan.hpp>

#include "test_support.hpp"
#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

using namespace perfgate;
using namespace perfgate::runners;
using perfgate::test::error_of;
using perfgate::test::TempDir;
namespace fs = std::filesystem;

namespace {

const fs::path k_fixtures = PERFGATE_FIXTURES_DIR;

core::BenchmarkConfig command_entry(const std::string& name)
{
    core::BenchmarkConfig entry;
    entry.name = name;
    entry.argv = {"true"};
    return entry;
}

// A Google Benchmark entry that fails when probed, as discovery would.
core::BenchmarkConfig broken_program_entry()
{
    core::BenchmarkConfig entry;
    entry.name = "broken";
    entry.kind = core::BenchmarkKind::google_benchmark;
    entry.argv = {"no/such/program"};
    entry.line = 3;
    return entry;
}

std::vector<std::string> command_ids(const RunPlan& plan)
{
    std::vector<std::string> ids;
    for (const auto& command : plan.commands) {
        ids.push_back(command.id);
    }
    return ids;
}

} // namespace

TEST_CASE("RunPlan::size counts commands and program benchmarks")
{
    RunPlan plan;
    CHECK(plan.size() == 0);
    plan.commands.resize(2);
    CHECK(plan.size() == 2);
    plan.programs.push_back({"a_bench", "a_bench", {}, {"BM_A", "BM_B", "BM_C"}});
    plan.programs.push_back({"b_bench", "b_bench", {}, {"BM_A"}});
    plan.skipped.push_back({"c_bench", "not executable"});
    CHECK(plan.size() == 6);
}

TEST_CASE("make_plan runs ad-hoc commands instead of the configuration")
{
    const TempDir root;
    core::Config config;
    config.root = root.path();
    config.benchmarks = {command_entry("configured"), broken_program_entry()};
    AdHocCommands ad_hoc;
    ad_hoc.commands = {"sleep 0", "true"};

    const RunPlan plan = make_plan(config, ad_hoc, {}, "");
    CHECK(command_ids(plan) == std::vector<std::string>{"sleep 0", "true"});
    CHECK(plan.programs.empty());
    CHECK(plan.skipped.empty());
    CHECK(plan.size() == 2);

    SUBCASE("narrowed by a filter")
    {
        const RunPlan filtered = make_plan(config, ad_hoc, {}, "^tr");
        CHECK(command_ids(filtered) == std::vector<std::string>{"true"});
    }
}

TEST_CASE("make_plan takes configured commands and discovered programs")
{
    const TempDir root;
    fs::create_directories(root / "build");
    fs::copy_file(k_fixtures / "plain_bench", root / "build" / "plain_bench");
    fs::copy_file(k_fixtures / "hello_bench", root / "build" / "hello_bench");
    core::Config config;
    config.root = root.path();
    config.benchmarks = {command_entry("first"), command_entry("second")};

    SUBCASE("everything")
    {
        const RunPlan plan = make_plan(config, {}, {}, "");
        CHECK(command_ids(plan) == std::vector<std::string>{"first", "second"});
        REQUIRE(plan.programs.size() == 1);
        CHECK(plan.programs[0].prefix == "plain_bench");
        CHECK(plan.programs[0].benchmarks.size() == 4);
        REQUIRE(plan.skipped.size() == 1);
        CHECK(plan.skipped[0].path == root / "build" / "hello_bench");
        CHECK(plan.size() == 6);
    }
    SUBCASE("narrowed by a filter")
    {
        const RunPlan plan = make_plan(config, {}, {}, "VectorPush|second");
        CHECK(command_ids(plan) == std::vector<std::string>{"second"});
        REQUIRE(plan.programs.size() == 1);
        CHECK(plan.programs[0].benchmarks ==
              std::vector<std::string>{"BM_VectorPush/8", "BM_VectorPush/64"});
        CHECK(plan.size() == 3);
    }
}

TEST_CASE("make_plan fails when nothing is left to run")
{
    const TempDir root;
    core::Config config;
    config.root = root.path();

    SUBCASE("nothing configured or discovered")
    {
        config.discover.paths = {"build", "out"};
        const Error error = error_of([&] { make_plan(config, {}, {}, ""); });
        CHECK(error.code() == ExitCode::measurement);
        const std::string message = error.what();
        CHECK(message.starts_with("nothing to run: "));
        CHECK(message.find("perfgate.toml") != std::string::npos);
        CHECK(message.ends_with("under build, out"));
    }
    SUBCASE("a filter that matches nothing")
    {
        config.benchmarks = {command_entry("first")};
        const Error error = error_of([&] { make_plan(config, {}, {}, "^zzz"); });
        CHECK(error.code() == ExitCode::measurement);
        CHECK(std::string(error.what()) == "no benchmark matches --filter '^zzz'");
    }
    SUBCASE("an invalid filter")
    {
        config.benchmarks = {command_entry("first")};
        const Error error = error_of([&] { make_plan(config, {}, {}, "(("); });
        CHECK(error.code() == ExitCode::usage);
    }
}
