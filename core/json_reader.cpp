#include <core/json_reader.hpp>
#include <util/error.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>

namespace perfgate::core {

std::string JsonPath::str() const
{
    if (parent == nullptr) {
        return {};
    }
    std::string text = parent->str();
    if (is_element) {
        return text + "[" + std::to_string(index) + "]";
    }
    const bool plain = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
    });
    if (plain) {
        return text + (text.empty() ? "" : ".") + std::string(key);
    }
    return text + "[" + nlohmann::json(key).dump() + "]";
}

void JsonReader::fail_at(const JsonPath& path, std::string_view problem) const
{
    const std::string where = path.str();
    if (where.empty()) {
        fail(ExitCode::usage, "'{}': {}", m_origin, problem);
    }
    fail(ExitCode::usage, "'{}': {}: {}", m_origin, where, problem);
}

const nlohmann::json* JsonReader::find(const nlohmann::json& object, std::string_view key)
{
    if (!object.is_object()) {
        return nullptr;
    }
    const auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
}

const nlohmann::json&
JsonReader::require(const nlohmann::json& object, const JsonPath& path, std::string_view what) const
{
    const nlohmann::json* value = find(object, path.key);
    if (value == nullptr) {
        fail_at(path, fmt::format("missing, expected {}", what));
    }
    return *value;
}

const nlohmann::json& JsonReader::object(const nlohmann::json& value, const JsonPath& path) const
{
    if (!value.is_object()) {
        fail_at(path, "expected an object");
    }
    return value;
}

const nlohmann::json& JsonReader::array(const nlohmann::json& value, const JsonPath& path) const
{
    if (!value.is_array()) {
        fail_at(path, "expected an array");
    }
    return value;
}

const std::string& JsonReader::string(const nlohmann::json& value, const JsonPath& path) const
{
    if (!value.is_string()) {
        fail_at(path, "expected a string");
    }
    return value.get_ref<const std::string&>();
}

double JsonReader::number(const nlohmann::json& value, const JsonPath& path) const
{
    if (!value.is_number()) {
        fail_at(path, fmt::format("expected a number, not {}", value.dump()));
    }
    return value.get<double>();
}

double JsonReader::non_negative(const nlohmann::json& value, const JsonPath& path) const
{
    // Note: strict JSON has no NaN or Infinity; a document built by other means may.
    const double number = value.is_number() ? value.get<double>() : -1.0;
    if (!value.is_number() || !std::isfinite(number) || number < 0) {
        fail_at(path, fmt::format("expected a finite, non-negative number, not {}", value.dump()));
    }
    return number;
}

const std::string& JsonReader::required_string(const nlohmann::json& object,
                                               const JsonPath& path) const
{
    const std::string& text = string(require(object, path, "a string"), path);
    if (text.empty()) {
        fail_at(path, "expected a non-empty string");
    }
    return text;
}

} // namespace perfgate::core
