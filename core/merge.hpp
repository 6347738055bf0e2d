#pragma once

#include <core/results.hpp>

#include <string>
#include <vector>

namespace perfgate::core {

// Merge results (README, "Sharding"): benchmarks of shards are joined; a benchmark present in several
// documents (repeated runs) gets their samples concatenated, metric by metric. The first
// document's environment and creation time are kept. A metric whose unit or direction differs
// between documents throws Error(usage) naming the benchmark, the metric and both `origins`.
ResultsDocument merge_results(const std::vector<ResultsDocument>& documents,
                              const std::vector<std::string>& origins);

} // namespace perfgate::core
