#pragma once

#include <core/results.hpp>
#include <core/run_observer.hpp>
#include <runners/discovery.hpp>

#include <string>
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

// Return a `--benchmark_filter` regex matching exactly `names`, escaped for the library's
// engine (POSIX extended grammar: "]" and "}" stay bare, it rejects "\]" and "\}").
std::string exact_filter(const std::vector<std::string>& names);

// Return the command line that runs `names` (some of `program.benchmarks`) of `program` once,
// writing JSON to `output`: its own arguments, then perfgate's flags.
std::vector<std::string> benchmark_command(const BenchmarkProgram& program,
                                           const std::vector<std::string>& names,
                                           const GoogleBenchmarkSettings& settings,
                                           const std::string& output);

// Run `program` once with JSON written to a temporary `--benchmark_out`, its repetitions
// interleaved at random, and return one result per listed benchmark. Any abnormal end (signal,
// non-zero exit, timeout) keeps only the benchmarks that wrote every repetition and fails the
// rest; when all had finished, every one is run again alone and fails if that ends abnormally
// too. No or invalid output fails them all, naming the program.
std::vector<core::BenchmarkResult> run_google_benchmark(const BenchmarkProgram& program,
                                                        const GoogleBenchmarkSettings& settings,
                                                        core::RunObserver& observer);

} // namespace perfgate::runners
