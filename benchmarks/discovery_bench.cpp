// Discovery and ingestion at scale: walking a build tree of 1,000 files (no probes) and reading
// a 50 MB Google Benchmark JSON file.
#include <core/config.hpp>
#include <runners/discovery.hpp>
#include <runners/google_benchmark.hpp>

#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace {

namespace fs = std::filesystem;

// A build tree of `files` files: mostly objects and sources, some candidates by name (scripts,
// so no probe would ever run), a CMakeFiles folder and a hidden one.
fs::path make_tree(int files)
{
    auto root = fs::temp_directory_path() / fmt::format("perfgate-discovery-{}", ::getpid());
    fs::remove_all(root);
    for (int i = 0; i < files; ++i) {
        const auto folder = root / "build" / fmt::format("module{}", i % 40) /
                            (i % 5 == 0 ? "CMakeFiles" : (i % 7 == 0 ? ".cache" : "bin"));
        fs::create_directories(folder);
        const auto name = i % 10 == 0 ? fmt::format("tool{}_bench", i) : fmt::format("file{}.o", i);
        std::ofstream(folder / name) << "#!/bin/sh\n";
        fs::permissions(folder / name, fs::perms::owner_all);
    }
    return root;
}

void BM_FindCandidates(benchmark::State& state)
{
    const auto root = make_tree(static_cast<int>(state.range(0)));
    perfgate::core::DiscoverSettings settings;
    for (auto _ : state) {
        benchmark::DoNotOptimize(perfgate::runners::find_candidates(settings, root));
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
    fs::remove_all(root);
}
BENCHMARK(BM_FindCandidates)->Arg(1000)->Unit(benchmark::kMillisecond);

// Return Google Benchmark output of about `bytes` bytes: runs with counters and aggregates.
std::string make_google_benchmark_json(std::size_t bytes)
{
    std::string text =
        R"({"context": {"date": "2026-11-22", "num_cpus": 2, "library_build_type": "release"},
"benchmarks": [)";
    for (int i = 0; text.size() < bytes; ++i) {
        text += fmt::format(
            R"({}{{"name": "BM_Case/{}", "family_index": {}, "per_family_instance_index": 0,
"run_name": "BM_Case/{}", "run_type": "iteration", "repetitions": 10, "repetition_index": {},
"threads": 1, "iterations": 1000000, "real_time": {}.25, "cpu_time": {}.5, "time_unit": "ns",
"items_per_second": 1.5e9, "bytes_per_second": NaN, "widgets": 42}})",
            i == 0 ? "" : ",\n",
            i / 10,
            i / 10,
            i / 10,
            i % 10,
            800 + i % 13,
            790 + i % 11);
    }
    return text + "]}";
}

void BM_IngestGoogleBenchmark(benchmark::State& state)
{
    const auto text = make_google_benchmark_json(static_cast<std::size_t>(state.range(0)) << 20);
    for (auto _ : state) {
        benchmark::DoNotOptimize(perfgate::runners::ingest_google_benchmark(
            perfgate::runners::read_google_benchmark(text, "generated"), "bench", "bench"));
    }
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(text.size()));
}
BENCHMARK(BM_IngestGoogleBenchmark)->Arg(50)->Unit(benchmark::kMillisecond)->Iterations(3);

} // namespace

BENCHMARK_MAIN();
