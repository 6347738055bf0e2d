#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace perfgate::util {

// Return the whole content of `path`; throw Error(usage) naming the file and the OS reason.
std::string read_file(const std::filesystem::path& path);

// Write `content` to `path` atomically: a temporary file in the same directory, fsync, rename.
// A killed process leaves either the old file or the new one, never a mix. Creates parent
// directories. Throws Error(usage) naming the file and the OS reason.
void write_file_atomic(const std::filesystem::path& path, std::string_view content);

// Point the symlink `link` at `target`, replacing any previous link atomically.
void replace_symlink(const std::filesystem::path& target, const std::filesystem::path& link);

} // namespace perfgate::util
