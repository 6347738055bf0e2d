#include <util/error.hpp>
#include <util/file.hpp>
#include <util/process.hpp>
#include <util/unique_fd.hpp>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <ctime>
#include <system_error>

namespace perfgate::util {

namespace {

namespace fs = std::filesystem;

[[noreturn]] void fail_write(const fs::path& path, int errnum)
{
    fail(ExitCode::io, "cannot write '{}': {}", path.string(), os_error(errnum));
}

fs::path directory_of(const fs::path& path)
{
    const fs::path parent = path.parent_path();
    return parent.empty() ? fs::path(".") : parent;
}

void create_parent_directories(const fs::path& path)
{
    const fs::path parent = path.parent_path();
    if (parent.empty()) {
        return;
    }
    std::error_code error;
    fs::create_directories(parent, error);
    if (error) {
        fail(ExitCode::io,
             "cannot create directory '{}' for '{}': {}",
             parent.string(),
             path.string(),
             os_error(error.value()));
    }
}

// Return 0 after writing all of `content` to `fd`, or an errno value.
int write_all(int fd, std::string_view content)
{
    while (!content.empty()) {
        const ssize_t written = ::write(fd, content.data(), content.size());
        if (written < 0) {
            if (errno == EINTR) {
                continue;
            }
            return errno;
        }
        content.remove_prefix(static_cast<std::size_t>(written));
    }
    return 0;
}

// Return the mode a new file at `path` gets: the old file's, or rw-r--r--.
mode_t mode_for(const fs::path& path)
{
    struct stat status
    {};
    if (::stat(path.c_str(), &status) == 0) {
        return status.st_mode & 07777;
    }
    return 0644;
}

void sync_directory(const fs::path& directory, const fs::path& path)
{
    UniqueFd fd(::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (fd.get() < 0 || ::fsync(fd.get()) != 0) {
        fail_write(path, errno);
    }
}

} // namespace

std::string shown_path(const std::filesystem::path& path, const std::filesystem::path& root)
{
    const auto relative = path.lexically_relative(root);
    return relative.empty() || relative.begin()->string() == ".." ? path.string()
                                                                  : relative.string();
}

std::string read_file(const fs::path& path)
{
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) {
        fail(ExitCode::usage, "cannot read '{}': {}", path.string(), os_error(errno));
    }
    std::string content;
    struct stat status
    {};
    if (::fstat(fd.get(), &status) == 0 && status.st_size > 0) {
        content.reserve(static_cast<std::size_t>(status.st_size));
    }
    char buffer[65536];
    while (true) {
        const ssize_t count = ::read(fd.get(), buffer, sizeof buffer);
        if (count < 0) {
            if (errno == EINTR) {
                continue;
            }
            fail(ExitCode::usage, "cannot read '{}': {}", path.string(), os_error(errno));
        }
        if (count == 0) {
            return content;
        }
        content.append(buffer, static_cast<std::size_t>(count));
    }
}

void write_file_atomic(const fs::path& path, std::string_view content)
{
    create_parent_directories(path);
    const fs::path directory = directory_of(path);
    std::string temp_name = (directory / ("." + path.filename().string() + ".tmp.XXXXXX")).string();

    UniqueFd fd(::mkstemp(temp_name.data()));
    if (fd.get() < 0) {
        fail_write(path, errno);
    }
    const auto remove_temp_and_fail = [&](int errnum) {
        ::unlink(temp_name.c_str());
        fail_write(path, errnum);
    };
    // Note: mkstemp creates the file as rw-------, too strict for a results file or baseline.
    if (::fchmod(fd.get(), mode_for(path)) != 0) {
        remove_temp_and_fail(errno);
    }
    if (const int errnum = write_all(fd.get(), content); errnum != 0) {
        remove_temp_and_fail(errnum);
    }
    if (::fsync(fd.get()) != 0) {
        remove_temp_and_fail(errno);
    }
    if (fd.close() != 0) {
        remove_temp_and_fail(errno);
    }
    if (::rename(temp_name.c_str(), path.c_str()) != 0) {
        remove_temp_and_fail(errno);
    }
    // Without this the rename itself may not survive a crash.
    sync_directory(directory, path);
}

void replace_symlink(const fs::path& target, const fs::path& link)
{
    create_parent_directories(link);
    const fs::path directory = directory_of(link);
    const std::string base = "." + link.filename().string() + ".tmp." + std::to_string(::getpid());

    // symlink() cannot create a uniquely named link like mkstemp; retry on a name clash.
    fs::path temp_link;
    for (int attempt = 0;; ++attempt) {
        temp_link = directory / (base + "." + std::to_string(attempt));
        if (::symlink(target.c_str(), temp_link.c_str()) == 0) {
            break;
        }
        if (errno != EEXIST || attempt == 100) {
            fail(ExitCode::io,
                 "cannot link '{}' to '{}': {}",
                 link.string(),
                 target.string(),
                 os_error(errno));
        }
    }
    if (::rename(temp_link.c_str(), link.c_str()) != 0) {
        const int errnum = errno;
        ::unlink(temp_link.c_str());
        fail(ExitCode::io,
             "cannot link '{}' to '{}': {}",
             link.string(),
             target.string(),
             os_error(errnum));
    }
}

bool is_temporary_name(std::string_view file_name)
{
    // ".NAME.tmp." then mkstemp's six characters, or "PID.N".
    const auto tmp = file_name.rfind(".tmp.");
    if (file_name.size() < 2 || file_name.front() != '.' || tmp == std::string_view::npos ||
        tmp < 2) {
        return false;
    }
    const auto suffix = file_name.substr(tmp + 5);
    const auto alnum = [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    };
    const auto digit = [](char c) { return c >= '0' && c <= '9'; };
    const auto dot = suffix.find('.');
    if (dot == std::string_view::npos) {
        return suffix.size() == 6 && std::all_of(suffix.begin(), suffix.end(), alnum);
    }
    const auto pid = suffix.substr(0, dot);
    const auto attempt = suffix.substr(dot + 1);
    return !pid.empty() && !attempt.empty() && std::all_of(pid.begin(), pid.end(), digit) &&
           std::all_of(attempt.begin(), attempt.end(), digit);
}

bool older_than(const fs::path& path, std::chrono::seconds age)
{
    struct stat status
    {};
    if (::lstat(path.c_str(), &status) != 0) {
        return false;
    }
    return status.st_mtim.tv_sec + age.count() < std::time(nullptr);
}

std::vector<fs::path> remove_stale_temporaries(const fs::path& directory, std::chrono::seconds age)
{
    std::vector<fs::path> removed;
    std::error_code error;
    for (fs::directory_iterator it(directory, error), end; !error && it != end;
         it.increment(error)) {
        const auto& path = it->path();
        // Note: symlink_status: a leftover temporary symlink is removed, never followed.
        if (!is_temporary_name(path.filename().string()) ||
            fs::is_directory(it->symlink_status(error)) || !older_than(path, age)) {
            continue;
        }
        if (::unlink(path.c_str()) == 0) {
            removed.push_back(path);
        }
    }
    return removed;
}

FileLock::FileLock(const fs::path& path)
{
    create_parent_directories(path);
    m_fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (m_fd < 0) {
        fail(ExitCode::io, "cannot open the lock file '{}': {}", path.string(), os_error(errno));
    }
    while (::flock(m_fd, LOCK_EX) != 0) {
        const int errnum = errno;
        if (errnum == EINTR && !interrupt_requested()) {
            continue;
        }
        ::close(m_fd);
        if (errnum == EINTR) {
            fail(ExitCode::interrupted,
                 "interrupted while waiting for the lock '{}'",
                 path.string());
        }
        fail(ExitCode::io, "cannot lock '{}': {}", path.string(), os_error(errnum));
    }
}

FileLock::~FileLock()
{
    // Closing the descriptor releases the lock.
    ::close(m_fd);
}

} // namespace perfgate::util
