#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace perfgate::util {

// True when `text` matches the shell glob `pattern` (fnmatch: `*`, `?`, `[...]`; `*` also
// matches `/`, so "bench/*" matches every id under "bench/").
bool glob_match(const std::string& pattern, const std::string& text);

// Return the first of `patterns` that `text` matches, or nullptr.
const std::string* first_match(const std::vector<std::string>& patterns, const std::string& text);

} // namespace perfgate::util
