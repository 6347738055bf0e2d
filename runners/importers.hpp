#pragma once

#include <core/results.hpp>

#include <filesystem>

namespace perfgate::runners {

// Read a results file of any format perfgate understands, detected from its content:
// perfgate-results/1, perfgate-samples/1, Google Benchmark JSON (`--benchmark_out`), hyperfine
// `--export-json`, pytest-benchmark `--benchmark-json`; or a folder of criterion output
// (`target/criterion`), detected from its structure. Malformed input throws Error(usage)
// naming the file and the position.
core::ResultsDocument load_any_results(const std::filesystem::path& path);

// Give `current`'s ids the program prefix of `baseline`'s when both hold the Google Benchmark
// results of one program each, and the two name different programs: as compare.py does, two
// such files are compared benchmark by benchmark. Anything else is left as it is.
void match_programs(const core::ResultsDocument& baseline, core::ResultsDocument& current);

} // namespace perfgate::runners
