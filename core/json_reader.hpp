#pragma once

#include <core/names.hpp>
#include <core/units.hpp>
#include <util/error.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <utility>

namespace perfgate::core {

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

    // Return the path as text; "document" for the root.
    std::string str() const
    {
        if (parent == nullptr) {
            return "document";
        }
        std::string text = parent->parent == nullptr ? std::string() : parent->str();
        if (is_element) {
            return text + "[" + std::to_string(index) + "]";
        }
        const bool plain = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
        });
        if (plain) {
            return text + (text.empty() ? "" : ".") + std::string(key);
        }
        // Note: a key from the input may be invalid UTF-8, which a plain dump() throws on.
        return text + "[" +
               nlohmann::json(key).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) +
               "]";
    }
};

// What a number read from JSON may be besides a finite number.
enum class NullNumber {
    rejected, // null is an error
    nan       // null reads as NaN (how perfgate writes NaN and infinities)
};

// Strict typed access to one JSON document (either nlohmann flavour): every accessor checks
// the type and fails with Error(usage) "'ORIGIN': PATH: what was expected".
template <typename Json> class JsonReader
{
public:
    explicit JsonReader(std::string origin) : m_origin(std::move(origin)) {}

    std::string_view origin() const { return m_origin; }

    [[noreturn]] void fail_at(const JsonPath& path, std::string_view problem) const
    {
        fail(ExitCode::usage, "'{}': {}: {}", m_origin, path.str(), problem);
    }

    // Return the member `key` of `object`, or nullptr.
    static const Json* find(const Json& object, std::string_view key)
    {
        if (!object.is_object()) {
            return nullptr;
        }
        const auto it = object.find(key);
        return it == object.end() ? nullptr : &*it;
    }

    // Return the member named by the last key of `path`; fail when it is missing.
    const Json& require(const Json& object, const JsonPath& path, std::string_view what) const
    {
        const Json* value = find(object, path.key);
        if (value == nullptr) {
            fail_at(path, fmt::format("missing, expected {}", what));
        }
        return *value;
    }

    const Json& object(const Json& value, const JsonPath& path) const
    {
        if (!value.is_object()) {
            fail_at(path, "expected an object");
        }
        return value;
    }

    const Json& array(const Json& value, const JsonPath& path, std::string_view of = "") const
    {
        if (!value.is_array()) {
            fail_at(path,
                    of.empty() ? std::string("expected an array")
                               : fmt::format("expected an array of {}", of));
        }
        return value;
    }

    const std::string& string(const Json& value, const JsonPath& path) const
    {
        if (!value.is_string()) {
            fail_at(path, "expected a string");
        }
        return value.template get_ref<const std::string&>();
    }

    std::string required_string(const Json& object, const JsonPath& path) const
    {
        return string(require(object, path, "a string"), path);
    }

    // Return the member named by the last key of `path`: a string that is not empty.
    const std::string& non_empty_string(const Json& object, const JsonPath& path) const
    {
        const std::string& text = string(require(object, path, "a string"), path);
        if (text.empty()) {
            fail_at(path, "expected a non-empty string");
        }
        return text;
    }

    std::string optional_string(const Json& object, const JsonPath& path) const
    {
        const Json* value = find(object, path.key);
        return value == nullptr || value->is_null() ? std::string() : string(*value, path);
    }

    bool boolean(const Json& value, const JsonPath& path) const
    {
        if (!value.is_boolean()) {
            fail_at(path, "expected true or false");
        }
        return value.template get<bool>();
    }

    // Return a finite number; numbers too large for a double are out of range.
    double
    number(const Json& value, const JsonPath& path, NullNumber null = NullNumber::rejected) const
    {
        if (value.is_null() && null == NullNumber::nan) {
            return std::numeric_limits<double>::quiet_NaN();
        }
        if (!value.is_number()) {
            fail_at(path, fmt::format("expected a number, not {}", shown(value)));
        }
        const double number = value.template get<double>();
        if (!std::isfinite(number)) {
            fail_at(path, "number out of range");
        }
        return number;
    }

    // Return a number that is not negative.
    double non_negative(const Json& value,
                        const JsonPath& path,
                        NullNumber null = NullNumber::rejected) const
    {
        if (!value.is_number() && !(value.is_null() && null == NullNumber::nan)) {
            fail_at(path,
                    fmt::format("expected a finite, non-negative number, not {}", shown(value)));
        }
        const double result = number(value, path, null);
        if (result < 0) {
            fail_at(path,
                    fmt::format("expected a finite, non-negative number, not {}", shown(value)));
        }
        return result;
    }

    // Return a time sample written in `unit` (a unit of time): from 0 to k_max_time_sample
    // seconds.
    double time(const Json& value,
                const JsonPath& path,
                std::string_view unit,
                NullNumber null = NullNumber::rejected) const
    {
        const double result = non_negative(value, path, null);
        const double most = k_max_time_sample / seconds_per(unit).value_or(1);
        if (result > most) {
            fail_at(path,
                    fmt::format("{} {} is out of range: expected at most {:g} {} (about 31 years)",
                                value.dump(),
                                unit,
                                most,
                                unit));
        }
        return result;
    }

    // Return an integer that fits `Integer` (and is at least `minimum`).
    template <typename Integer>
    Integer integer(const Json& value,
                    const JsonPath& path,
                    Integer minimum = std::numeric_limits<Integer>::min()) const
    {
        if (!value.is_number_integer()) {
            fail_at(path,
                    value.is_number() ? "expected an integer, not a fraction"
                                      : "expected an integer");
        }
        bool fits = false;
        Integer result{};
        if (value.is_number_unsigned()) {
            const auto number = value.template get<std::uint64_t>();
            fits = std::in_range<Integer>(number);
            result = static_cast<Integer>(number);
        } else {
            const auto number = value.template get<std::int64_t>();
            fits = std::in_range<Integer>(number);
            result = static_cast<Integer>(number);
        }
        if (!fits || result < minimum) {
            fail_at(path,
                    fmt::format("integer {} out of range: expected {} to {}",
                                value.dump(),
                                minimum,
                                std::numeric_limits<Integer>::max()));
        }
        return result;
    }

    // Return the value of `names` that `value` (a string) names.
    template <typename Enum, std::size_t size>
    Enum enumeration(const Json& value,
                     const JsonPath& path,
                     const std::array<std::pair<Enum, std::string_view>, size>& names) const
    {
        const std::string& text = string(value, path);
        for (const auto& [candidate, name] : names) {
            if (name == text) {
                return candidate;
            }
        }
        std::string expected;
        for (std::size_t i = 0; i < size; ++i) {
            expected += i == 0 ? "" : i + 1 == size ? " or " : ", ";
            expected += "'" + std::string(names[i].second) + "'";
        }
        fail_at(path, fmt::format("unknown value '{}': expected {}", text, expected));
    }

    // Fail unless `json` is an object whose "schema" is `expected`.
    void check_schema(const Json& json, std::string_view expected) const
    {
        if (!json.is_object()) {
            fail(ExitCode::usage, "'{}': expected a JSON object", m_origin);
        }
        const Json* schema = find(json, "schema");
        if (schema == nullptr) {
            fail(ExitCode::usage, "'{}': missing schema: expected '{}'", m_origin, expected);
        }
        if (!schema->is_string() || schema->template get_ref<const std::string&>() != expected) {
            fail(ExitCode::usage,
                 "'{}': unknown schema {}: expected '{}'",
                 m_origin,
                 schema->is_string() ? "'" + schema->template get<std::string>() + "'"
                                     : schema->dump(),
                 expected);
        }
    }

private:
    std::string m_origin;

    // Return `value` as JSON text for a message, cut short.
    static std::string shown(const Json& value)
    {
        constexpr std::size_t k_limit = 40;
        auto text = value.dump(-1, ' ', false, Json::error_handler_t::replace);
        if (text.size() > k_limit) {
            text = text.substr(0, k_limit) + "…";
        }
        return text;
    }
};

} // namespace perfgate::core
