#pragma once

#include <core/results.hpp>

#include <filesystem>

namespace perfgate::runners {

// Read a results file of any format perfgate understands, detected from its content:
// perfgate-results/1, Google Benchmark JSON (`--benchmark_out`) or hyperfine `--export-json`.
// Malformed files throw Error(usage) naming the file and the position.
core::ResultsDocument load_any_results(const std::filesystem::path& path);

} // namespace perfgate::runners
