#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace perfgate::util {

// Return `path` relative to `root` when it lies below it, else `path` as it is: how a path is
// shown to the user.
std::string shown_path(const std::filesystem::path& path, const std::filesystem::path& root);

// Return the whole content of `path`; throw Error(usage) naming the file and the OS reason.
std::string read_file(const std::filesystem::path& path);

// Write `content` to `path` atomically: a temporary file in the same directory, fsync, rename.
// A killed process leaves either the old file or the new one, never a mix. Creates parent
// directories. Throws Error(usage) naming the file and the OS reason.
void write_file_atomic(const std::filesystem::path& path, std::string_view content);

// Point the symlink `link` at `target`, replacing any previous link atomically.
void replace_symlink(const std::filesystem::path& target, const std::filesystem::path& link);

// True for the name of a temporary file that `write_file_atomic` (`.NAME.tmp.XXXXXX`) or
// `replace_symlink` (`.NAME.tmp.PID.N`) creates: what a killed write leaves behind.
bool is_temporary_name(std::string_view file_name);

// Remove the temporary files (`is_temporary_name`) directly in `directory` that were last
// changed more than `age` ago (a live writer renames its own within moments); nothing else is
// touched. Return the paths removed; a missing folder or a file that cannot be removed is
// skipped.
std::vector<std::filesystem::path> remove_stale_temporaries(const std::filesystem::path& directory,
                                                            std::chrono::seconds age);

// True when `path` (not followed if a symlink) was last changed more than `age` ago.
bool older_than(const std::filesystem::path& path, std::chrono::seconds age);

// An exclusive lock (flock) on the file `path`, created if needed, held until destroyed: other
// processes taking it wait their turn. Throws Error(usage) naming the file when it cannot be
// opened or locked, Error(interrupted) when SIGINT/SIGTERM/SIGHUP arrives while waiting.
class FileLock
{
public:
    explicit FileLock(const std::filesystem::path& path);
    FileLock(const FileLock&) = delete;
    FileLock& operator=(const FileLock&) = delete;
    ~FileLock();

private:
    int m_fd = -1;
};

} // namespace perfgate::util
