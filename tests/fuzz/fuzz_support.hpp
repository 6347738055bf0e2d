#pragma once

#include <util/error.hpp>

#include <cstddef>
#include <cstdint>
#include <string>

namespace perfgate::fuzz {

// Run `read` on libFuzzer's input as text. Reading may succeed or throw perfgate::Error (the
// input is rejected, exit 2); any other exception escapes, and libFuzzer reports it as a crash,
// as it does every sanitizer report.
template <typename Read> int read_text(const std::uint8_t* data, std::size_t size, Read read)
{
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        read(text);
    } catch (const Error&) {
    }
    return 0;
}

} // namespace perfgate::fuzz
