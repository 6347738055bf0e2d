#include <core/units.hpp>
#include <util/error.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <optional>
#include <utility>

namespace perfgate::core {

namespace {

constexpr TimeUnit k_nanoseconds{1e9, "ns"};
constexpr TimeUnit k_microseconds{1e6, "\u00b5s"};
constexpr TimeUnit k_milliseconds{1e3, "ms"};
constexpr TimeUnit k_seconds{1, "s"};

struct DurationSuffix
{
    std::string_view suffix;
    double seconds;
};

// Both the micro sign (U+00B5) and the Greek mu (U+03BC) are typed for "µs".
constexpr std::array k_duration_suffixes{
    DurationSuffix{"ns", 1e-9},
    DurationSuffix{"us", 1e-6},
    DurationSuffix{"\u00b5s", 1e-6},
    DurationSuffix{"\u03bcs", 1e-6},
    DurationSuffix{"ms", 1e-3},
    DurationSuffix{"s", 1},
    DurationSuffix{"m", 60},
    DurationSuffix{"h", 3600},
};

struct UnitSuffix
{
    std::string_view suffix;
    double factor; // base units per one of it
};

constexpr std::array k_byte_suffixes{
    UnitSuffix{"B", 1},
    UnitSuffix{"kB", 1e3},
    UnitSuffix{"KB", 1e3},
    UnitSuffix{"MB", 1e6},
    UnitSuffix{"GB", 1e9},
    UnitSuffix{"TB", 1e12},
    UnitSuffix{"KiB", 1024.0},
    UnitSuffix{"MiB", 1024.0 * 1024},
    UnitSuffix{"GiB", 1024.0 * 1024 * 1024},
    UnitSuffix{"TiB", 1024.0 * 1024 * 1024 * 1024},
};

constexpr std::array k_rate_suffixes{
    UnitSuffix{"/s", 1},
    UnitSuffix{"/min", 1.0 / 60},
    UnitSuffix{"/h", 1.0 / 3600},
};

constexpr std::string_view k_quantity_units =
    "a time (ns, us, ms, s, m, h), a size (B, kB, MB, GB, TB, KiB, MiB, GiB, TiB), a rate "
    "(/s, /min, /h), a size per second (MB/s, GiB/s, ...) or a percentage (%)";

// Return the kind and factor of a unit written after a number, if it is one.
std::optional<std::pair<QuantityKind, double>> quantity_unit(std::string_view suffix)
{
    if (suffix.empty()) {
        return std::pair{QuantityKind::number, 1.0};
    }
    if (suffix == "%") {
        return std::pair{QuantityKind::percent, 0.01};
    }
    for (const auto& candidate : k_duration_suffixes) {
        if (suffix == candidate.suffix) {
            return std::pair{QuantityKind::time, candidate.seconds};
        }
    }
    for (const auto& candidate : k_rate_suffixes) {
        if (suffix == candidate.suffix) {
            return std::pair{QuantityKind::rate, candidate.factor};
        }
    }
    const bool per_second = suffix.ends_with("/s");
    const auto size = per_second ? suffix.substr(0, suffix.size() - 2) : suffix;
    for (const auto& candidate : k_byte_suffixes) {
        if (size == candidate.suffix) {
            return std::pair{per_second ? QuantityKind::byte_rate : QuantityKind::bytes,
                             candidate.factor};
        }
    }
    return std::nullopt;
}

std::string_view trim(std::string_view text)
{
    constexpr std::string_view k_space = " \t\n\r";
    const auto first = text.find_first_not_of(k_space);
    if (first == std::string_view::npos) {
        return {};
    }
    return text.substr(first, text.find_last_not_of(k_space) - first + 1);
}

// Split `text` into a finite, non-negative leading number and the trimmed rest.
std::optional<std::pair<double, std::string_view>> split_number(std::string_view text)
{
    text = trim(text);
    // Note: from_chars accepts "-", "inf" and "nan", none of which is a valid quantity here.
    if (text.empty() ||
        !(std::isdigit(static_cast<unsigned char>(text.front())) || text.front() == '.')) {
        return std::nullopt;
    }
    double value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || !std::isfinite(value)) {
        return std::nullopt;
    }
    return std::pair{value, trim(text.substr(static_cast<std::size_t>(end - text.data())))};
}

// True when `value` lies in [low, high], allowing for the rounding of a unit conversion, so that
// "0.001us" is as valid as "1ns".
bool within(double value, double low, double high)
{
    constexpr double k_slack = 1e-9;
    return value >= low * (1 - k_slack) && value <= high * (1 + k_slack);
}

// Return the number of decimals that shows `value` with 3 significant digits.
int decimals_for(double value)
{
    constexpr int k_max_decimals = 12;
    const double magnitude = std::fabs(value);
    if (magnitude == 0 || !std::isfinite(magnitude)) {
        return 2;
    }
    int exponent = static_cast<int>(std::floor(std::log10(magnitude)));
    int decimals = std::clamp(2 - exponent, 0, k_max_decimals);
    // Rounding can carry into the next digit (9.996 -> "10.00"): one decimal fewer then.
    const double scale = std::pow(10.0, decimals);
    if (std::round(magnitude * scale) / scale >= std::pow(10.0, exponent + 1)) {
        decimals = std::clamp(decimals - 1, 0, k_max_decimals);
    }
    return decimals;
}

} // namespace

