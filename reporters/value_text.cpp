#include <reporters/value_text.hpp>

#include <fmt/format.h>

#include <cmath>

namespace perfgate::reporters {

std::optional<core::TimeUnit>
display_unit(double value, std::string_view unit, std::optional<core::TimeUnit> chosen)
{
    const auto seconds = core::seconds_per(unit);
    if (!seconds) {
        return std::nullopt;
    }
    return chosen ? chosen : core::time_unit_for(value * *seconds);
}

std::string format_in(double value, std::string_view unit, std::optional<core::TimeUnit> time_unit)
{
    if (const auto seconds = core::seconds_per(unit)) {
        const double in_seconds = value * *seconds;
        // Note: one decimal in a unit fixed per row, as hyperfine prints, so a row's numbers
        // line up and min/max don't round to the same value.
        const auto shown = time_unit.value_or(core::time_unit_for(in_seconds));
        return fmt::format("{:.1f} {}", in_seconds * shown.factor, shown.suffix);
    }
    if (unit == "B") {
        return core::format_bytes(value);
    }
    return unit.empty() ? fmt::format("{:.4g}", value) : fmt::format("{:.4g} {}", value, unit);
}

std::string
format_value(double value, std::string_view unit, std::optional<core::TimeUnit> time_unit)
{
    return format_in(value, unit, display_unit(value, unit, time_unit));
}

std::string format_change(double change)
{
    const double percent = change * 100.0;
    if (std::abs(percent) < 0.05) {
        return "0.0%";
    }
    return percent < 0 ? fmt::format("−{:.1f}%", -percent) : fmt::format("+{:.1f}%", percent);
}

} // namespace perfgate::reporters
