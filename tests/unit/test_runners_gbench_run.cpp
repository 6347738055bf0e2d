#include <runners/gbench_run.hpp>

#include "gbench_documents.hpp"
#include "test_support.hpp"
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

TEST_SUITE_BEGIN("runners_gbench_run");

using namespace perfgate;
using namespace perfgate::runners;
using namespace perfgate::test;
using core::BenchmarkResult;
using core::RunObserver;
using core::Status;
namespace fs = std::filesystem;

namespace {

const fs::path k_fixtures = PERFGATE_FIXTURES_DIR;

// Records what a runner reports.
class RecordingObserver : public RunObserver
{
public:
    void finished(const BenchmarkResult& result) override { ids.push_back(result.id); }

    std::vector<std::string> ids;
};

} // namespace

TEST_CASE("run_google_benchmark runs a real program")
{
    GoogleBenchmarkSettings settings;
    settings.repetitions = 2;
    settings.min_time = 0.001;
    settings.timeout = 60;
    RecordingObserver observer;

    SUBCASE("every listed benchmark gets its repetitions")
    {
        const BenchmarkProgram program{
            k_fixtures / "plain_bench", "plain_bench", {}, {"BM_Empty", "BM_VectorPush/8"}};
        const auto results = run_google_benchmark(program, settings, observer);
        REQUIRE(results.size() == 2);
        CHECK(results[0].id == "plain_bench/BM_Empty");
        CHECK(results[1].id == "plain_bench/BM_VectorPush/8");
        for (const auto& result : results) {
            CAPTURE(result.id);
            CHECK(result.status == Status::ok);
            CHECK(result.message.empty());
            CHECK(result.executable == program.executable.string());
            CHECK(samples_of(result, "real_time").size() == 2);
            CHECK(samples_of(result, "cpu_time").size() == 2);
            REQUIRE(result.context);
            CHECK(result.context->contains("library_build_type"));
        }
        CHECK(observer.ids ==
              std::vector<std::string>{"plain_bench/BM_Empty", "plain_bench/BM_VectorPush/8"});
    }
    SUBCASE("a timeout too long for the clock is no timeout")
    {
        settings.timeout = 1e12;
        const BenchmarkProgram program{k_fixtures / "plain_bench", "plain_bench", {}, {"BM_Empty"}};
        const auto results = run_google_benchmark(program, settings, observer);
        REQUIRE(results.size() == 1);
        CHECK(results[0].status == Status::ok);
        CHECK(results[0].message.empty());
    }
    SUBCASE("a crash fails only the benchmark that crashed")
    {
        const BenchmarkProgram program{
            k_fixtures / "abort_bench", "abort_bench", {}, {"BM_A_First", "BM_C_Crashes"}};
        const auto results = run_google_benchmark(program, settings, observer);
        REQUIRE(results.size() == 2);
        CHECK(results[0].id == "abort_bench/BM_A_First");
        CHECK(results[0].status == Status::ok);
        CHECK(samples_of(results[0], "real_time").size() == 2);
        CHECK(results[1].id == "abort_bench/BM_C_Crashes");
        CHECK(results[1].status == Status::failed);
        CHECK(results[1].message.find("SIGABRT") != std::string::npos);
        CHECK(results[1].metrics.empty());
        CHECK(observer.ids.size() == 2);
    }
    SUBCASE("a program that cannot start fails every benchmark")
    {
        const TempDir dir;
        const BenchmarkProgram program{
            dir / "missing_bench", "missing_bench", {}, {"BM_A", "BM_B"}};
        const auto results = run_google_benchmark(program, settings, observer);
        REQUIRE(results.size() == 2);
        for (const auto& result : results) {
            CAPTURE(result.id);
            CHECK(result.status == Status::failed);
            CHECK(result.message.find("could not start") != std::string::npos);
        }
        CHECK(observer.ids == std::vector<std::string>{"missing_bench/BM_A", "missing_bench/BM_B"});
    }
}

