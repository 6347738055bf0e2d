#pragma once

#include <core/units.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace perfgate::reporters {

// Return the display unit for `value` of a metric in `unit`: `chosen` (`--time-unit`) or the
// one that suits `value` for times, nullopt for other units. Fixed per table row, so that the
// row's numbers compare.
std::optional<core::TimeUnit>
display_unit(double value, std::string_view unit, std::optional<core::TimeUnit> chosen);

// Return `value` of a metric in `unit` shown in `time_unit`: times with one decimal, bytes with
// binary prefixes, other values with four significant digits and their unit.
std::string format_in(double value, std::string_view unit, std::optional<core::TimeUnit> time_unit);

// Return `value` of a metric in `unit` for people, in the display unit that suits it.
std::string
format_value(double value, std::string_view unit, std::optional<core::TimeUnit> time_unit);

// Return a relative change as "+12.3%" (with a true minus sign for negative values).
std::string format_change(double change);

} // namespace perfgate::reporters
