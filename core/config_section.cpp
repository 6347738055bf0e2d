#include <core/config_section.hpp>

#include <algorithm>
#include <array>
#include <climits>
#include <cmath>

namespace perfgate::core::config_reading {

std::string_view describe(const toml::node& node)
{
    // Indexed by toml::node_type.
    constexpr std::array<std::string_view, 10> k_names{"nothing",
                                                       "a table",
                                                       "an array",
                                                       "a string",
                                                       "an integer",
                                                       "a float",
                                                       "a boolean",
                                                       "a date",
                                                       "a time",
                                                       "a date-time"};
    return k_names.at(static_cast<std::size_t>(node.type()));
}

const toml::node* Section::find(std::string_view key) const
{
    if (!m_known.contains(key)) {
        m_known.emplace(key);
    }
    return m_table.get(key);
}

const toml::source_region& Section::where(std::string_view key) const
{
    const toml::node* node = key.empty() ? nullptr : find(key);
    return node != nullptr ? node->source() : m_table.source();
}

void Section::check_unknown() const
{
    for (const auto& [key, node] : m_table) {
        if (!m_known.contains(key.str())) {
            fail(key.source(), "unknown key '{}' in {}", key.str(), m_name);
        }
    }
}

std::string Section::quote(std::string_view key) const
{
    return fmt::format("'{}' in {}", key, m_name);
}

void Section::fail_type(std::string_view key, std::string_view expected) const
{
    fail(where(key), "{} must be {}, not {}", quote(key), expected, describe(*find(key)));
}

std::optional<std::string> Section::string(std::string_view key) const
{
    const toml::node* node = find(key);
    if (node == nullptr) {
        return std::nullopt;
    }
    if (!node->is_string()) {
        fail_type(key, "a string");
    }
    std::string value = node->as_string()->get();
    if (value.empty()) {
        fail(node->source(), "{} must not be empty", quote(key));
    }
    return value;
}

std::optional<std::string> Section::choice(std::string_view key,
                                           const std::vector<std::string_view>& choices) const
{
    std::optional<std::string> value = string(key);
    if (value && std::find(choices.begin(), choices.end(), *value) == choices.end()) {
        fail(where(key),
             "invalid value '{}' for {}: expected {}",
             *value,
             quote(key),
             choices_text(choices));
    }
    return value;
}

std::vector<std::string> Section::checked_choices(std::string_view key,
                                                  const std::vector<std::string_view>& known) const
{
    auto values = strings(key).value_or(std::vector<std::string>{});
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (std::find(known.begin(), known.end(), values[i]) == known.end()) {
            fail(find(key)->as_array()->get(i)->source(),
                 "invalid value '{}' in {}: expected {}",
                 values[i],
                 quote(key),
                 choices_text(known));
        }
    }
    return values;
}

std::optional<int> Section::integer(std::string_view key, int minimum) const
{
    const toml::node* node = find(key);
    if (node == nullptr) {
        return std::nullopt;
    }
    if (!node->is_integer()) {
        fail_type(key, "an integer");
    }
    std::int64_t value = node->as_integer()->get();
    if (value < minimum || value > INT_MAX) {
        fail(node->source(),
             "{} must be between {} and {}, not {}",
             quote(key),
             minimum,
             INT_MAX,
             value);
    }
    return static_cast<int>(value);
}

std::optional<double> Section::number(std::string_view key) const
{
    const toml::node* node = find(key);
    if (node == nullptr) {
        return std::nullopt;
    }
    if (const auto* integer = node->as_integer()) {
        return static_cast<double>(integer->get());
    }
    if (const auto* floating = node->as_floating_point()) {
        return floating->get();
    }
    fail_type(key, "a number");
}