std::optional<double> seconds_per(std::string_view unit)
{
    if (unit == "s") {
        return 1.0;
    }
    if (unit == "ms") {
        return 1e-3;
    }
    if (unit == "us" || unit == "µs") {
        return 1e-6;
    }
    if (unit == "ns") {
        return 1e-9;
    }
    return std::nullopt;
}

double parse_duration(std::string_view text)
{
    if (const auto number = split_number(text)) {
        const auto [value, suffix] = *number;
        for (const auto& candidate : k_duration_suffixes) {
            if (suffix == candidate.suffix) {
                return check_duration(value * candidate.seconds, text);
            }
        }
        if (suffix.empty() && value == 0) {
            return 0;
        }
    }
    fail(ExitCode::usage,
         "invalid duration '{}': expected a number followed by ns, us, ms, s, m or h",
         text);
}

double parse_duration_argument(std::string_view text)
{
    const auto number = split_number(text);
    if (number && number->second.empty()) {
        return check_duration(number->first, text);
    }
    if (number && std::any_of(k_duration_suffixes.begin(),
                              k_duration_suffixes.end(),
                              [&](const auto& known) { return number->second == known.suffix; })) {
        return parse_duration(text);
    }
    fail(ExitCode::usage,
         "invalid duration '{}': expected a number of seconds or a number followed by ns, us, "
         "ms, s, m or h",
         text);
}

double check_duration(double seconds, std::string_view text)
{
    if (seconds == 0 || within(seconds, k_min_duration, k_max_duration)) {
        return seconds;
    }
    fail(ExitCode::usage,
         "invalid duration '{}': out of range, expected 0 or from 1ns to 168h (7 days)",
         text);
}

namespace {

// Whether a percentage may be negative.
enum class Sign { non_negative, either };

double percent_of(std::string_view text, Sign sign)
{
    const auto trimmed = trim(text);
    const bool negative = sign == Sign::either && trimmed.starts_with('-');
    const auto number = split_number(negative ? trimmed.substr(1) : trimmed);
    const bool either_sign = sign == Sign::either;
    if (number && number->second == "%") {
        const double fraction = number->first / 100;
        if (fraction == 0 || within(fraction, k_min_percent, k_max_percent)) {
            return negative ? -fraction : fraction;
        }
        fail(ExitCode::usage,
             "invalid percentage '{}': out of range, expected 0% or from 0.0001% to 10000%{}",
             text,
             either_sign ? ", either sign" : "");
    }
    fail(ExitCode::usage,
         "invalid percentage '{}': expected {}",
         text,
         either_sign ? "a number followed by %, such as '15%' or '-30%'"
                     : "a non-negative number followed by %, such as '15%'");
}

} // namespace

double parse_percent(std::string_view text)
{
    return percent_of(text, Sign::non_negative);
}

double parse_signed_percent(std::string_view text)
{
    return percent_of(text, Sign::either);
}

double parse_number(std::string_view text, std::string_view what)
{
    const auto trimmed = trim(text);
    const bool negative = trimmed.starts_with('-');
    const bool signed_text = negative || trimmed.starts_with('+');
    const auto number = split_number(signed_text ? trimmed.substr(1) : trimmed);
    if (!number || !number->second.empty()) {
        fail(ExitCode::usage, "invalid {} '{}': expected a number", what, text);
    }
    return negative ? -number->first : number->first;
}

