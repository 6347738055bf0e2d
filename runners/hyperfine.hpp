#pragma once

#include <core/results.hpp>

#include <nlohmann/json.hpp>

#include <string_view>

namespace perfgate::runners {

// True when `json` looks like hyperfine's `--export-json` output: a "results" array, no schema.
bool is_hyperfine_json(const nlohmann::json& json);

// Turn hyperfine's `--export-json` document into results: one per entry of "results", its
// "command" the id, "times" the wall samples (s), "memory_usage_byte" peak RSS, "exit_codes"
// (null, a run killed by a signal, is -1) and "parameters". A wrong type, a negative or absurd
// time, an empty or repeated command throws Error(usage) naming `origin` and the field.
core::ResultsDocument import_hyperfine(const nlohmann::json& json, std::string_view origin);

} // namespace perfgate::runners
