#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
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

    // Return the path as text: "" for the root, `a.b[2]`, `a["key with spaces"]`.
    std::string str() const;
};

// Reads typed values of one JSON document (nlohmann::json) for an importer. Every failure
// throws Error(usage) "'ORIGIN': PATH: PROBLEM", naming the file and the JSON path.
class JsonReader
{
public:
    explicit JsonReader(std::string origin) : m_origin(std::move(origin)) {}

    const std::string& origin() const { return m_origin; }

    // Throw Error(usage) naming the origin, `path` (when not the root) and `problem`.
    [[noreturn]] void fail_at(const JsonPath& path, std::string_view problem) const;

    // Return the member `key` of `object`, or nullptr.
    static const nlohmann::json* find(const nlohmann::json& object, std::string_view key);

    // Return the member `path.key` of `object`; fail "missing, expected WHAT" without it.
    const nlohmann::json&
    require(const nlohmann::json& object, const JsonPath& path, std::string_view what) const;

    // Return `value` when it is an object (array, string, number); fail otherwise.
    const nlohmann::json& object(const nlohmann::json& value, const JsonPath& path) const;
    const nlohmann::json& array(const nlohmann::json& value, const JsonPath& path) const;
    const std::string& string(const nlohmann::json& value, const JsonPath& path) const;
    double number(const nlohmann::json& value, const JsonPath& path) const;

    // Return `value` as a finite number that is not negative; fail (showing it) otherwise.
    double non_negative(const nlohmann::json& value, const JsonPath& path) const;

    // Return the member `path.key` of `object`: a string that is not empty.
    const std::string& required_string(const nlohmann::json& object, const JsonPath& path) const;

private:
    std::string m_origin;
};

} // namespace perfgate::core
