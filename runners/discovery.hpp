#pragma once

#include <core/config.hpp>

#include <filesystem>
#include <map>
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
    // A name listed more than once is "NAME#2", "NAME#3", ... from its second listing on; this
    // maps those back to the name the library knows.
    std::map<std::string, std::string> duplicates = {};
    bool min_time_with_unit = false; // the library takes "--benchmark_min_time=0.1s" (1.8+)

    // Return the name the library knows `benchmark` (one of `benchmarks`) by.
    const std::string& run_name(const std::string& benchmark) const;
};

// Rename the names listed more than once in `program.benchmarks` to "NAME#2", ... (in listing
// order, which is the library's registration order) and return a warning for each, or none.
std::vector<std::string> number_duplicates(BenchmarkProgram& program);

// A file that looked like a candidate but is not run, and why.
struct SkippedFile
{
    std::filesystem::path path;
    std::string reason;
};

// A Google Benchmark program that did not list its benchmarks (it crashed, hung or failed).
struct UnlistedProgram
{
    std::filesystem::path executable;
    std::string prefix;     // the prefix its ids would have
    std::string reason;     // "probe failed: ...", "probe timed out after ..."
    std::string configured; // "perfgate.toml:7: benchmark 'x'"; empty when only discovered
};

// What discovery found.
struct Discovery
{
    std::vector<BenchmarkProgram> programs;
    std::vector<SkippedFile> skipped;
    std::vector<UnlistedProgram> unlisted;
    std::vector<std::string> warnings; // names listed twice
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
    std::vector<std::string> ignored;    // lines it prints also when it lists no benchmark
    bool min_time_with_unit = false;     // the library takes "--benchmark_min_time=0.1s"
};

// Run `executable --benchmark_list_tests=true` (after `extra_args`) in its own process group
// with a timeout, output captured, and read the listing: the JSON listing of newer libraries,
// or plain lines checked against a second listing that selects no benchmark (what the program
// prints then is its own, not names). Also learn whether the library takes a time with its
// unit. A program that takes perfgate's flag as the name of what to benchmark is not usable.
ProbeResult probe(const std::filesystem::path& executable,
                  const std::vector<std::string>& extra_args,
                  double timeout_seconds);

// Find and probe the Google Benchmark programs of `config`: `[[benchmark]]` entries of kind
// "google-benchmark" and discovered files. Those whose probe fails are `unlisted`, never dropped.
Discovery discover(const core::Config& config);

// What the programs that could not be listed mean for a run.
struct ListingProblems
{
    std::vector<std::string> errors;   // the run is broken (exit 3): each names its program
    std::vector<std::string> warnings; // a new program that failed to list, or one not wanted
};

// Judge `unlisted`: a program configured explicitly, or whose prefix starts one of `known_ids`
// (the baseline's), is an error; a program only discovered is a warning, and so is any that the
// regex `filter` (when not empty) excludes entirely: it neither names nor matches the program's
// name, nor matches any of its known ids.
ListingProblems judge_unlisted(const std::vector<UnlistedProgram>& unlisted,
                               const std::string& filter,
                               const std::vector<std::string>& known_ids);

// Return the CMake build trees (folders with a CMakeCache.txt) in `root` and one level below,
// relative to `root` and sorted.
std::vector<std::string> find_build_trees(const std::filesystem::path& root);

// Keep the benchmarks whose id (`prefix/name`) matches the ECMAScript regex `pattern`; drop
// programs left with none. Throws Error(usage) for an invalid pattern.
void filter_programs(std::vector<BenchmarkProgram>& programs, const std::string& pattern);

} // namespace perfgate::runners
