#pragma once

#include <core/config.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace perfgate::runners {

// A Google Benchmark program to run, and the benchmarks it lists.
struct BenchmarkProgram
{
    std::filesystem::path executable;
    std::string prefix;                  // ids are `<prefix>/<run_name>`: the file stem, or a name
    std::vector<std::string> extra_args; // from a `[[benchmark]]` command; perfgate's flags follow
    std::vector<std::string> benchmarks; // names from `--benchmark_list_tests`, in its order
};

// A file that looked like a candidate but is not run, and why.
struct SkippedFile
{
    std::filesystem::path path;
    std::string reason;
};

// What discovery found.
struct Discovery
{
    std::vector<BenchmarkProgram> programs;
    std::vector<SkippedFile> skipped;
};

// The candidates under `[discover].paths` (relative to `root`), before any probe: executable ELF
// programs whose name matches `include` and not `exclude` and that contain Google Benchmark.
// `CMakeFiles/` and hidden folders are not entered; missing paths are ignored.
Discovery find_candidates(const core::DiscoverSettings& settings,
                          const std::filesystem::path& root);

// The result of asking a program for its benchmarks.
struct ProbeResult
{
    std::vector<std::string> benchmarks; // empty when it is not a usable Google Benchmark program
    std::string failure;                 // why not, when empty
};

// Run `executable --benchmark_list_tests=true` (plus `extra_args`) in its own process group with
// a short timeout, output captured, and read the listing (plain lines, or JSON).
ProbeResult probe(const std::filesystem::path& executable,
                  const std::vector<std::string>& extra_args,
                  double timeout_seconds);

// Find and probe the Google Benchmark programs of `config`: `[[benchmark]]` entries of kind
// "google-benchmark" (always kept, errors reported as failures later) and discovered files.
Discovery discover(const core::Config& config);

// Return the CMake build trees (folders with a CMakeCache.txt) in `root` and one level below,
// relative to `root` and sorted.
std::vector<std::string> find_build_trees(const std::filesystem::path& root);

// Keep the benchmarks whose id (`prefix/name`) matches the ECMAScript regex `pattern`; drop
// programs left with none. Throws Error(usage) for an invalid pattern.
void filter_programs(std::vector<BenchmarkProgram>& programs, const std::string& pattern);

} // namespace perfgate::runners
