// Fuzz the Google Benchmark reader: the JSON of `--benchmark_out` (bare NaN and Infinity, a
// truncated file repaired as after a crash), its ingestion and the warnings of its context.
#include <runners/google_benchmark.hpp>

#include "fuzz_support.hpp"

namespace {

void ingest(perfgate::runners::GoogleBenchmarkOutput output)
{
    // Note: no such program exists, so the context warnings read no file.
    const auto results = perfgate::runners::ingest_google_benchmark(
        std::move(output), "fuzz", "/nonexistent/fuzz_bench");
    (void)perfgate::runners::context_warnings(results);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    return perfgate::fuzz::read_text(data, size, [](const std::string& text) {
        try {
            ingest(perfgate::runners::read_google_benchmark(text, "fuzz.json"));
        } catch (const perfgate::Error&) {
            ingest(perfgate::runners::read_google_benchmark(text, "fuzz.json", true));
        }
    });
}
