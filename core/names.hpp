#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace perfgate::core {

// The names of an enumeration's values as users and files write them: the one table each
// enumeration has, read by parsers, writers and messages alike.
template <typename Enum, std::size_t size>
using NameTable = std::array<std::pair<Enum, std::string_view>, size>;

// Return the name of `value` in `names`, or "unknown".
template <typename Enum, std::size_t size>
constexpr std::string_view name_of(const NameTable<Enum, size>& names, Enum value)
{
    for (const auto& [candidate, name] : names) {
        if (candidate == value) {
            return name;
        }
    }
    return "unknown";
}

// Return the value that `name` names in `names`, or nullopt.
template <typename Enum, std::size_t size>
constexpr std::optional<Enum> value_named(const NameTable<Enum, size>& names, std::string_view name)
{
    for (const auto& [value, candidate] : names) {
        if (candidate == name) {
            return value;
        }
    }
    return std::nullopt;
}

// Return "a, b or c" for the strings of `choices` (any range of string-like values).
template <typename Range> std::string choices_text(const Range& choices)
{
    std::string text;
    std::size_t index = 0;
    const auto count = static_cast<std::size_t>(std::size(choices));
    for (const auto& choice : choices) {
        if (index > 0) {
            text += index + 1 == count ? " or " : ", ";
        }
        text += choice;
        ++index;
    }
    return text;
}

// Return the names of `names`, in order, as an array of strings.
template <typename Enum, std::size_t size>
constexpr std::array<std::string_view, size> names_in(const NameTable<Enum, size>& names)
{
    std::array<std::string_view, size> result{};
    for (std::size_t i = 0; i < size; ++i) {
        result[i] = names[i].second;
    }
    return result;
}

// Return the items of a comma-separated list ("console,markdown"), empty ones included, so that
// the caller names them in its error.
inline std::vector<std::string_view> split_list(std::string_view list)
{
    std::vector<std::string_view> items;
    std::size_t start = 0;
    while (start <= list.size()) {
        const auto comma = std::min(list.find(',', start), list.size());
        items.push_back(list.substr(start, comma - start));
        start = comma + 1;
    }
    return items;
}

} // namespace perfgate::core
