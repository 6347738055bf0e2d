#pragma once

#include <core/results.hpp>

#include <cstdint>
#include <vector>

namespace perfgate::runners {

// Add the results of launch number `launch` of a program to `merged`, the results of its
// earlier launches: samples append with their launch index, a benchmark new in this launch is
// added, and the first launch that did not end well sets a benchmark's status and message.
void add_launch(std::vector<core::BenchmarkResult>& merged,
                std::vector<core::BenchmarkResult> launch_results,
                std::uint32_t launch);

// Mark every sample of `results` as coming from one launch (launch 0): what one Google
// Benchmark, criterion or pytest-benchmark process measured are repetitions, not independent
// launches. Their importers call it; add_launch renumbers the launches of a run.
void mark_single_launch(std::vector<core::BenchmarkResult>& results);

} // namespace perfgate::runners
