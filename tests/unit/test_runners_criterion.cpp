#include <core/results.hpp>
#include <runners/criterion.hpp>

#include "test_support.hpp"
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

TEST_SUITE_BEGIN("runners_criterion");

using namespace perfgate;
using core::Better;
using perfgate::test::error_of;
using perfgate::test::TempDir;
namespace fs = std::filesystem;

namespace {

// Real criterion 0.3 output (tests/fixtures/criterion/regenerate.sh): `before` after one run,
// `after` after a second run in which `fib` did more work.
const fs::path k_trees = fs::path(PERFGATE_SOURCE_DIR) / "tests" / "fixtures" / "criterion";

nlohmann::json read_json(const fs::path& path)
{
    std::ifstream in(path);
    return nlohmann::json::parse(in);
}

void write_json(const fs::path& path, const nlohmann::json& json)
{
    std::ofstream(path) << json.dump();
}

// Return times[i] / iters[i] of a criterion sample.json: what each sample must be.
std::vector<double> per_iteration(const fs::path& sample_file)
{
    const auto sample = read_json(sample_file);
    std::vector<double> times;
    for (std::size_t i = 0; i < sample["times"].size(); ++i) {
        times.push_back(sample["times"][i].get<double>() / sample["iters"][i].get<double>());
    }
    return times;
}

const core::BenchmarkResult& by_id(const std::vector<core::BenchmarkResult>& results,
                                   const std::string& id)
{
    for (const auto& result : results) {
        if (result.id == id) {
            return result;
        }
    }
    FAIL("no result " << id);
    return results.front();
}

std::string message_of(const fs::path& directory)
{
    return error_of([&] { runners::import_criterion(directory); }).what();
}

} // namespace

TEST_CASE("import_criterion reads the latest measurement of every benchmark")
{
    const auto results = runners::import_criterion(k_trees / "after");
    std::vector<std::string> ids;
    for (const auto& result : results) {
        ids.push_back(result.id);
        CHECK(result.source == core::Source::criterion);
        CHECK(result.status == core::Status::ok);
        REQUIRE(!result.metrics.empty());
        CHECK(result.metrics.front().name == "time");
        CHECK(result.metrics.front().unit == "ns");
        CHECK(result.metrics.front().better == Better::lower);
    }
    // Sorted by the full id of benchmark.json (group/function/value), not by folder.
    CHECK(ids == std::vector<std::string>{
                     "copy/bytes/1024", "fib", "sum/elements/256", "sum/elements/64"});

    SUBCASE("time per iteration")
    {
        const auto& fib = by_id(results, "fib");
        CHECK(fib.metrics.size() == 1);
        const auto expected = per_iteration(k_trees / "after" / "fib" / "new" / "sample.json");
        CHECK(expected.size() == 10);
        CHECK(fib.find_metric("time")->samples == expected);
    }
    SUBCASE("a throughput in bytes becomes bytes_per_second")
    {
        const auto& copy = by_id(results, "copy/bytes/1024");
        const auto* time = copy.find_metric("time");
        const auto* rate = copy.find_metric("bytes_per_second");
        REQUIRE(rate != nullptr);
        CHECK(rate->unit == "B/s");
        CHECK(rate->better == Better::higher);
        REQUIRE(rate->samples.size() == time->samples.size());
        for (std::size_t i = 0; i < time->samples.size(); ++i) {
            CHECK(rate->samples[i] == doctest::Approx(1024 / (time->samples[i] * 1e-9)));
        }
        CHECK(copy.find_metric("elements_per_second") == nullptr);
    }
    SUBCASE("a throughput in elements becomes elements_per_second")
    {
        const auto& sum = by_id(results, "sum/elements/256");
        const auto* rate = sum.find_metric("elements_per_second");
        REQUIRE(rate != nullptr);
        CHECK(rate->unit == "1/s");
        CHECK(rate->better == Better::higher);
        CHECK(rate->samples.front() ==
              doctest::Approx(256 / (sum.find_metric("time")->samples.front() * 1e-9)));
    }
}

TEST_CASE("import_criterion reads new/, not a saved baseline")
{
    // Note: criterion copies new/ to base/ after each run; make them differ to tell them apart.
    const TempDir tree;
    fs::copy(k_trees / "after", tree.path(), fs::copy_options::recursive);
    fs::copy_file(k_trees / "before" / "fib" / "new" / "sample.json",
                  tree / "fib" / "base" / "sample.json",
                  fs::copy_options::overwrite_existing);
    const auto results = runners::import_criterion(tree.path());
    const auto expected = per_iteration(k_trees / "after" / "fib" / "new" / "sample.json");
    CHECK(expected != per_iteration(tree / "fib" / "base" / "sample.json"));
    CHECK(by_id(results, "fib").find_metric("time")->samples == expected);
}

TEST_CASE("import_criterion prefixes ids and accepts a cargo target folder")
{
    const TempDir target;
    fs::copy(k_trees / "before", target / "criterion", fs::copy_options::recursive);
    // A build product with criterion's layout, which only the criterion folder is searched for.
    fs::create_directories(target / "release");
    fs::copy(k_trees / "after" / "fib", target / "release" / "fib", fs::copy_options::recursive);
    std::ofstream(target / "CACHEDIR.TAG") << "Signature: 8a477f597d28d172789f06886806bc55\n";
    const auto results = runners::import_criterion(target.path(), "rust");
    REQUIRE(results.size() == 4);
    CHECK(results[1].id == "rust/fib");
    CHECK(results[1].find_metric("time")->samples ==
          per_iteration(k_trees / "before" / "fib" / "new" / "sample.json"));

    SUBCASE("a benchmark group named criterion is not taken for a target folder")
    {
        const TempDir tree;
        fs::copy(k_trees / "before", tree.path(), fs::copy_options::recursive);
        fs::create_directories(tree / "criterion");
        fs::copy(
            k_trees / "before" / "fib", tree / "criterion" / "fib", fs::copy_options::recursive);
        const auto file = tree / "criterion" / "fib" / "new" / "benchmark.json";
        auto benchmark = read_json(file);
        benchmark["full_id"] = "criterion/fib";
        write_json(file, benchmark);
        CHECK(runners::import_criterion(tree.path()).size() == 5);
    }
}

