#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace perfgate::util {

// True for the bytes that continue a UTF-8 sequence (10xxxxxx).
constexpr bool is_utf8_continuation(char byte)
{
    return (static_cast<unsigned char>(byte) & 0xC0U) == 0x80U;
}

// Return the number of code points in `text` (UTF-8), counting lead bytes.
std::size_t code_points(std::string_view text);

// Return the longest prefix of `text` of at most `limit` bytes that does not split a UTF-8
// sequence.
std::string_view cut_bytes(std::string_view text, std::size_t limit);

// Return `text` cut to its first `limit` code points followed by "…" when it is longer.
std::string shorten(std::string_view text, std::size_t limit);

} // namespace perfgate::util
