#include <util/utf8.hpp>

#include <algorithm>

namespace perfgate::util {

std::size_t code_points(std::string_view text)
{
    return static_cast<std::size_t>(std::count_if(
        text.begin(), text.end(), [](char byte) { return !is_utf8_continuation(byte); }));
}

std::string_view cut_bytes(std::string_view text, std::size_t limit)
{
    if (text.size() <= limit) {
        return text;
    }
    std::size_t end = limit;
    while (end > 0 && is_utf8_continuation(text[end])) {
        --end;
    }
    return text.substr(0, end);
}

std::string shorten(std::string_view text, std::size_t limit)
{
    std::size_t characters = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (!is_utf8_continuation(text[i]) && characters++ == limit) {
            return std::string(text.substr(0, i)) + "…";
        }
    }
    return std::string(text);
}

} // namespace perfgate::util
