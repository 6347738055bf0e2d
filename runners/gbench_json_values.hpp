#pragma once

#include <runners/gbench_json.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace perfgate::runners {

// The values that the Google Benchmark reader takes from RapidJSON's events, turned into
// perfgate's: numbers read exactly, strings checked, the context built as a tree.

// A scalar value as the parser reports it.
struct ParsedScalar
{
    GoogleBenchmarkValue::Type type = GoogleBenchmarkValue::Type::null;
    bool boolean = false;
    std::uint64_t index = 0;
    double number = 0;
    std::string_view text;
};

// Return the number that `raw` (a JSON number, NaN, Inf, Infinity, -Inf or -Infinity) writes:
// integers from 0 to 2^64 - 1 exactly as Type::index, others as the nearest double (like strtod);
// nullopt when the number is too large for a double.
std::optional<ParsedScalar> parse_number(std::string_view raw);

// Return the number a counter holds: null reads as NaN, "Infinity" and "-Infinity" as
// infinities (how a sanitised copy of the output writes them).
std::optional<double> counter_value(const ParsedScalar& value);

// Return a number of the context as the tree holds it: NaN as null, infinities as strings.
nlohmann::json tree_number(double number);

// Return whether `text` is UTF-8, as RapidJSON's validator judges while parsing. Only the
// strings that perfgate keeps are checked: checking all of them costs an eighth of the reading.
bool is_utf8(std::string_view text);

// Builds a small JSON tree (the context) from parser events.
class JsonTreeBuilder
{
public:
    bool done() const { return m_open.empty(); }
    std::size_t depth() const { return m_open.size(); }
    nlohmann::json take() { return std::move(m_root); }

    void key(std::string_view key) { m_key.assign(key); }

    void add(nlohmann::json value)
    {
        if (m_open.empty()) {
            m_root = std::move(value);
        } else if (m_open.back()->is_object()) {
            (*m_open.back())[m_key] = std::move(value);
        } else {
            m_open.back()->push_back(std::move(value));
        }
    }

    void begin(nlohmann::json empty)
    {
        if (m_open.empty()) {
            m_root = std::move(empty);
            m_open.push_back(&m_root);
        } else if (m_open.back()->is_object()) {
            m_open.push_back(&((*m_open.back())[m_key] = std::move(empty)));
        } else {
            m_open.back()->push_back(std::move(empty));
            m_open.push_back(&m_open.back()->back());
        }
    }

    void end() { m_open.pop_back(); }

private:
    nlohmann::json m_root;
    std::vector<nlohmann::json*> m_open;
    std::string m_key;
};

} // namespace perfgate::runners