Quantity parse_quantity(std::string_view text)
{
    const auto number = split_number(text);
    if (!number) {
        fail(ExitCode::usage,
             "invalid value '{}': expected a non-negative number with an optional unit: {}",
             text,
             k_quantity_units);
    }
    const auto unit = quantity_unit(number->second);
    if (!unit) {
        fail(ExitCode::usage,
             "invalid value '{}': unknown unit '{}'; expected {}",
             text,
             number->second,
             k_quantity_units);
    }
    return Quantity{number->first * unit->second, unit->first, std::string(trim(text))};
}

std::optional<double> in_unit(const Quantity& quantity, std::string_view unit)
{
    switch (quantity.kind) {
    case QuantityKind::number:
        return quantity.value;
    case QuantityKind::time:
        if (const auto seconds = seconds_per(unit)) {
            return quantity.value / *seconds;
        }
        return std::nullopt;
    case QuantityKind::bytes:
        return unit == "B" ? std::optional(quantity.value) : std::nullopt;
    case QuantityKind::byte_rate:
        return unit == "B/s" ? std::optional(quantity.value) : std::nullopt;
    case QuantityKind::rate:
        return unit == "1/s" ? std::optional(quantity.value) : std::nullopt;
    case QuantityKind::percent:
        if (unit == "%") {
            return quantity.value * 100;
        }
        return unit.empty() ? std::optional(quantity.value) : std::nullopt;
    }
    return std::nullopt;
}

std::string_view describe(QuantityKind kind)
{
    switch (kind) {
    case QuantityKind::number:
        return "a plain number";
    case QuantityKind::time:
        return "a time";
    case QuantityKind::bytes:
        return "a size in bytes";
    case QuantityKind::byte_rate:
        return "a size per second";
    case QuantityKind::rate:
        return "a rate";
    case QuantityKind::percent:
        return "a percentage";
    }
    return "a plain number";
}

std::string describe_unit(std::string_view unit)
{
    if (seconds_per(unit)) {
        return fmt::format("a time ({})", unit);
    }
    if (unit == "B") {
        return "a size in bytes (B)";
    }
    if (unit == "B/s") {
        return "a size per second (B/s)";
    }
    if (unit == "1/s") {
        return "a rate (1/s)";
    }
    if (unit == "%") {
        return "a percentage (%)";
    }
    if (unit.empty()) {
        return "a plain number (a count or a ratio)";
    }
    return fmt::format("in '{}'", unit);
}

TimeUnit time_unit_for(double seconds)
{
    // Thresholds sit half a unit in the last shown digit below 1000 of the smaller unit, so that
    // 999.7 µs becomes "1.00 ms" rather than "1000 µs".
    const double magnitude = std::fabs(seconds);
    if (std::isnan(magnitude) || magnitude >= 0.9995) {
        return k_seconds;
    }
    if (magnitude >= 0.9995e-3) {
        return k_milliseconds;
    }
    if (magnitude >= 0.9995e-6) {
        return k_microseconds;
    }
    return k_nanoseconds;
}

TimeUnit time_unit_named(std::string_view name)
{
    if (name == "microsecond") {
        return k_microseconds;
    }
    if (name == "millisecond") {
        return k_milliseconds;
    }
    if (name == "second") {
        return k_seconds;
    }
    fail(ExitCode::usage,
         "unknown time unit '{}': expected microsecond, millisecond or second",
         name);
}

std::string format_time(double seconds, TimeUnit unit)
{
    const double value = seconds * unit.factor;
    return fmt::format("{:.{}f} {}", value, decimals_for(value), unit.suffix);
}

std::string format_time(double seconds)
{
    return format_time(seconds, time_unit_for(seconds));
}

std::string format_bytes(double bytes)
{
    constexpr std::array<std::string_view, 7> k_prefixes{
        "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB"};
    // Note: the thresholds are where rounding would show "1024", so the next prefix shows "1.0".
    if (!(std::fabs(bytes) >= 1023.5)) {
        return fmt::format("{:.0f} B", bytes);
    }
    double value = bytes / 1024;
    std::size_t prefix = 0;
    while (std::fabs(value) >= 1023.95 && prefix + 1 < k_prefixes.size()) {
        value /= 1024;
        ++prefix;
    }
    return fmt::format("{:.1f} {}", value, k_prefixes[prefix]);
}

} // namespace perfgate::core
