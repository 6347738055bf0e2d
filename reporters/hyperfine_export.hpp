#pragma once

#include <core/results.hpp>
#include <core/units.hpp>

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace perfgate::reporters {

// Return the command benchmarks of `results` in hyperfine's `--export-json` schema, so tools
// that read hyperfine's files keep working (times in seconds).
nlohmann::ordered_json to_hyperfine_json(const std::vector<core::BenchmarkResult>& results);

// Return a Markdown table like hyperfine's `--export-markdown`: mean ± σ, min, max, relative.
std::string to_hyperfine_markdown(const std::vector<core::BenchmarkResult>& results,
                                  std::optional<core::TimeUnit> unit);

} // namespace perfgate::reporters
