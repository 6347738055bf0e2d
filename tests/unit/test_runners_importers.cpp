#include <runners/importers.hpp>
#include <runners/pytest_benchmark.hpp>

#include "test_support.hpp"
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

TEST_SUITE_BEGIN("runners_importers");

using namespace perfgate;
using perfgate::test::error_of;
using perfgate::test::TempDir;
namespace fs = std::filesystem;

namespace {

const fs::path k_fixtures = fs::path(PERFGATE_SOURCE_DIR) / "tests" / "fixtures";

std::vector<std::string> ids_of(const core::ResultsDocument& document)
{
    std::vector<std::string> ids;
    for (const auto& result : document.benchmarks) {
        ids.push_back(result.id);
    }
    return ids;
}

} // namespace

TEST_CASE("load_any_results detects other harnesses' output from its content, not its name")
{
    const TempDir dir;
    SUBCASE("a criterion folder, by its structure")
    {
        fs::copy(k_fixtures / "criterion" / "before", dir / "out", fs::copy_options::recursive);
        const auto document = runners::load_any_results(dir / "out");
        CHECK(ids_of(document) ==
              std::vector<std::string>{
                  "copy/bytes/1024", "fib", "sum/elements/256", "sum/elements/64"});
        CHECK(document.benchmarks[1].source == core::Source::criterion);
    }
    SUBCASE("a pytest-benchmark file")
    {
        fs::copy_file(k_fixtures / "pytest_benchmark" / "before.json", dir / "results.json");
        const auto document = runners::load_any_results(dir / "results.json");
        CHECK(document.benchmarks.size() == 3);
        CHECK(document.benchmarks[0].id == "test_fixture.py::test_fib");
        CHECK(document.benchmarks[0].source == core::Source::pytest_benchmark);
    }
    SUBCASE("a perfgate-samples file, without a prefix on its ids")
    {
        fs::copy_file(k_fixtures / "samples" / "loadgen.json", dir / "gbench.json");
        const auto document = runners::load_any_results(dir / "gbench.json");
        CHECK(ids_of(document) == std::vector<std::string>{"query", "insert/batch 100"});
        CHECK(document.benchmarks[0].source == core::Source::samples);
    }
}

TEST_CASE("load_any_results names the file and what it expected")
{
    const TempDir dir;
    SUBCASE("a folder that is not criterion output")
    {
        fs::create_directories(dir / "empty" / "report");
        CHECK(std::string(error_of([&] { runners::load_any_results(dir / "empty"); }).what()) ==
              "'" + (dir / "empty").string() +
                  "': not a criterion output folder: expected <benchmark>/new/benchmark.json and "
                  "sample.json under it, as in target/criterion");
    }
    SUBCASE("a samples file that breaks the schema")
    {
        std::ofstream(dir / "s.json") << R"({"schema": "perfgate-samples/1", "benchmarks": [
            {"id": "a", "metrics": [{"name": "t", "unit": "s", "better": "lower",
                                     "samples": [1, -2]}]}]})";
        const auto error = error_of([&] { runners::load_any_results(dir / "s.json"); });
        CHECK(error.code() == ExitCode::usage);
        CHECK(std::string(error.what()) ==
              "'" + (dir / "s.json").string() +
                  "': benchmarks[0].metrics[0].samples[1]: expected a finite, non-negative "
                  "number, not -2");
    }
    SUBCASE("JSON of no known format lists the formats")
    {
        std::ofstream(dir / "other.json") << R"({"rows": []})";
        CHECK(
            std::string(error_of([&] { runners::load_any_results(dir / "other.json"); }).what()) ==
            "'" + (dir / "other.json").string() +
                "': not a results file: expected perfgate results (\"schema\": "
                "\"perfgate-results/1\"), perfgate samples (\"schema\": \"perfgate-samples/1\"), "
                "Google Benchmark JSON, hyperfine --export-json, pytest-benchmark "
                "--benchmark-json output or a criterion folder");
    }
}

TEST_CASE("summary_only_warning says what a pytest-benchmark summary cannot show")
{
    const auto with_data =
        runners::load_any_results(k_fixtures / "pytest_benchmark" / "before.json");
    const auto summary =
        runners::load_any_results(k_fixtures / "pytest_benchmark" / "summary.json");
    CHECK_FALSE(runners::summary_only_warning(with_data.benchmarks, "before.json"));
    const auto warning = runners::summary_only_warning(summary.benchmarks, "summary.json");
    REQUIRE(warning);
    CHECK(*warning ==
          "'summary.json': 3 pytest-benchmark result(s) hold only a summary (saved without "
          "--benchmark-save-data): their median is compared as metric median_time, one sample "
          "per file, so a change is shown but cannot be judged significant; use "
          "--benchmark-json, or save with --benchmark-save-data, to compare every round");
}

TEST_CASE("match_programs pairs two Google Benchmark files of one program each")
{
    const auto document = [](core::Source source, std::vector<std::string> ids) {
        core::ResultsDocument made;
        for (auto& id : ids) {
            core::BenchmarkResult result;
            result.id = std::move(id);
            result.source = source;
            made.benchmarks.push_back(std::move(result));
        }
        return made;
    };
    const auto gbench = core::Source::google_benchmark;
    const auto before = document(gbench, {"old_bench/BM_A", "old_bench/BM_B/8"});

    SUBCASE("different programs: the current ids take the baseline's program")
    {
        auto after = document(gbench, {"new_bench/BM_A", "new_bench/BM_B/8"});
        runners::match_programs(before, after);
        CHECK(ids_of(after) == std::vector<std::string>{"old_bench/BM_A", "old_bench/BM_B/8"});
    }
    SUBCASE("a file of two programs is left as it is")
    {
        auto after = document(gbench, {"new_bench/BM_A", "other_bench/BM_A"});
        runners::match_programs(before, after);
        CHECK(ids_of(after) == std::vector<std::string>{"new_bench/BM_A", "other_bench/BM_A"});
    }
    SUBCASE("results that are not Google Benchmark's are left as they are")
    {
        auto after = document(core::Source::command, {"new_bench/BM_A"});
        runners::match_programs(before, after);
        CHECK(ids_of(after) == std::vector<std::string>{"new_bench/BM_A"});
    }
}

TEST_SUITE_END();
