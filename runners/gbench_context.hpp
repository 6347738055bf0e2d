#pragma once

#include <core/results.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace perfgate::runners {

// Return the warnings a results set deserves from its programs' contexts: a debug-built
// library (explaining Debian's mislabelled 1.7 package) and CPU frequency scaling.
std::vector<std::string> context_warnings(const std::vector<core::BenchmarkResult>& results);

// Return whether a gcc-built program's own code was optimised, from the `-O` flags that gcc
// records in its DWARF producer strings; nullopt without such strings (no -g, or clang).
std::optional<bool> built_optimised(const std::filesystem::path& executable);

} // namespace perfgate::runners
