// perfgate's own hot paths: summarising samples and reading/writing results documents.
#include <core/results.hpp>
#include <core/stats.hpp>

#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>

#include <random>

namespace {

std::vector<double> noisy_samples(std::size_t n, std::uint64_t seed)
{
    std::mt19937_64 random(seed);
    std::lognormal_distribution<double> noise(0.0, 0.05);
    std::vector<double> samples(n);
    for (auto& sample : samples) {
        sample = 1e-3 * noise(random);
    }
    return samples;
}

void BM_Summarize(benchmark::State& state)
{
    const auto samples = noisy_samples(static_cast<std::size_t>(state.range(0)), 1);
    for (auto _ : state) {
        benchmark::DoNotOptimize(perfgate::core::summarize(samples));
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_Summarize)->Arg(10)->Arg(30)->Arg(500);

perfgate::core::ResultsDocument make_document(int benchmarks)
{
    perfgate::core::ResultsDocument document;
    document.perfgate_version = "0.1.0";
    document.created = "2026-11-22T05:00:00Z";
    for (int i = 0; i < benchmarks; ++i) {
        perfgate::core::BenchmarkResult result;
        result.id = "bench/BM_Case/" + std::to_string(i);
        result.metric("real_time", "ns", perfgate::core::Better::lower).samples =
            noisy_samples(30, static_cast<std::uint64_t>(i));
        document.benchmarks.push_back(std::move(result));
    }
    return document;
}

void BM_ResultsToJson(benchmark::State& state)
{
    const auto document = make_document(static_cast<int>(state.range(0)));
    for (auto _ : state) {
        benchmark::DoNotOptimize(perfgate::core::to_json(document).dump());
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_ResultsToJson)->Arg(1000);

void BM_ResultsFromJson(benchmark::State& state)
{
    const auto json = nlohmann::json::parse(
        perfgate::core::to_json(make_document(static_cast<int>(state.range(0)))).dump());
    for (auto _ : state) {
        benchmark::DoNotOptimize(perfgate::core::results_from_json(json, "bench"));
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_ResultsFromJson)->Arg(1000);

} // namespace

BENCHMARK_MAIN();
