#include <core/json_file.hpp>
#include <util/error.hpp>
#include <util/file.hpp>
#include <util/utf8.hpp>

#include <algorithm>

namespace perfgate::core {
namespace {

// Return nlohmann's message without its "[json.exception...] parse error at ...: syntax error
// while parsing X - " preamble, which repeats what our own message says.
std::string_view short_reason(std::string_view message)
{
    if (const auto dash = message.find(" - "); dash != std::string_view::npos) {
        return message.substr(dash + 3);
    }
    if (const auto bracket = message.find("] "); bracket != std::string_view::npos) {
        message.remove_prefix(bracket + 2);
    }
    return message;
}

template <typename Json> Json parse(std::string_view text, std::string_view origin)
{
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        fail(ExitCode::usage, "{}: empty file, expected JSON", origin);
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
             short_reason(error.what()));
    } catch (const nlohmann::json::exception& error) {
        fail(ExitCode::usage, "{}: malformed JSON: {}", origin, short_reason(error.what()));
    }
}

} // namespace

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
