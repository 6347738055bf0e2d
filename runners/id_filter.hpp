#pragma once

#include <regex>
#include <string>

namespace perfgate::runners {

// `--filter REGEX`: an ECMAScript regex searched anywhere in a benchmark id.
class IdFilter
{
public:
    // Throws Error(usage) for an invalid pattern.
    explicit IdFilter(const std::string& pattern);

    bool matches(const std::string& id) const { return std::regex_search(id, m_regex); }

private:
    std::regex m_regex;
};

} // namespace perfgate::runners
