#pragma once

#include <core/results.hpp>

#include <filesystem>
#include <string_view>
#include <vector>

namespace perfgate::runners {

// Read the latest measurement of every benchmark in criterion's output folder (`target/criterion`,
// or a cargo `target` folder): from each `new/` folder, benchmark.json gives the id (`full_id`,
// such as `group/function/value`) and the throughput, sample.json the samples. Metric `time` is the
// time per iteration, times[i] / iters[i] in ns; a throughput adds `bytes_per_second` (B/s) or
// `elements_per_second` (1/s), higher is better. Ids are `prefix/full_id` when `prefix` is not
// empty; results are sorted by id. A folder without benchmarks, a missing or malformed file, a
// duplicate id, or a time or iteration count that is not a positive number throws Error(usage)
// naming the file and the JSON path.
std::vector<core::BenchmarkResult> import_criterion(const std::filesystem::path& directory,
                                                    std::string_view prefix = {});

} // namespace perfgate::runners
