#include <reporters/escape.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <utility>

namespace perfgate::reporters {
namespace {

// A character and what replaces it.
using Replacement = std::pair<char, std::string_view>;

// Return `text` with each character of `table` replaced; `other` may replace any other
// character at position i (nullopt keeps it).
template <std::size_t size, typename Other>
std::string
replace_each(std::string_view text, const std::array<Replacement, size>& table, Other other)
{
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        const auto* found = std::find_if(
            table.begin(), table.end(), [c](const Replacement& r) { return r.first == c; });
        if (found != table.end()) {
            out += found->second;
        } else if (const std::optional<std::string_view> replaced = other(text, i)) {
            out += *replaced;
        } else {
            out += c;
        }
    }
    return out;
}

constexpr auto k_keep = [](std::string_view, std::size_t) -> std::optional<std::string_view> {
    return std::nullopt;
};

bool is_word(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) != 0;
}

} // namespace

std::string escape_html(std::string_view text)
{
    constexpr std::array<Replacement, 6> k_html{{{'&', "&amp;"},
                                                 {'<', "&lt;"},
                                                 {'>', "&gt;"},
                                                 {'"', "&quot;"},
                                                 {'\'', "&#39;"},
                                                 {'`', "&#96;"}}};
    return replace_each(text, k_html, k_keep);
}

std::string escape_xml(std::string_view text)
{
    constexpr std::array<Replacement, 8> k_xml{{{'&', "&amp;"},
                                                {'<', "&lt;"},
                                                {'>', "&gt;"},
                                                {'"', "&quot;"},
                                                {'\'', "&apos;"},
                                                {'\n', "&#10;"},
                                                {'\r', "&#13;"},
                                                {'\t', "&#9;"}}};
    return replace_each(text, k_xml, [](std::string_view all, std::size_t i) {
        // U+FFFD: XML 1.0 allows no other control character.
        return static_cast<unsigned char>(all[i]) < 0x20
                   ? std::optional<std::string_view>("\xEF\xBF\xBD")
                   : std::nullopt;
    });
}

std::string escape_markdown(std::string_view text)
{
    constexpr std::array<Replacement, 12> k_markdown{{{'|', "\\|"},
                                                      {'`', "&#96;"},
                                                      {'<', "&lt;"},
                                                      {'>', "&gt;"},
                                                      {'&', "&amp;"},
                                                      {'\\', "&#92;"},
                                                      {'*', "&#42;"},
                                                      {'[', "&#91;"},
                                                      {']', "&#93;"},
                                                      {'~', "&#126;"},
                                                      {'\n', ""},
                                                      {'\r', ""}}};
    return replace_each(text, k_markdown, [](std::string_view all, std::size_t i) {
        if (all[i] != '_') {
            return std::optional<std::string_view>();
        }
        // Note: an underscore inside a word never starts emphasis, so BM_sort stays readable.
        const bool inside =
            i > 0 && i + 1 < all.size() && is_word(all[i - 1]) && is_word(all[i + 1]);
        return std::optional<std::string_view>(inside ? "_" : "&#95;");
    });
}

} // namespace perfgate::reporters
