#include <core/json_reader.hpp>

#include <algorithm>
#include <cctype>

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
    // Note: a key from the input may hold invalid UTF-8, which dump() would throw on.
    return text + "[" +
           nlohmann::json(key).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "]";
}

} // namespace perfgate::core
