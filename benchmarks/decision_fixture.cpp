// The fixture of benchmarks/decision_quality.py: two CPU-bound benchmarks whose work, and a wait
// that only wall time shows, are set by the environment, so that one binary plays the base and
// every slowdown.
//   PERFGATE_WORK_PERCENT  work of both benchmarks in percent (default 100)
//   PERFGATE_WAIT_PERCENT  BM_Wait also sleeps this percentage of its work's time (default 0)
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <thread>

namespace {

// Spin iterations of the default work: about a millisecond on a 2020s x86 core.
constexpr long k_iterations = 4'000'000;

long percent_of(const char* variable, long fallback)
{
    const char* text = std::getenv(variable);
    const long value = text == nullptr ? fallback : std::strtol(text, nullptr, 10);
    return value >= 0 ? value : fallback;
}

// Note: volatile so that the compiler cannot fold the loop away.
void spin(long iterations)
{
    volatile long sink = 0;
    for (long i = 0; i < iterations; ++i) {
        sink = sink + i;
    }
}

void BM_Work(benchmark::State& state)
{
    const long iterations = k_iterations * percent_of("PERFGATE_WORK_PERCENT", 100) / 100;
    for (auto _ : state) {
        spin(iterations);
    }
}
BENCHMARK(BM_Work);

void BM_Wait(benchmark::State& state)
{
    const long iterations = k_iterations * percent_of("PERFGATE_WORK_PERCENT", 100) / 100;
    const long wait_percent = percent_of("PERFGATE_WAIT_PERCENT", 0);
    // The wait is a share of the work's own time: the fastest of a few tries, the least
    // disturbed by other load.
    auto work = std::chrono::steady_clock::duration::max();
    for (int i = 0; i < 5; ++i) {
        const auto start = std::chrono::steady_clock::now();
        spin(iterations);
        work = std::min(work, std::chrono::steady_clock::now() - start);
    }
    const auto wait = work * wait_percent / 100;
    for (auto _ : state) {
        spin(iterations);
        if (wait_percent > 0) {
            std::this_thread::sleep_for(wait);
        }
    }
}
BENCHMARK(BM_Wait);

} // namespace

BENCHMARK_MAIN();
