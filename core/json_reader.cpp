#include <core/json_reader.hpp>

#include <algorithm>
#include <cctype>

namespace perfgate::core {

std::optional<std::size_t> find_excess_nesting(std::string_view text)
{
    std::size_t depth = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\') {
                ++i;
            } else if (c == '"') {
                in_string = false;
            }
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > k_max_json_depth) {
                return i;
            }
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return std::nullopt;
}

std::string_view json_error_reason(std::string_view message)
{
    if (const auto dash = message.find(" - "); dash != std::string_view::npos) {
        return message.substr(dash + 3);
    }
    if (const auto bracket = message.find("] "); bracket != std::string_view::npos) {
        message.remove_prefix(bracket + 2);
    }
    return message;
}

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
    // Note: a key from the input may hold invalid UTF-8, which dump() would throw on.
    return text + "[" +
           nlohmann::json(key).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "]";
}

} // namespace perfgate::core
