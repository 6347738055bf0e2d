// The comparison at scale: 10,000 benchmarks x 30 samples a side (README, "perfgate's own speed"),
// with the process's peak memory reported as a counter.
#include <baselines/comparison.hpp>
#include <core/config.hpp>
#include <reporters/console_comparison.hpp>
#include <reporters/html.hpp>
#include <reporters/junit.hpp>
#include <reporters/markdown.hpp>

#include <benchmark/benchmark.h>

#include <fstream>
#include <random>
#include <string>

namespace {

perfgate::core::ResultsDocument make_document(int benchmarks, double slowdown, std::uint64_t seed)
{
    std::mt19937_64 random(seed);
    std::lognormal_distribution<double> noise(0.0, 0.05);
    perfgate::core::ResultsDocument document;
    for (int i = 0; i < benchmarks; ++i) {
        perfgate::core::BenchmarkResult result;
        result.id = "suite_bench/BM_Case/" + std::to_string(i);
        result.source = perfgate::core::Source::google_benchmark;
        auto& metric = result.metric("real_time", "ns", perfgate::core::Better::lower);
        const double scale = (i % 100 == 0 ? slowdown : 1.0) * (100 + i % 900);
        for (int s = 0; s < 30; ++s) {
            metric.samples.push_back(scale * noise(random));
        }
        document.benchmarks.push_back(std::move(result));
    }
    return document;
}

double peak_rss_mib()
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmHWM:", 0) == 0) {
            return std::stod(line.substr(6)) / 1024.0;
        }
    }
    return 0;
}

void BM_Compare(benchmark::State& state)
{
    const int benchmarks = static_cast<int>(state.range(0));
    const auto baseline = make_document(benchmarks, 1.0, 1);
    const auto current = make_document(benchmarks, 1.3, 2);
    const perfgate::core::Config config;
    for (auto _ : state) {
        benchmark::DoNotOptimize(perfgate::baselines::compare(baseline, current, config, {}));
    }
    state.SetItemsProcessed(state.iterations() * benchmarks);
    state.counters["peak_rss_MiB"] = peak_rss_mib();
}
BENCHMARK(BM_Compare)->Arg(10000)->Unit(benchmark::kMillisecond);

void BM_CompareToJson(benchmark::State& state)
{
    const int benchmarks = static_cast<int>(state.range(0));
    const auto comparison = perfgate::baselines::compare(make_document(benchmarks, 1.0, 1),
                                                         make_document(benchmarks, 1.3, 2),
                                                         perfgate::core::Config{},
                                                         {});
    for (auto _ : state) {
        benchmark::DoNotOptimize(perfgate::baselines::to_json(comparison).dump());
    }
    state.SetItemsProcessed(state.iterations() * benchmarks);
    state.counters["peak_rss_MiB"] = peak_rss_mib();
}
BENCHMARK(BM_CompareToJson)->Arg(10000)->Unit(benchmark::kMillisecond);

// Every format rendered from one comparison (README, "perfgate's own speed": under 1 s on top of
// comparing).
void BM_RenderEveryFormat(benchmark::State& state)
{
    const int benchmarks = static_cast<int>(state.range(0));
    const auto comparison = perfgate::baselines::compare(make_document(benchmarks, 1.0, 1),
                                                         make_document(benchmarks, 1.3, 2),
                                                         perfgate::core::Config{},
                                                         {});
    for (auto _ : state) {
        benchmark::DoNotOptimize(perfgate::reporters::render_console_comparison(comparison, false));
        benchmark::DoNotOptimize(perfgate::reporters::render_markdown(comparison, {}));
        perfgate::reporters::MarkdownOptions comment;
        comment.pr_comment = true;
        benchmark::DoNotOptimize(perfgate::reporters::render_markdown(comparison, comment));
        benchmark::DoNotOptimize(perfgate::reporters::render_html(comparison));
        benchmark::DoNotOptimize(perfgate::reporters::render_junit(comparison));
        benchmark::DoNotOptimize(perfgate::baselines::to_json(comparison).dump());
    }
    state.SetItemsProcessed(state.iterations() * benchmarks);
    state.counters["peak_rss_MiB"] = peak_rss_mib();
}
BENCHMARK(BM_RenderEveryFormat)->Arg(10000)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
