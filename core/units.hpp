#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace perfgate::core {

// The durations perfgate accepts besides zero: from 1 ns, the finest unit it reads, to 7 days.
// Shorter ones cannot be measured; longer ones are typos, and would overflow the nanosecond
// clocks they end up in.
inline constexpr double k_min_duration = 1e-9;
inline constexpr double k_max_duration = 7 * 24 * 3600.0;

// The percentages perfgate accepts besides 0%: from 0.0001% to 10000% (as fractions).
inline constexpr double k_min_percent = 1e-6;
inline constexpr double k_max_percent = 100.0;

// Parse a duration such as "3s", "200ms", "1.5us", "10ns", "5m", "1h" into seconds: zero ("0",
// "0s") or from k_min_duration to k_max_duration. Throws Error(usage) for anything else:
// "invalid duration 'x': expected a number followed by ns, us, ms, s, m or h", or "... out of
// range ..." for "1e300s" or "1e-300s".
double parse_duration(std::string_view text);

// Return `seconds` when it is zero or within [k_min_duration, k_max_duration]; otherwise throw
// parse_duration's Error(usage), quoting `text` (how the value was written).
double check_duration(double seconds, std::string_view text);

// Parse a percentage such as "15%" or "2.5%" into a fraction (0.15, 0.025): 0% or from
// 0.0001% to 10000%. Throws Error(usage) for anything else, negative values included.
double parse_percent(std::string_view text);

// The longest time a sample may hold, in seconds (about 31 years): a larger one is a corrupt
// file, and its sums would overflow.
inline constexpr double k_max_time_sample = 1e9;

// Return the seconds in one `unit` of time that results carry ("ns", "us", "µs", "ms", "s"), or
// nullopt when `unit` is not one of them (a counter's unit).
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
