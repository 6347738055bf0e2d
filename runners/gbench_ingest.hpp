#pragma once

#include <core/results.hpp>

#include <nlohmann/json.hpp>

#include <string_view>
#include <vector>

namespace perfgate::runners {

// Turn Google Benchmark output into results: repetitions grouped by `run_name` (the program's
// own aggregates ignored), ids `<prefix>/<run_name>`, times in ns, every counter a metric.
std::vector<core::BenchmarkResult> ingest_google_benchmark(const nlohmann::json& json,
                                                           std::string_view prefix,
                                                           std::string_view executable);

} // namespace perfgate::runners
