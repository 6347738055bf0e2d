#pragma once

#include <core/json_reader.hpp>
#include <core/results.hpp>

#include <nlohmann/json.hpp>

namespace perfgate::core {

// Read an environment / a summary object strictly (errors name the reader's origin and `path`).
template <typename Json>
Environment
environment_from_json(const JsonReader<Json>& read, const Json& json, const JsonPath& path);
template <typename Json>
Summary summary_from_json(const JsonReader<Json>& read, const Json& json, const JsonPath& path);

} // namespace perfgate::core
