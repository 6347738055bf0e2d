#pragma once

#include <fmt/format.h>

#include <stdexcept>
#include <string>

namespace perfgate {

// The process exit codes; a contract with CI (README, "Exit codes").
enum class ExitCode : int {
    passed = 0,       // passed, or nothing to compare
    gate_failed = 1,  // a regression or budget breach at or above fail_on
    usage = 2,        // bad flag, malformed file, unknown schema
    measurement = 3,  // benchmarks could not be measured
    internal = 70,    // a bug in perfgate (an unexpected exception): please report it
    interrupted = 130 // Ctrl-C
};

// The one exception type for anything the user must see; caught only in `cli`.
class Error : public std::runtime_error
{
public:
    Error(ExitCode code, const std::string& message) : std::runtime_error(message), m_code(code) {}

    ExitCode code() const noexcept { return m_code; }

private:
    ExitCode m_code;
};

// Throw an Error of `code` with a fmt-formatted message.
template <typename... Args>
[[noreturn]] void fail(ExitCode code, fmt::format_string<Args...> format, Args&&... args)
{
    throw Error(code, fmt::format(format, std::forward<Args>(args)...));
}

// Return `strerror(errnum)` as a string.
std::string os_error(int errnum);

} // namespace perfgate
