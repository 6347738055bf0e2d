#include <util/glob.hpp>

#include <fnmatch.h>

namespace perfgate::util {

bool glob_match(const std::string& pattern, const std::string& text)
{
    return ::fnmatch(pattern.c_str(), text.c_str(), 0) == 0;
}

const std::string* first_match(const std::vector<std::string>& patterns, const std::string& text)
{
    for (const auto& pattern : patterns) {
        if (glob_match(pattern, text)) {
            return &pattern;
        }
    }
    return nullptr;
}

} // namespace perfgate::util
