#include <runners/plan.hpp>

#include "test_support.hpp"
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

TEST_SUITE_BEGIN("runners_plan");

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

// A samples entry whose command writes one benchmark `query`.
core::BenchmarkConfig samples_entry(const std::string& name)
{
    core::BenchmarkConfig entry;
    entry.name = name;
    entry.kind = core::BenchmarkKind::samples;
    entry.command_string =
        R"(printf '{"schema": "perfgate-samples/1", "benchmarks": [{"id": "query", "metrics": )"
        R"([{"name": "latency", "unit": "s", "better": "lower", "samples": [1, 2]}]}]}' )"
        R"(> "$PERFGATE_SAMPLES")";
    return entry;
}

Sampling one_run()
{
    Sampling sampling;
    sampling.warmup = 0;
    sampling.min_runs = 1;
    sampling.max_runs = 1;
    sampling.min_time = 0;
    return sampling;
}

// Records what the runners report.
struct Recorder : core::RunObserver
{
    std::vector<int> totals;
    std::vector<std::string> finished_ids;
    void started(int benchmarks) override { totals.push_back(benchmarks); }
    void finished(const core::BenchmarkResult& result) override
    {
        finished_ids.push_back(result.id);
    }
};

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
        CHECK(message.find("no file under build, out is named like *_bench or") !=
              std::string::npos);
        CHECK(message.find("(build does not exist; out does not exist)") != std::string::npos);
    }
    SUBCASE("every candidate passed over: each is named with the reason")
    {
        config.discover.paths = {"build"};
        fs::create_directories(root / "build");
        fs::copy_file(k_fixtures / "hello_bench", root / "build" / "hello_bench");
        fs::copy_file(k_fixtures / "hang_bench", root / "build" / "hang_bench");
        config.discover.probe_timeout = 0.2;
        const Error error = error_of([&] { make_plan(config, {}, {}, ""); });
        CHECK(error.code() == ExitCode::measurement);
        const std::string message = error.what();
        CHECK(message.starts_with("nothing to run: no benchmark is configured, and discovery "
                                  "passed over every candidate:\n"));
        CHECK(message.find("\n  build/hello_bench: not Google Benchmark (the program does not "
                           "contain the library)\n") != std::string::npos);
        CHECK(message.find("\n  build/hang_bench: probe timed out after") != std::string::npos);
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

TEST_CASE("make_plan and execute run harness entries once each, after the rest")
{
    const TempDir root;
    core::Config config;
    config.root = root.path();
    config.benchmarks = {samples_entry("load"), command_entry("first"), samples_entry("other")};

    const RunPlan plan = make_plan(config, {}, {}, "");
    CHECK(command_ids(plan) == std::vector<std::string>{"first"});
    REQUIRE(plan.harnesses.size() == 2);
    CHECK(plan.harnesses[0].name == "load");
    CHECK(plan.harnesses[0].working_directory == root.path().string());
    CHECK(plan.size() == 3);

    SUBCASE("results follow the commands; the total grows as harnesses report")
    {
        Recorder recorder;
        const auto results = execute(plan, one_run(), {}, {}, recorder);
        std::vector<std::string> ids;
        ids.reserve(results.size());
        for (const auto& result : results) {
            ids.push_back(result.id);
        }
        CHECK(ids == std::vector<std::string>{"first", "load/query", "other/query"});
        CHECK(recorder.finished_ids == ids);
        CHECK(recorder.totals == std::vector<int>{3, 3, 3});
    }
    SUBCASE("a filter is kept for a harness's results, which are not known yet")
    {
        const RunPlan filtered = make_plan(config, {}, {}, "^load/");
        CHECK(filtered.commands.empty());
        REQUIRE(filtered.harnesses.size() == 2);
        CHECK(filtered.harnesses[1].filter == "^load/");
        Recorder recorder;
        const auto results = execute(filtered, {}, {}, {}, recorder);
        REQUIRE(results.size() == 1);
        CHECK(results[0].id == "load/query");
        CHECK(recorder.totals == std::vector<int>{2, 2, 1});
    }
    SUBCASE("a shard takes a harness entry whole, by its name")
    {
        for (int index = 1; index <= 2; ++index) {
            const Shard shard{index, 2};
            const RunPlan part = make_plan(config, {}, {}, "", shard);
            for (const auto& harness : part.harnesses) {
                CHECK(shard.contains(harness.name));
            }
            const auto kept = std::count_if(
                config.benchmarks.begin(), config.benchmarks.end(), [&](const auto& entry) {
                    return entry.kind == core::BenchmarkKind::samples && shard.contains(entry.name);
                });
            CHECK(part.harnesses.size() == static_cast<std::size_t>(kept));
        }
    }
}

TEST_SUITE_END();
