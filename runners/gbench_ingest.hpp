#pragma once

#include <core/results.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace perfgate::runners {

// Google Benchmark output read into results: the program's `context` object and one result per
// registration of a benchmark, in order of first appearance, its id the run's name without the
// program's prefix ("BM_Sort/64", "BM_Sort/64#2" for a second registration of that name).
struct GoogleBenchmarkOutput
{
    nlohmann::json context;
    std::vector<core::BenchmarkResult> benchmarks;
};

// Read Google Benchmark's JSON output in one pass (read_google_benchmark_json): repetitions
// grouped by `run_name` (the program's own aggregates ignored), times in ns, every counter a
// metric. A wrong type or an impossible value throws Error(usage)
// "'ORIGIN':LINE:COLUMN: benchmarks[3].time_unit: what was expected".
GoogleBenchmarkOutput read_google_benchmark(const std::string& text,
                                            std::string_view origin,
                                            bool allow_truncated = false);

// Return the results of one program's output: ids `<prefix>/<id>`, `executable` and the context
// in each, every sample a repetition of one launch.
std::vector<core::BenchmarkResult> ingest_google_benchmark(GoogleBenchmarkOutput output,
                                                           std::string_view prefix,
                                                           std::string_view executable);

} // namespace perfgate::runners
