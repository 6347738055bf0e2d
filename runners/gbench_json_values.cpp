#include <runners/gbench_json_values.hpp>

#include <rapidjson/encodings.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace perfgate::runners {

using Value = GoogleBenchmarkValue;

std::optional<ParsedScalar> parse_number(std::string_view raw)
{
    ParsedScalar scalar{Value::Type::number, false, 0, 0, {}};
    const char* const end = raw.data() + raw.size();
    const bool negative = raw.front() == '-';
    if (raw.back() == 'N') {
        scalar.number = std::numeric_limits<double>::quiet_NaN();
        return scalar;
    }
    if (raw.back() == 'f' || raw.back() == 'y') {
        const double inf = std::numeric_limits<double>::infinity();
        scalar.number = negative ? -inf : inf;
        return scalar;
    }
    const bool is_integer = std::none_of(
        raw.begin(), raw.end(), [](char c) { return c == '.' || c == 'e' || c == 'E'; });
    if (is_integer) {
        if (!negative) {
            const auto [at, error] = std::from_chars(raw.data(), end, scalar.index);
            if (error == std::errc() && at == end) {
                scalar.type = Value::Type::index;
                scalar.number = static_cast<double>(scalar.index);
                return scalar;
            }
        } else {
            std::int64_t integer = 0;
            const auto [at, error] = std::from_chars(raw.data(), end, integer);
            if (error == std::errc() && at == end) {
                scalar.number = static_cast<double>(integer);
                return scalar;
            }
        }
    }
    const auto [at, error] = std::from_chars(raw.data(), end, scalar.number);
    if (error == std::errc::result_out_of_range) {
        // Note: from_chars refuses underflow as well; strtod reads it as 0 or a subnormal.
        scalar.number = std::strtod(std::string(raw).c_str(), nullptr);
        if (!std::isfinite(scalar.number)) {
            return std::nullopt;
        }
    }
    return scalar;
}

std::optional<double> counter_value(const ParsedScalar& value)
{
    const double inf = std::numeric_limits<double>::infinity();
    switch (value.type) {
    case Value::Type::index:
    case Value::Type::number:
        return value.number;
    case Value::Type::null:
        return std::numeric_limits<double>::quiet_NaN();
    case Value::Type::string:
        if (value.text == "Infinity" || value.text == "-Infinity") {
            return value.text.front() == '-' ? -inf : inf;
        }
        return std::nullopt;
    default:
        return std::nullopt;
    }
}

nlohmann::json tree_number(double number)
{
    if (std::isnan(number)) {
        return nullptr;
    }
    if (std::isinf(number)) {
        return number < 0 ? "-Infinity" : "Infinity";
    }
    return number;
}

bool is_utf8(std::string_view text)
{
    // The validator reads a whole sequence before it judges it: past the end, it reads NULs.
    struct Input
    {
        std::string_view text;
        std::size_t at = 0;
        // NOLINTNEXTLINE(readability-identifier-naming): RapidJSON's Stream concept.
        char Take() { return at < text.size() ? text[at++] : (++at, '\0'); }
    };
    struct Discard
    {
        // NOLINTNEXTLINE(readability-identifier-naming): RapidJSON's output Stream concept.
        void Put(char /*c*/) {}
    };
    Input input{text};
    Discard discard;
    while (input.at < text.size()) {
        if (!rapidjson::UTF8<>::Validate(input, discard)) {
            return false;
        }
    }
    return true;
}

} // namespace perfgate::runners
