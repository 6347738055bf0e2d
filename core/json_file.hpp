#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string_view>

namespace perfgate::core {

// The deepest nesting of arrays and objects that the readers accept. perfgate's own formats
// nest 6 levels; deeper input is refused before it is parsed, because copying and writing JSON
// recurse once per level and a hostile file would overflow the stack.
inline constexpr std::size_t k_max_json_depth = 256;

// Return the offset of the first `[` or `{` of `text` that opens a level deeper than
// k_max_json_depth (strings skipped), or nullopt when there is none.
std::optional<std::size_t> find_excess_nesting(std::string_view text);

// Return nlohmann's exception message without its "[json.exception...] parse error at ...:
// syntax error while parsing X - " preamble, which repeats what our own message says.
std::string_view json_error_reason(std::string_view message);

// Parse `text` as JSON; malformed JSON throws Error(usage)
// "ORIGIN:LINE:COLUMN: malformed JSON: <reason>", empty text "ORIGIN: empty file, expected JSON",
// nesting deeper than k_max_json_depth "ORIGIN:LINE:COLUMN: malformed JSON: nested deeper...".
nlohmann::json parse_json(std::string_view text, std::string_view origin);
nlohmann::ordered_json parse_ordered_json(std::string_view text, std::string_view origin);

// Read and parse a JSON file, with the errors of parse_json (and of util::read_file).
nlohmann::json read_json_file(const std::filesystem::path& path);
nlohmann::ordered_json read_ordered_json_file(const std::filesystem::path& path);

// Return the 1-based line and column (in characters, not bytes) of byte `offset` in `text`.
std::pair<std::size_t, std::size_t> line_and_column(std::string_view text, std::size_t offset);

} // namespace perfgate::core
