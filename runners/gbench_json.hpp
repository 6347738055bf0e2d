#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace perfgate::runners {

// Parse Google Benchmark's JSON output, accepting its bare NaN/Infinity tokens. A file cut off
// inside the benchmark list is repaired up to the last complete entry when `allow_truncated`.
// Throws Error(usage) naming `origin` and the position otherwise.
nlohmann::json parse_google_benchmark_json(const std::string& text,
                                           std::string_view origin,
                                           bool allow_truncated = false);

// True when `json` looks like Google Benchmark output (a `context` and a `benchmarks` array).
bool is_google_benchmark_json(const nlohmann::json& json);

} // namespace perfgate::runners
