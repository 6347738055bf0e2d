#pragma once

#include <core/results.hpp>

#include <string>
#include <vector>

namespace perfgate::core {

// Merge results (README, "Sharding"): benchmarks of shards are joined; a benchmark present in
// several documents (repeated runs) gets their samples concatenated, metric by metric. The first
// document's environment and creation time are kept. Launch indices (`Metric::launches`) of a
// later document are renumbered after those of earlier ones, so that launches stay distinct.
// Throws Error(usage) naming both `origins` for two documents of the same run (same creation
// time and samples: a file given twice), and naming the benchmark and metric too for a metric
// whose unit or direction differs between documents.
ResultsDocument merge_results(const std::vector<ResultsDocument>& documents,
                              const std::vector<std::string>& origins);

} // namespace perfgate::core
