#pragma once

#include <core/units.hpp>
#include <util/error.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace perfgate::core {

// The deepest nesting of arrays and objects that the readers accept. perfgate's own formats
// nest 6 levels; deeper input is refused before it is parsed, because copying and writing JSON
// recurse once per level and a hostile file would overflow the stack.
inline constexpr std::size_t k_max_json_depth = 256;

// Return the offset of the first `[` or `{` of `text` that opens a level deeper than
// k_max_json_depth (strings skipped), or nullopt when there is none.
std::optional<std::size_t> find_excess_nesting(std::string_view text);

// Return nlohmann's exception message without its "[json.exception...] parse error at ...:
// syntax error while parsing X - " preamble, which repeats what our own message says.
std::string_view json_error_reason(std::string_view message);

// Where a value sits in a JSON document, as a chain of stack frames: built for free while
// reading, turned into text ("benchmarks[2].metrics.wall") only for an error message.
struct JsonPath
{
    const JsonPath* parent = nullptr;
    std::string_view key;
    std::size_t index = 0;
    bool is_element = false;

    JsonPath field(std::string_view name) const { return {this, name, 0, false}; }
    JsonPath element(std::size_t position) const { return {this, {}, position, true}; }

    // Return the path as text: `benchmarks[2].metrics["bytes per item"]`.
    std::string str() const;
};

// Reads the values of one JSON document strictly, for either nlohmann flavour: a missing field,
// a wrong type or a value out of range throws Error(usage) "'ORIGIN': PATH: PROBLEM". No
// nlohmann exception escapes from it.
template <typename Json> class JsonReader
{
public:
    explicit JsonReader(std::string_view origin) : m_origin(origin) {}

    std::string_view origin() const { return m_origin; }

    // Throw Error(usage) naming the origin, `path` and `problem`.
    [[noreturn]] void fail_at(const JsonPath& path, std::string_view problem) const
    {
        fail(ExitCode::usage, "'{}': {}: {}", m_origin, path.str(), problem);
    }

    // Return the member `key` of `object` (an object), or nullptr.
    static const Json* find(const Json& object, std::string_view key)
    {
        const auto it = object.find(key);
        return it == object.end() ? nullptr : &*it;
    }

    // Return the member of `object` named by the last key of `path`; fail when it is missing,
    // saying that `what` was expected.
    const Json& require(const Json& object, const JsonPath& path, std::string_view what) const
    {
        const Json* value = find(object, path.key);
        if (value == nullptr) {
            fail_at(path, fmt::format("missing, expected {}", what));
        }
        return *value;
    }

    const Json& as_object(const Json& value, const JsonPath& path) const
    {
        if (!value.is_object()) {
            fail_at(path, "expected an object");
        }
        return value;
    }

    const Json& as_array(const Json& value, const JsonPath& path, std::string_view what) const
    {
        if (!value.is_array()) {
            fail_at(path, fmt::format("expected {}", what));
        }
        return value;
    }

    const std::string& as_string(const Json& value, const JsonPath& path) const
    {
        if (!value.is_string()) {
            fail_at(path, "expected a string");
        }
        return value.template get_ref<const std::string&>();
    }

    std::string required_string(const Json& object, const JsonPath& path) const
    {
        return as_string(require(object, path, "a string"), path);
    }

    std::string optional_string(const Json& object, const JsonPath& path) const
    {
        const Json* value = find(object, path.key);
        return value == nullptr ? std::string() : as_string(*value, path);
    }

    bool as_bool(const Json& value, const JsonPath& path) const
    {
        if (!value.is_boolean()) {
            fail_at(path, "expected true or false");
        }
        return value.template get<bool>();
    }

    // Return a number; null (how NaN and Infinity are written) is NaN.
    double as_number(const Json& value, const JsonPath& path) const
    {
        if (value.is_null()) {
            return std::numeric_limits<double>::quiet_NaN();
        }
        if (!value.is_number()) {
            fail_at(path, "expected a number");
        }
        return value.template get<double>();
    }

    // Return a time sample in `unit` (a unit of time): finite, zero or more, and at most
    // k_max_time_sample seconds.
    double as_time(const Json& value, const JsonPath& path, std::string_view unit) const
    {
        const double time = as_number(value, path);
        if (!std::isfinite(time) || time < 0) {
            fail_at(path,
                    fmt::format("expected a time of 0 {} or more, not {}",
                                unit,
                                value.is_null() ? "null (NaN or infinity)" : value.dump()));
        }
        const double most = k_max_time_sample / seconds_per(unit).value_or(1);
        if (time > most) {
            fail_at(path,
                    fmt::format("{} {} is out of range: expected at most {:g} {} (about 31 years)",
                                value.dump(),
                                unit,
                                most,
                                unit));
        }
        return time;
    }

    // Return an integer within [low, high], saying "out of range" for an integer outside.
    template <typename Integer>
    Integer as_integer(const Json& value,
                       const JsonPath& path,
                       Integer low = std::numeric_limits<Integer>::min(),
                       Integer high = std::numeric_limits<Integer>::max()) const
    {
        bool integer = false;
        if (value.is_number_unsigned()) {
            integer = true;
            const auto number = value.template get<std::uint64_t>();
            if (std::cmp_greater_equal(number, low) && std::cmp_less_equal(number, high)) {
                return static_cast<Integer>(number);
            }
        } else if (value.is_number_integer()) {
            integer = true;
            const auto number = value.template get<std::int64_t>();
            if (std::cmp_greater_equal(number, low) && std::cmp_less_equal(number, high)) {
                return static_cast<Integer>(number);
            }
        }
        if (!integer) {
            fail_at(path, low == 0 ? "expected a non-negative integer" : "expected an integer");
        }
        fail_at(
            path,
            fmt::format(
                "{} is out of range: expected an integer from {} to {}", value.dump(), low, high));
    }

private:
    std::string_view m_origin;
};

} // namespace perfgate::core
