#include <core/json_file.hpp>
#include <util/error.hpp>
#include <util/file.hpp>
#include <util/utf8.hpp>

#include <algorithm>

namespace perfgate::core {
namespace {

template <typename Json> Json parse(std::string_view text, std::string_view origin)
{
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        fail(ExitCode::usage, "{}: empty file, expected JSON", origin);
    }
    if (const auto deep = find_excess_nesting(text)) {
        const auto [line, column] = line_and_column(text, *deep);
        fail(ExitCode::usage,
             "{}:{}:{}: malformed JSON: nested deeper than {} levels",
             origin,
             line,
             column,
             k_max_json_depth);
    }
    try {
        return Json::parse(text);
    } catch (const nlohmann::json::parse_error& error) {
        // `byte` is the 1-based position of the character the parser stopped at.
        const auto [line, column] = line_and_column(text, error.byte == 0 ? 0 : error.byte - 1);
        fail(ExitCode::usage,
             "{}:{}:{}: malformed JSON: {}",
             origin,
             line,
             column,
             json_error_reason(error.what()));
    } catch (const nlohmann::json::exception& error) {
        fail(ExitCode::usage, "{}: malformed JSON: {}", origin, json_error_reason(error.what()));
    }
}

} // namespace

std::optional<std::size_t> find_excess_nesting(std::string_view text)
{
    std::size_t depth = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\') {
                ++i;
            } else if (c == '"') {
                in_string = false;
            }
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > k_max_json_depth) {
                return i;
            }
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return std::nullopt;
}

std::string_view json_error_reason(std::string_view message)
{
    if (const auto dash = message.find(" - "); dash != std::string_view::npos) {
        return message.substr(dash + 3);
    }
    if (const auto bracket = message.find("] "); bracket != std::string_view::npos) {
        message.remove_prefix(bracket + 2);
    }
    return message;
}

std::pair<std::size_t, std::size_t> line_and_column(std::string_view text, std::size_t offset)
{
    offset = std::min(offset, text.size());
    const std::string_view before = text.substr(0, offset);
    const std::size_t line =
        1 + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
    const std::size_t line_start =
        before.rfind('\n') == std::string_view::npos ? 0 : before.rfind('\n') + 1;
    return {line, util::code_points(before.substr(line_start)) + 1};
}

nlohmann::json parse_json(std::string_view text, std::string_view origin)
{
    return parse<nlohmann::json>(text, origin);
}

nlohmann::ordered_json parse_ordered_json(std::string_view text, std::string_view origin)
{
    return parse<nlohmann::ordered_json>(text, origin);
}

nlohmann::json read_json_file(const std::filesystem::path& path)
{
    return parse_json(util::read_file(path), path.string());
}

nlohmann::ordered_json read_ordered_json_file(const std::filesystem::path& path)
{
    return parse_ordered_json(util::read_file(path), path.string());
}

} // namespace perfgate::core
