#include <core/merge.hpp>

#include "test_support.hpp"
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

TEST_SUITE_BEGIN("core_merge");

using namespace perfgate;
using namespace perfgate::core;
using perfgate::test::error_of;
using Launches = std::vector<std::uint32_t>;

namespace {

// A run created at `created` with one benchmark `id` whose real_time samples come from
// `launches` (empty: command-style, one launch per sample).
ResultsDocument run_of(const std::string& created,
                       const std::string& id,
                       std::vector<double> samples,
                       Launches launches = {})
{
    ResultsDocument document;
    document.created = created;
    BenchmarkResult result;
    result.id = id;
    auto& real = result.metric("real_time", "ns", Better::lower);
    real.samples = samples;
    real.launches = launches;
    auto& cpu = result.metric("cpu_time", "ns", Better::lower);
    cpu.samples = std::move(samples);
    cpu.launches = std::move(launches);
    document.benchmarks.push_back(std::move(result));
    return document;
}

} // namespace

TEST_CASE("merge_results refuses the same run twice")
{
    const auto run = run_of("2026-11-22T05:00:00Z", "bm", {1, 2, 3});
    SUBCASE("the same document")
    {
        const Error error = error_of([&] { merge_results({run, run}, {"a.json", "copy.json"}); });
        CHECK(error.code() == ExitCode::usage);
        CHECK(std::string(error.what()) ==
              "cannot merge 'a.json' with 'copy.json': they hold the same run (the same "
              "samples), which would count every sample twice");
    }
    SUBCASE("among others")
    {
        const auto other = run_of("2026-11-22T06:00:00Z", "bm", {1, 2, 3});
        const Error error = error_of([&] {
            merge_results({run, other, run}, {"a.json", "b.json", "c.json"});
        });
        CHECK(std::string(error.what()).starts_with("cannot merge 'a.json' with 'c.json'"));
    }
    SUBCASE("two runs with equal samples at different times are merged")
    {
        const auto later = run_of("2026-11-22T06:00:00Z", "bm", {1, 2, 3});
        const auto merged = merge_results({run, later}, {"a.json", "b.json"});
        CHECK(merged.benchmarks[0].find_metric("real_time")->samples ==
              std::vector<double>{1, 2, 3, 1, 2, 3});
    }
    SUBCASE("empty runs of one moment (shards that drew no benchmark) are merged")
    {
        ResultsDocument empty;
        empty.created = run.created;
        const auto merged = merge_results({empty, run, empty}, {"1.json", "2.json", "3.json"});
        REQUIRE(merged.benchmarks.size() == 1);
        CHECK(merged.benchmarks[0].id == "bm");
    }
}

TEST_CASE("merge_results keeps launches distinct")
{
    SUBCASE("the launches of later files come after those of earlier ones")
    {
        const auto first = run_of("t1", "bm", {1, 2, 3, 4}, {0, 0, 1, 1});
        const auto second = run_of("t2", "bm", {5, 6, 7}, {0, 1, 2});
        const auto third = run_of("t3", "bm", {8, 9}, {0, 0});
        const auto merged = merge_results({first, second, third}, {"1", "2", "3"});
        for (const char* name : {"real_time", "cpu_time"}) {
            const auto* metric = merged.benchmarks[0].find_metric(name);
            REQUIRE(metric != nullptr);
            CHECK(metric->samples == std::vector<double>{1, 2, 3, 4, 5, 6, 7, 8, 9});
            CHECK(metric->launches == Launches{0, 0, 1, 1, 2, 3, 4, 5, 5});
        }
    }
    SUBCASE("samples without launches count as one launch each")
    {
        const auto first = run_of("t1", "bm", {1, 2}, {});
        const auto second = run_of("t2", "bm", {3, 4}, {0, 0});
        const auto merged = merge_results({first, second}, {"1", "2"});
        CHECK(merged.benchmarks[0].find_metric("real_time")->launches == Launches{0, 1, 2, 2});
        const auto back = merge_results({second, first}, {"2", "1"});
        CHECK(back.benchmarks[0].find_metric("real_time")->launches == Launches{0, 0, 1, 2});
    }
    SUBCASE("without launches anywhere there are none")
    {
        const auto merged =
            merge_results({run_of("t1", "bm", {1}), run_of("t2", "bm", {2})}, {"1", "2"});
        CHECK(merged.benchmarks[0].find_metric("real_time")->launches.empty());
    }
    SUBCASE("the merged document reads back")
    {
        const auto merged = merge_results(
            {run_of("t1", "bm", {1, 2}, {0, 1}), run_of("t2", "bm", {3, 4}, {0, 1})}, {"1", "2"});
        const auto back = results_from_json(nlohmann::json::parse(to_json(merged).dump()), "m");
        CHECK(back.benchmarks[0].find_metric("real_time")->launches == Launches{0, 1, 2, 3});
    }
}

TEST_SUITE_END();