std::optional<double> Section::duration(std::string_view key, Zero zero) const
{
    const toml::node* node = find(key);
    if (node == nullptr) {
        return std::nullopt;
    }
    double seconds = 0;
    if (const auto* text = node->as_string()) {
        seconds = rethrow_at(key, [&] { return parse_duration(text->get()); });
    } else if (node->is_number()) {
        seconds = *number(key);
        if (!std::isfinite(seconds) || seconds < 0) {
            fail(node->source(),
                 "invalid duration '{}' for {}: expected a non-negative number of seconds",
                 seconds,
                 quote(key));
        }
        rethrow_at(key, [&] { return check_duration(seconds, fmt::format("{}", seconds)); });
    } else {
        fail_type(key, "a duration such as \"3s\" or a number of seconds");
    }
    if (zero == Zero::rejected && seconds == 0) {
        fail(node->source(), "{} must be greater than zero", quote(key));
    }
    return seconds;
}

std::optional<double> Section::percent(std::string_view key) const
{
    const toml::node* node = find(key);
    if (node == nullptr) {
        return std::nullopt;
    }
    if (!node->is_string()) {
        fail_type(key, "a percentage such as \"15%\"");
    }
    return rethrow_at(key, [&] { return parse_percent(node->as_string()->get()); });
}

std::optional<double> Section::signed_percent(std::string_view key) const
{
    const toml::node* node = find(key);
    if (node == nullptr) {
        return std::nullopt;
    }
    if (!node->is_string()) {
        fail_type(key, "a percentage such as \"15%\" or \"-30%\"");
    }
    return rethrow_at(key, [&] { return parse_signed_percent(node->as_string()->get()); });
}

std::optional<Quantity> Section::quantity(std::string_view key) const
{
    const toml::node* node = find(key);
    if (node == nullptr) {
        return std::nullopt;
    }
    if (const auto* text = node->as_string()) {
        return rethrow_at(key, [&] { return parse_quantity(text->get()); });
    }
    if (!node->is_number()) {
        fail_type(key, "a value such as \"100ms\", \"500MB\", \"50/s\", \"5%\" or a number");
    }
    const double value = *number(key);
    if (!std::isfinite(value) || value < 0) {
        fail(node->source(),
             "invalid value '{}' for {}: expected a non-negative number",
             value,
             quote(key));
    }
    return Quantity{value, QuantityKind::number, fmt::format("{}", value)};
}

std::optional<std::vector<std::string>> Section::strings(std::string_view key) const
{
    const toml::node* node = find(key);
    if (node == nullptr) {
        return std::nullopt;
    }
    if (!node->is_array()) {
        fail_type(key, "an array of strings");
    }
    std::vector<std::string> values;
    for (const toml::node& element : *node->as_array()) {
        if (!element.is_string()) {
            fail(element.source(),
                 "{} must hold only strings, not {}",
                 quote(key),
                 describe(element));
        }
        values.push_back(element.as_string()->get());
    }
    return values;
}

Thresholds Section::thresholds() const
{
    return {signed_percent("warning"), signed_percent("critical"), signed_percent("blocker")};
}

void Section::check_increasing(const Thresholds& thresholds) const
{
    // Note: only the levels in `thresholds` are compared; the others are inherited later. A
    // level that is not in this table (a default) is named as such, and the error points at
    // the one that is.
    const std::array<std::pair<std::string_view, std::optional<double>>, 3> levels{{
        {"warning", thresholds.warning},
        {"critical", thresholds.critical},
        {"blocker", thresholds.blocker},
    }};
    const std::pair<std::string_view, std::optional<double>>* previous = nullptr;
    for (const auto& level : levels) {
        if (!level.second) {
            continue;
        }
        if (previous != nullptr && *level.second < *previous->second) {
            const bool set_here = find(level.first) != nullptr;
            const auto describe_level = [&](std::string_view name, double value) {
                return fmt::format("'{}' ({:g}%{})",
                                   name,
                                   value * 100,
                                   find(name) != nullptr ? "" : ", the default");
            };
            // Note: a required improvement is strictest at 'warning', which asks the most.
            const bool required = *level.second < 0;
            fail(where(set_here ? level.first : previous->first),
                 "{} in {} must not be below {}{}",
                 describe_level(level.first, *level.second),
                 m_name,
                 describe_level(previous->first, *previous->second),
                 required ? ": a required improvement asks the most at 'warning', e.g. "
                            "warning = \"-40%\", blocker = \"-30%\""
                          : "");
        }
        previous = &level;
    }
}

} // namespace perfgate::core::config_reading
