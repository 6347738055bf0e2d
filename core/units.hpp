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

// Parse a duration given on the command line: what the configuration accepts, a duration
// string ("3s") or a plain number of seconds ("3", "0.5"). Throws parse_duration's Error(usage)
// ("... expected a number of seconds or a number followed by ...").
double parse_duration_argument(std::string_view text);

// Return `seconds` when it is zero or within [k_min_duration, k_max_duration]; otherwise throw
// parse_duration's Error(usage), quoting `text` (how the value was written).
double check_duration(double seconds, std::string_view text);

// Parse a percentage such as "15%" or "2.5%" into a fraction (0.15, 0.025): 0% or from
// 0.0001% to 10000%. Throws Error(usage) for anything else, negative values included.
double parse_percent(std::string_view text);

// Parse a signed percentage such as "-30%" or "15%" into a fraction (-0.30, 0.15): a negative
// threshold is a required improvement. Throws Error(usage) for anything else.
double parse_signed_percent(std::string_view text);

// Parse a plain finite number such as "3", "-2.5", "+1" or "1e3", as the whole of `text` (spaces
// around it allowed). Throws Error(usage) "invalid <what> 'x': expected a number" for anything
// else, "inf", "nan" and "3s" included.
double parse_number(std::string_view text, std::string_view what);

// What a value written with a unit measures.
enum class QuantityKind {
    number,    // no unit: in the unit of the metric it applies to
    time,      // ns, us, µs, ms, s, m, h
    bytes,     // B; kB (or KB), MB, GB, TB: powers of 1000; KiB, MiB, GiB, TiB: powers of 1024
    byte_rate, // a size per second: "100MB/s"
    rate,      // events per second, minute or hour: "50/s", "600/min", "1000/h"
    percent    // "5%"
};

// A value as written in perfgate.toml, in its kind's base unit: seconds, bytes, bytes per
// second, events per second, a fraction (5% is 0.05), or the plain number.
struct Quantity
{
    double value = 0;
    QuantityKind kind = QuantityKind::number;
    std::string text; // as written, for messages
};

// Parse a non-negative value with an optional unit: "100ms", "2s", "500MB", "512MiB", "50/s",
// "5%", "0.25". Throws Error(usage) "invalid value 'x': ..." naming the units it accepts.
Quantity parse_quantity(std::string_view text);

// Return `quantity` in the unit `unit` of a metric, or nullopt when it cannot apply: a time
// applies to s, ms, us and ns; bytes to B; a byte rate to B/s; a rate to 1/s; a percentage to %
// (5% is 5) and to a unitless ratio or count (5% is 0.05); a plain number to any unit, as is.
std::optional<double> in_unit(const Quantity& quantity, std::string_view unit);

// Return what a kind of value is, for messages: "a time", "a size in bytes", ….
std::string_view describe(QuantityKind kind);

// Return what a metric's `unit` measures, for messages: "a time (ns)", "a size (B)", "a plain
// number", ….
std::string describe_unit(std::string_view unit);

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