TEST_CASE("exact_filter escapes what the library's regex engine accepts")
{
    CHECK(exact_filter({"BM_A", "BM_B/8"}) == "^(BM_A|BM_B/8)$");
    CHECK(exact_filter({"BM_Pattern/[%l]"}) == "^(BM_Pattern/\\[%l])$");
    CHECK(exact_filter({"BM_Pattern/{%v}"}) == "^(BM_Pattern/\\{%v})$");
    CHECK(exact_filter({"a(b|c)+?.*^$\\"}) == "^(a\\(b\\|c\\)\\+\\?\\.\\*\\^\\$\\\\)$");
}

TEST_CASE("benchmark_command gives the minimum time as the program's library takes it")
{
    BenchmarkProgram program;
    program.executable = "build/x_bench";
    program.prefix = "x_bench";
    program.extra_args = {"--data", "a b"};
    program.benchmarks = {"BM_A"};
    GoogleBenchmarkSettings settings;
    settings.min_time = 0.05;
    settings.repetitions = 3;

    SUBCASE("1.7: a bare number of seconds")
    {
        CHECK(benchmark_command(program, {"BM_A"}, settings, "out.json") ==
              std::vector<std::string>{"build/x_bench",
                                       "--data",
                                       "a b",
                                       "--benchmark_out=out.json",
                                       "--benchmark_out_format=json",
                                       "--benchmark_repetitions=3",
                                       "--benchmark_enable_random_interleaving=true",
                                       "--benchmark_min_time=0.05",
                                       "--benchmark_filter=^(BM_A)$"});
    }
    SUBCASE("1.8 and newer: with its unit")
    {
        program.min_time_with_unit = true;
        CHECK(benchmark_command(program, {"BM_A"}, settings, "out.json").at(7) ==
              "--benchmark_min_time=0.05s");
    }
}

TEST_CASE("run_google_benchmark runs names with regex characters")
{
    GoogleBenchmarkSettings settings;
    settings.repetitions = 2;
    settings.min_time = 0.001;
    settings.timeout = 60;
    RecordingObserver observer;
    const std::vector<std::string> names = {"BM_Pattern/[%l]",
                                            "BM_Pattern/{%v}",
                                            "BM_Pattern/(a|b)+?",
                                            "BM_Pattern/x.y*z^$",
                                            "BM_Pattern/a\\b"};

    SUBCASE("all together, with the real library")
    {
        const BenchmarkProgram program{k_fixtures / "names_bench", "names_bench", {}, names};
        const auto results = run_google_benchmark(program, settings, observer);
        REQUIRE(results.size() == names.size());
        for (const auto& result : results) {
            CAPTURE(result.id);
            CAPTURE(result.message);
            CHECK(result.status == Status::ok);
            CHECK(samples_of(result, "real_time").size() == 2);
        }
    }
    SUBCASE("each alone, with the real library")
    {
        for (const auto& name : names) {
            const BenchmarkProgram program{k_fixtures / "names_bench", "names_bench", {}, {name}};
            const auto results = run_google_benchmark(program, settings, observer);
            REQUIRE(results.size() == 1);
            CAPTURE(name);
            CHECK(results[0].status == Status::ok);
        }
    }
    SUBCASE("the program's own error is shown when it writes nothing")
    {
        const TempDir dir;
        const auto script = dir / "quiet_bench";
        std::ofstream(script) << "#!/bin/sh\necho 'Could not compile benchmark re: Invalid "
                                 "escape in regular expression' >&2\nexit 0\n";
        fs::permissions(script, fs::perms::owner_all);
        const BenchmarkProgram program{script, "quiet_bench", {}, {"BM_A"}};
        const auto results = run_google_benchmark(program, settings, observer);
        REQUIRE(results.size() == 1);
        CHECK(results[0].status == Status::failed);
        CHECK(results[0].message.find("(stderr: Could not compile benchmark re: Invalid escape "
                                      "in regular expression)") != std::string::npos);
    }
}

TEST_SUITE_END();
