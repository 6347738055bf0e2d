#include <runners/harness_run.hpp>
#include <util/shell_words.hpp>

#include "test_support.hpp"
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

TEST_SUITE_BEGIN("runners_harness_run");

using namespace perfgate;
using namespace perfgate::runners;
using core::BenchmarkKind;
using core::Status;
using perfgate::test::TempDir;
namespace fs = std::filesystem;

namespace {

const fs::path k_fixtures = fs::path(PERFGATE_SOURCE_DIR) / "tests" / "fixtures";

// A valid perfgate-samples/1 document with one benchmark `query`.
constexpr const char* k_samples = R"({"schema": "perfgate-samples/1", "benchmarks": [
  {"id": "query", "metrics": [
    {"name": "latency", "unit": "ms", "better": "lower", "samples": [4.2, 5.1, 4.7]}]}]})";

// Return an entry of `kind` running the shell script `script` in `root`.
HarnessBenchmark harness(BenchmarkKind kind, const fs::path& root, const std::string& script)
{
    HarnessBenchmark benchmark;
    benchmark.name = "h";
    benchmark.kind = kind;
    benchmark.command = {{"sh", "-c", script}, ""};
    benchmark.working_directory = root.string();
    benchmark.timeout = 60;
    return benchmark;
}

std::vector<std::string> ids_of(const std::vector<core::BenchmarkResult>& results)
{
    std::vector<std::string> ids;
    ids.reserve(results.size());
    for (const auto& result : results) {
        ids.push_back(result.id);
    }
    return ids;
}

} // namespace

TEST_CASE("plan_harnesses takes the harness entries, run in the configuration's folder")
{
    core::Config config;
    config.root = "/project";
    config.run.timeout = 30;
    core::BenchmarkConfig command;
    command.name = "cmd";
    command.argv = {"true"};
    core::BenchmarkConfig rust;
    rust.name = "rust";
    rust.kind = BenchmarkKind::criterion;
    rust.command_string = "cargo bench";
    rust.timeout = 900;
    core::BenchmarkConfig loadgen;
    loadgen.name = "loadgen";
    loadgen.kind = BenchmarkKind::samples;
    loadgen.argv = {"./loadgen", "-n", "100"};
    config.benchmarks = {command, rust, loadgen};

    const auto harnesses = plan_harnesses(config);
    REQUIRE(harnesses.size() == 2);
    CHECK(harnesses[0].name == "rust");
    CHECK(harnesses[0].kind == BenchmarkKind::criterion);
    CHECK(harnesses[0].command.text == "cargo bench");
    CHECK(harnesses[0].timeout == 900);
    CHECK(harnesses[0].working_directory == "/project");
    CHECK(harnesses[1].command.argv == std::vector<std::string>{"./loadgen", "-n", "100"});
    CHECK(harnesses[1].timeout == 30);
    CHECK(source_of(BenchmarkKind::samples) == core::Source::samples);
    CHECK(source_of(BenchmarkKind::criterion) == core::Source::criterion);
    CHECK(source_of(BenchmarkKind::pytest_benchmark) == core::Source::pytest_benchmark);
}

TEST_CASE("run_harness reads the samples file named by PERFGATE_SAMPLES")
{
    const TempDir root;
    std::ofstream(root / "samples.json") << k_samples;
    // Run from the configuration's folder, as a relative path shows.
    const auto results = run_harness(
        harness(BenchmarkKind::samples, root.path(), "cp samples.json \"$PERFGATE_SAMPLES\""), {});
    REQUIRE(results.size() == 1);
    CHECK(results[0].id == "h/query");
    CHECK(results[0].source == core::Source::samples);
    CHECK(results[0].status == Status::ok);
    REQUIRE(results[0].find_metric("latency") != nullptr);
    CHECK(results[0].find_metric("latency")->samples[0] == doctest::Approx(4.2e-3));
}

TEST_CASE("run_harness reads criterion output written to CRITERION_HOME")
{
    const TempDir root;
    const auto tree = k_fixtures / "criterion" / "before";
    const auto results = run_harness(harness(BenchmarkKind::criterion,
                                             root.path(),
                                             "mkdir -p \"$CRITERION_HOME\" && cp -R '" +
                                                 tree.string() + "/.' \"$CRITERION_HOME\""),
                                     {});
    CHECK(ids_of(results) ==
          std::vector<std::string>{
              "h/copy/bytes/1024", "h/fib", "h/sum/elements/256", "h/sum/elements/64"});
    CHECK(results[1].source == core::Source::criterion);
    // Nothing is written to the project's own target/criterion.
    CHECK_FALSE(fs::exists(root / "target"));
}

