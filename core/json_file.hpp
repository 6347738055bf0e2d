#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string_view>

namespace perfgate::core {

// Parse `text` as JSON; malformed JSON throws Error(usage)
// "ORIGIN:LINE:COLUMN: malformed JSON: <reason>", empty text "ORIGIN: empty file, expected JSON".
nlohmann::json parse_json(std::string_view text, std::string_view origin);
nlohmann::ordered_json parse_ordered_json(std::string_view text, std::string_view origin);

// Read and parse a JSON file, with the errors of parse_json (and of util::read_file).
nlohmann::json read_json_file(const std::filesystem::path& path);
nlohmann::ordered_json read_ordered_json_file(const std::filesystem::path& path);

// Return the 1-based line and column (in characters, not bytes) of byte `offset` in `text`.
std::pair<std::size_t, std::size_t> line_and_column(std::string_view text, std::size_t offset);

} // namespace perfgate::core
