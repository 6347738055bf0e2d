#include <util/sanitize.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <utility>

namespace perfgate::util {
namespace {

// One UTF-8 sequence: its code point and length; `valid` false for a byte that starts none.
struct Decoded
{
    char32_t code = 0;
    std::size_t length = 1;
    bool valid = false;
};

Decoded decode(std::string_view text, std::size_t at)
{
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[at + i]); };
    const unsigned char lead = byte(0);
    if (lead < 0x80) {
        return {lead, 1, true};
    }
    std::size_t length = 0;
    char32_t code = 0;
    char32_t smallest = 0;
    if ((lead & 0xE0U) == 0xC0U) {
        length = 2;
        code = lead & 0x1FU;
        smallest = 0x80;
    } else if ((lead & 0xF0U) == 0xE0U) {
        length = 3;
        code = lead & 0x0FU;
        smallest = 0x800;
    } else if ((lead & 0xF8U) == 0xF0U) {
        length = 4;
        code = lead & 0x07U;
        smallest = 0x10000;
    } else {
        return {};
    }
    if (at + length > text.size()) {
        return {};
    }
    for (std::size_t i = 1; i < length; ++i) {
        if ((byte(i) & 0xC0U) != 0x80U) {
            return {};
        }
        code = (code << 6U) | (byte(i) & 0x3FU);
    }
    // Overlong forms, surrogates and code points past U+10FFFF are not UTF-8.
    if (code < smallest || (code >= 0xD800 && code <= 0xDFFF) || code > 0x10FFFF) {
        return {};
    }
    return {code, length, true};
}

// Code point ranges that must not reach a terminal or log raw: controls (C0, DEL, C1), the line
// and paragraph separators, and Unicode's default-ignorable code points (invisible: bidi
// overrides, zero-width characters, fillers), which a culture-aware string match skips, so
// that ":\u00ad:" could still read as "::".
constexpr std::array<std::pair<char32_t, char32_t>, 19> k_escaped{{
    {0x00, 0x1F},     {0x7F, 0x9F},       {0xAD, 0xAD},       {0x034F, 0x034F},   {0x061C, 0x061C},
    {0x115F, 0x1160}, {0x17B4, 0x17B5},   {0x180B, 0x180F},   {0x200B, 0x200F},   {0x2028, 0x202E},
    {0x2060, 0x206F}, {0x3164, 0x3164},   {0xFE00, 0xFE0F},   {0xFEFF, 0xFEFF},   {0xFFA0, 0xFFA0},
    {0xFFF0, 0xFFF8}, {0x1BCA0, 0x1BCA3}, {0x1D173, 0x1D17A}, {0xE0000, 0xE0FFF},
}};

bool must_escape(char32_t code)
{
    return std::any_of(k_escaped.begin(), k_escaped.end(), [&](const auto& range) {
        return code >= range.first && code <= range.second;
    });
}

// True for the white space that the Actions runner trims before looking for `::` (.NET's
// white space, less what `must_escape` already turned into visible escapes).
bool is_blank(char32_t code)
{
    return code == ' ' || code == 0xA0 || code == 0x1680 || (code >= 0x2000 && code <= 0x200A) ||
           code == 0x202F || code == 0x205F || code == 0x3000;
}

// Append the escaped form of `line` (no '\n' of its own meaning) to `out`.
void escape_into(std::string& out, std::string_view line)
{
    for (std::size_t i = 0; i < line.size();) {
        const auto decoded = decode(line, i);
        if (!decoded.valid || decoded.code < 0x80) {
            const auto byte = static_cast<unsigned char>(line[i]);
            if (!decoded.valid || must_escape(byte)) {
                out += fmt::format("\\x{:02x}", byte);
            } else {
                out += line[i];
            }
            ++i;
            continue;
        }
        if (must_escape(decoded.code)) {
            const auto code = static_cast<std::uint32_t>(decoded.code);
            out += code > 0xFFFF ? fmt::format("\\U{:08x}", code) : fmt::format("\\u{:04x}", code);
        } else {
            out.append(line.substr(i, decoded.length));
        }
        i += decoded.length;
    }
}

// Make the escaped line `line` unable to start a workflow command.
std::string neutralise_commands(std::string line)
{
    std::size_t at = 0;
    while (at < line.size()) {
        const auto decoded = decode(line, at);
        if (!decoded.valid || !is_blank(decoded.code)) {
            break;
        }
        at += decoded.length;
    }
    if (line.compare(at, 2, "::") == 0) {
        line.replace(at, 1, "\\x3a");
    }
    for (auto found = line.find("##["); found != std::string::npos;
         found = line.find("##[", found)) {
        line.replace(found + 2, 1, "\\x5b");
    }
    return line;
}

// True when `line` is already safe: printable ASCII with no command form in it.
bool plain(std::string_view line)
{
    const bool printable = std::all_of(line.begin(), line.end(), [](char c) {
        return static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7F;
    });
    const auto first = line.find_first_not_of(' ');
    return printable && line.find("##[") == std::string_view::npos &&
           (first == std::string_view::npos || line.compare(first, 2, "::") != 0);
}

void sanitize_into(std::string& out, std::string_view line)
{
    if (plain(line)) {
        out.append(line);
        return;
    }
    std::string escaped;
    escaped.reserve(line.size());
    escape_into(escaped, line);
    out += neutralise_commands(std::move(escaped));
}

} // namespace

std::string sanitize(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    sanitize_into(out, text);
    return out;
}

std::string sanitize_lines(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (std::size_t start = 0;;) {
        const auto newline = text.find('\n', start);
        auto line =
            text.substr(start, newline == std::string_view::npos ? newline : newline - start);
        if (newline != std::string_view::npos && line.ends_with('\r')) {
            line.remove_suffix(1);
        }
        sanitize_into(out, line);
        if (newline == std::string_view::npos) {
            return out;
        }
        out += '\n';
        start = newline + 1;
    }
}

} // namespace perfgate::util
