// Fuzz the parsers of durations, percentages and time units that flags and perfgate.toml share,
// and the formatting of what they return.
#include <core/units.hpp>

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace perfgate::core;
    perfgate::fuzz::read_text(
        data, size, [](const std::string& text) { (void)format_time(parse_duration(text)); });
    perfgate::fuzz::read_text(
        data, size, [](const std::string& text) { (void)format_bytes(parse_percent(text)); });
    perfgate::fuzz::read_text(
        data, size, [](const std::string& text) { (void)format_time(1, time_unit_named(text)); });
    return 0;
}
