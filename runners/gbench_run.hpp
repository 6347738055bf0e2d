#pragma once

#include <core/results.hpp>
#include <runners/discovery.hpp>
#include <runners/run_observer.hpp>

#include <vector>

namespace perfgate::runners {

// How Google Benchmark programs are run (`[discover]` and `[run].timeout`).
struct GoogleBenchmarkSettings
{
    int repetitions = 10;   // samples per benchmark
    double min_time = 0.1;  // seconds per repetition
    double timeout = 300.0; // seconds per benchmark; a program gets this times its benchmarks
};

// Run `program` once with JSON written to a temporary `--benchmark_out`, its repetitions
// interleaved at random, and return one result per listed benchmark. A crash keeps what
// finished and fails the rest; no or invalid output fails them all, naming the program.
std::vector<core::BenchmarkResult> run_google_benchmark(const BenchmarkProgram& program,
                                                        const GoogleBenchmarkSettings& settings,
                                                        RunObserver& observer);

} // namespace perfgate::runners
