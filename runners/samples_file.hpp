#pragma once

#include <core/results.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace perfgate::runners {

inline constexpr std::string_view k_samples_schema = "perfgate-samples/1";

// True when `json` claims to be a perfgate-samples document (any version), so that a wrong
// version is refused by import_samples rather than taken for another format.
bool is_samples_json(const nlohmann::json& json);

// Read a perfgate-samples/1 document (docs/formats.md): one result per benchmark, its metrics
// in the file's order, times converted to seconds. Ids are the file's, or `prefix/id` when
// `prefix` is not empty. Anything that breaks the format (a missing field, a duplicate id or
// metric, an unknown unit or direction, no samples, a negative or non-finite sample) throws
// Error(usage) naming `origin` and the JSON path.
std::vector<core::BenchmarkResult>
import_samples(const nlohmann::json& json, const std::string& origin, std::string_view prefix = {});

} // namespace perfgate::runners
