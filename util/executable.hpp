#pragma once

#include <filesystem>
#include <string_view>
#include <vector>

namespace perfgate::util {

// What a file is, as far as running it goes.
enum class FileKind {
    not_executable, // no execute permission
    not_elf,        // a script or data
    shared_library, // ELF, but a library rather than a program
    executable      // an ELF program (static, dynamic or position-independent)
};

// Classify `path` from its permissions and ELF header (only the first few KiB are read).
FileKind classify_file(const std::filesystem::path& path);

// True when the file contains any of `needles` (read in chunks; no size limit).
bool file_contains_any(const std::filesystem::path& path,
                       const std::vector<std::string_view>& needles);

} // namespace perfgate::util
