#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace perfgate::core {

// Parse a duration such as "3s", "200ms", "1.5us", "10ns", "5m", "1h" into seconds.
// Throws Error(usage): "invalid duration 'x': expected a number followed by ns, us, ms, s, m or h".
double parse_duration(std::string_view text);

// Parse a percentage such as "15%" or "2.5%" into a fraction (0.15, 0.025).
// Throws Error(usage) for anything else, negative values included.
double parse_percent(std::string_view text);

// Return how many seconds one `unit` is ("s", "ms", "us", "ns"), or nullopt when `unit` is not
// a time.
std::optional<double> seconds_per(std::string_view unit);

// A display unit for times: seconds are multiplied by `factor` and followed by `suffix`.
struct TimeUnit
{
    double factor;
    std::string_view suffix; // "ns", "µs", "ms", "s"
};

// Return the unit that shows `seconds` with 1 to 3 digits before the point (at least ns, at most
// s).
TimeUnit time_unit_for(double seconds);

// Return the unit named by hyperfine's `--time-unit` ("microsecond", "millisecond", "second").
// Throws Error(usage) for other names.
TimeUnit time_unit_named(std::string_view name);

// Format `seconds` in `unit` with 3 significant digits where possible ("812 µs", "1.23 ms").
std::string format_time(double seconds, TimeUnit unit);

// Format `seconds` in the unit chosen by time_unit_for.
std::string format_time(double seconds);

// Format a byte count with binary prefixes ("512 B", "1.5 KiB", "12.0 MiB").
std::string format_bytes(double bytes);

} // namespace perfgate::core
