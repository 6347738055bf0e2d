#pragma once

#include <core/results.hpp>
#include <core/run_observer.hpp>
#include <runners/discovery.hpp>

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace perfgate::runners {

// How Google Benchmark programs are run (`[discover]` and `[run].timeout`).
struct GoogleBenchmarkSettings
{
    int launches = 5;       // separate launches of each program: the independent samples
    int repetitions = 3;    // repetitions per launch
    double min_time = 0.1;  // seconds per repetition
    double timeout = 300.0; // seconds per benchmark; a program gets this times its benchmarks
};

// Run `program` once with JSON written to a temporary `--benchmark_out`, its repetitions
// interleaved at random, and return one result per listed benchmark. A crash keeps what
// finished and fails the rest; no or invalid output fails them all, naming the program.
std::vector<core::BenchmarkResult> run_google_benchmark(const BenchmarkProgram& program,
                                                        const GoogleBenchmarkSettings& settings,
                                                        core::RunObserver& observer);

// Parse Google Benchmark's JSON output, accepting its bare NaN/Infinity tokens. A file cut off
// inside the benchmark list is repaired up to the last complete entry when `allow_truncated`.
// Throws Error(usage) naming `origin` and the position otherwise.
nlohmann::json parse_google_benchmark_json(const std::string& text,
                                           std::string_view origin,
                                           bool allow_truncated = false);

// True when `json` looks like Google Benchmark output (a `context` and a `benchmarks` array).
bool is_google_benchmark_json(const nlohmann::json& json);

// Turn Google Benchmark output into results: repetitions grouped by `run_name` (the program's
// own aggregates ignored), ids `<prefix>/<run_name>`, times in ns, every counter a metric.
std::vector<core::BenchmarkResult> ingest_google_benchmark(const nlohmann::json& json,
                                                           std::string_view prefix,
                                                           std::string_view executable);

// Return the warnings a results set deserves from its programs' contexts: a debug-built
// library (explaining Debian's mislabelled 1.7 package) and CPU frequency scaling.
std::vector<std::string> context_warnings(const std::vector<core::BenchmarkResult>& results);

} // namespace perfgate::runners