TEST_CASE("run_harness adds --benchmark-json to PYTEST_ADDOPTS, keeping what was there")
{
    const TempDir root;
    ::setenv("PYTEST_ADDOPTS", "-q --tb='line'", 1);
    const auto json = k_fixtures / "pytest_benchmark" / "before.json";
    // The words pytest would read: the user's, then the output file.
    const auto results = run_harness(
        harness(BenchmarkKind::pytest_benchmark,
                root.path(),
                "eval \"set -- $PYTEST_ADDOPTS\"; [ \"$1 $2\" = '-q --tb=line' ] && cp '" +
                    json.string() + "' \"${3#--benchmark-json=}\""),
        {});
    ::unsetenv("PYTEST_ADDOPTS");
    CHECK(ids_of(results) == std::vector<std::string>{"h/test_fixture.py::test_fib",
                                                      "h/test_fixture.py::test_sort[100]",
                                                      "h/test_fixture.py::test_sort[1000]"});
    CHECK(results[0].find_metric("time")->samples.size() == 15);
}

TEST_CASE("run_harness keeps only the results the filter matches")
{
    const TempDir root;
    auto benchmark = harness(BenchmarkKind::criterion,
                             root.path(),
                             "cp -R '" + (k_fixtures / "criterion" / "before").string() +
                                 "' \"$CRITERION_HOME\"");
    benchmark.filter = "sum/";
    CHECK(ids_of(run_harness(benchmark, {})) ==
          std::vector<std::string>{"h/sum/elements/256", "h/sum/elements/64"});
}

TEST_CASE("run_harness turns a failing command into a failed result naming it")
{
    const TempDir root;
    const auto run = [&](const std::string& script, double timeout = 60) {
        auto benchmark = harness(BenchmarkKind::samples, root.path(), script);
        benchmark.timeout = timeout;
        return run_harness(benchmark, {});
    };
    // How messages show the command: the argv as one shell line, quoted.
    const auto display = [](const std::string& script) {
        return "'" + util::join_shell_words({"sh", "-c", script}) + "'";
    };

    SUBCASE("a non-zero exit, with the last line it printed")
    {
        const std::string script = "echo 'connection refused' >&2; exit 4";
        const auto results = run(script);
        REQUIRE(results.size() == 1);
        CHECK(results[0].id == "h");
        CHECK(results[0].status == Status::failed);
        CHECK(results[0].source == core::Source::samples);
        CHECK(results[0].command == std::vector<std::string>{"sh", "-c", script});
        CHECK(results[0].message ==
              display(script) + " ended with exit code 4 (connection refused)");
    }
    SUBCASE("what it wrote before failing is kept")
    {
        std::ofstream(root / "samples.json") << k_samples;
        const auto results = run("cp samples.json \"$PERFGATE_SAMPLES\"; exit 1");
        CHECK(ids_of(results) == std::vector<std::string>{"h/query", "h"});
        CHECK(results[0].status == Status::ok);
        CHECK(results[1].status == Status::failed);
    }
    SUBCASE("no file written")
    {
        const auto results = run("true");
        REQUIRE(results.size() == 1);
        CHECK(results[0].status == Status::failed);
        CHECK(results[0].message ==
              display("true") + " exited 0 but did not write the file named by $PERFGATE_SAMPLES");
    }
    SUBCASE("a file that breaks the schema")
    {
        const std::string script = "printf '{\"schema\": \"perfgate-samples/1\", \"benchmarks\": "
                                   "3}' > \"$PERFGATE_SAMPLES\"";
        const auto results = run(script);
        REQUIRE(results.size() == 1);
        CHECK(results[0].status == Status::failed);
        CHECK(results[0].message == display(script) +
                                        " wrote results perfgate cannot read: "
                                        "'$PERFGATE_SAMPLES': benchmarks: expected an array");
    }
    SUBCASE("a file that is not JSON")
    {
        const std::string script = "printf '{\"schema\": ' > \"$PERFGATE_SAMPLES\"";
        const auto results = run(script);
        REQUIRE(results.size() == 1);
        CHECK(results[0].message.starts_with(
            display(script) + " wrote results perfgate cannot read: $PERFGATE_SAMPLES:1:"));
    }
    SUBCASE("a timeout kills it")
    {
        const auto results = run("sleep 30", 0.2);
        REQUIRE(results.size() == 1);
        CHECK(results[0].status == Status::timeout);
        CHECK(results[0].message ==
              display("sleep 30") + " timed out after 200 ms; its process group was killed");
    }
    SUBCASE("a program that does not exist")
    {
        HarnessBenchmark benchmark = harness(BenchmarkKind::samples, root.path(), "");
        benchmark.command = {{"./no-such-loadgen"}, ""};
        const auto results = run_harness(benchmark, {});
        REQUIRE(results.size() == 1);
        CHECK(results[0].status == Status::failed);
        CHECK(results[0].message ==
              "'./no-such-loadgen' could not start: No such file or directory");
    }
}

TEST_SUITE_END();
