#pragma once

#include <string_view>

namespace perfgate::reporters {

// Return the built-in Mustache template `name` ("markdown", "junit", "html": the stem of a file
// in templates/), embedded at build time. Throws Error(usage) for an unknown name.
std::string_view builtin_template(std::string_view name);

} // namespace perfgate::reporters