TEST_CASE("import_criterion reads criterion 0.5's ElementsAndBytes throughput")
{
    const TempDir tree;
    fs::copy(k_trees / "before", tree.path(), fs::copy_options::recursive);
    const auto file = tree / "sum" / "elements" / "64" / "new" / "benchmark.json";
    auto benchmark = read_json(file);
    benchmark["throughput"] = {{"ElementsAndBytes", {{"elements", 64}, {"bytes", 512}}}};
    write_json(file, benchmark);
    const auto results = runners::import_criterion(tree.path());
    const auto& sum = by_id(results, "sum/elements/64");
    const double ns = sum.find_metric("time")->samples.front();
    CHECK(sum.find_metric("elements_per_second")->samples.front() ==
          doctest::Approx(64 / (ns * 1e-9)));
    CHECK(sum.find_metric("bytes_per_second")->samples.front() ==
          doctest::Approx(512 / (ns * 1e-9)));
}

TEST_CASE("import_criterion refuses a malformed folder, naming the file and what was expected")
{
    const TempDir tree;
    fs::copy(k_trees / "before", tree.path(), fs::copy_options::recursive);
    const auto fib = tree / "fib" / "new";
    const auto sample_file = (fib / "sample.json").string();
    const auto benchmark_file = (fib / "benchmark.json").string();
    auto sample = read_json(fib / "sample.json");
    auto benchmark = read_json(fib / "benchmark.json");

    SUBCASE("no benchmark at all")
    {
        const TempDir empty;
        fs::create_directories(empty / "report");
        CHECK(message_of(empty.path()) ==
              "'" + empty.path().string() +
                  "': not a criterion output folder: expected <benchmark>/new/benchmark.json "
                  "and sample.json under it, as in target/criterion");
        CHECK(error_of([&] { runners::import_criterion(empty.path()); }).code() == ExitCode::usage);
    }
    SUBCASE("sample.json missing")
    {
        fs::remove(fib / "sample.json");
        CHECK(message_of(tree.path()) ==
              "'" + sample_file + "': missing: criterion writes sample.json next to '" +
                  benchmark_file + "'; expected both in each benchmark's new/ folder");
    }
    SUBCASE("sample.json is not JSON")
    {
        std::ofstream(fib / "sample.json") << "{\"iters\": [1,\n  2,";
        CHECK(message_of(tree.path()).starts_with(sample_file + ":2:5: malformed JSON: "));
    }
    SUBCASE("a negative time")
    {
        sample["times"][3] = -1.5;
        write_json(fib / "sample.json", sample);
        CHECK(message_of(tree.path()) ==
              "'" + sample_file + "': times[3]: expected a finite, non-negative number, not -1.5");
    }
    SUBCASE("a zero iteration count")
    {
        sample["iters"][0] = 0;
        write_json(fib / "sample.json", sample);
        CHECK(message_of(tree.path()) ==
              "'" + sample_file + "': iters[0]: expected a positive number, not 0");
    }
    SUBCASE("a time that is not a number")
    {
        sample["times"][1] = "fast";
        write_json(fib / "sample.json", sample);
        CHECK(message_of(tree.path()) == "'" + sample_file +
                                             "': times[1]: expected a finite, non-negative "
                                             "number, not \"fast\"");
    }
    SUBCASE("times and iters of different lengths")
    {
        sample["iters"].erase(0);
        write_json(fib / "sample.json", sample);
        CHECK(message_of(tree.path()) ==
              "'" + sample_file +
                  "': times: has 10 values but iters has 9: expected one time per iteration "
                  "count");
    }
    SUBCASE("no iters")
    {
        sample.erase("iters");
        write_json(fib / "sample.json", sample);
        CHECK(message_of(tree.path()) ==
              "'" + sample_file + "': iters: missing, expected an array of iteration counts");
    }
    SUBCASE("benchmark.json without full_id")
    {
        benchmark.erase("full_id");
        write_json(fib / "benchmark.json", benchmark);
        CHECK(message_of(tree.path()) ==
              "'" + benchmark_file + "': full_id: missing, expected a string");
    }
    SUBCASE("an unknown throughput")
    {
        benchmark["throughput"] = {{"Bits", 8}};
        write_json(fib / "benchmark.json", benchmark);
        CHECK(message_of(tree.path()) ==
              "'" + benchmark_file +
                  "': throughput: unknown throughput 'Bits': expected Bytes, BytesDecimal, "
                  "Elements or ElementsAndBytes");
    }
    SUBCASE("two folders with the same id")
    {
        fs::copy(tree / "fib", tree / "fib_copy", fs::copy_options::recursive);
        CHECK(message_of(tree.path()) ==
              "'" + (tree / "fib_copy" / "new" / "benchmark.json").string() +
                  "': full_id: benchmark 'fib' is also in '" + benchmark_file + "'");
    }
}

TEST_SUITE_END();
