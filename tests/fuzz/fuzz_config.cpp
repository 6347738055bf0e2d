// Fuzz the perfgate.toml reader.
#include <core/config.hpp>

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    return perfgate::fuzz::read_text(data, size, [](const std::string& text) {
        (void)perfgate::core::parse_config(text, "fuzz.toml");
    });
}
