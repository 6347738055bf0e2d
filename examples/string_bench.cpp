// Three ways to build a string from many small pieces, measured with Google Benchmark.
// Run it with `../build/examples/string_bench`, or let `perfgate run` discover it.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>

namespace {

constexpr std::string_view k_piece = "perfgate ";

// Return the number of bytes the benchmark built, for bytes_per_second.
std::int64_t bytes_built(const benchmark::State& state)
{
    return state.iterations() * state.range(0) * static_cast<std::int64_t>(k_piece.size());
}

void BM_PlusEquals(benchmark::State& state)
{
    const auto pieces = state.range(0);
    for (auto _ : state) {
        std::string text;
        for (std::int64_t i = 0; i < pieces; ++i) {
            text += k_piece;
        }
        benchmark::DoNotOptimize(text.data());
    }
    state.SetBytesProcessed(bytes_built(state));
}
BENCHMARK(BM_PlusEquals)->Range(8, 4096);

void BM_AppendReserved(benchmark::State& state)
{
    const auto pieces = state.range(0);
    for (auto _ : state) {
        std::string text;
        text.reserve(static_cast<std::size_t>(pieces) * k_piece.size());
        for (std::int64_t i = 0; i < pieces; ++i) {
            text.append(k_piece);
        }
        benchmark::DoNotOptimize(text.data());
    }
    state.SetBytesProcessed(bytes_built(state));
}
BENCHMARK(BM_AppendReserved)->Range(8, 4096);

void BM_Ostringstream(benchmark::State& state)
{
    const auto pieces = state.range(0);
    for (auto _ : state) {
        std::ostringstream stream;
        for (std::int64_t i = 0; i < pieces; ++i) {
            stream << k_piece;
        }
        std::string text = std::move(stream).str();
        benchmark::DoNotOptimize(text.data());
    }
    state.SetBytesProcessed(bytes_built(state));
}
BENCHMARK(BM_Ostringstream)->Range(8, 4096);

} // namespace

BENCHMARK_MAIN();
