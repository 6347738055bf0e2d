#pragma once

#include <fmt/format.h>

#include <array>
#include <stdexcept>
#include <string>
#include <string_view>

namespace perfgate {

// The process exit codes; a contract with CI (README, "Exit codes"; `--help` lists
// k_exit_codes).
enum class ExitCode : int {
    passed = 0,        // passed, or nothing to compare
    gate_failed = 1,   // a regression or budget breach at or above fail_on
    usage = 2,         // bad flag, malformed or missing input, unknown schema
    measurement = 3,   // benchmarks could not be measured
    internal = 70,     // a bug in perfgate (an unexpected exception): please report it
    io = 74,           // a file or folder could not be written, created, deleted or locked
    interrupted = 130, // Ctrl-C
};

// Each exit code with what it means to a user, in the order `--help` shows them.
struct ExitCodeMeaning
{
    ExitCode code;
    std::string_view meaning;
};
inline constexpr std::array k_exit_codes{
    ExitCodeMeaning{ExitCode::passed, "passed (or nothing to compare)"},
    ExitCodeMeaning{ExitCode::gate_failed,
                    "the gate failed: a regression or budget breach at or above --fail-on"},
    ExitCodeMeaning{ExitCode::usage, "usage, configuration or input error"},
    ExitCodeMeaning{ExitCode::measurement,
                    "benchmarks could not be measured (failed to start, crashed, timed out, none "
                    "found)"},
    ExitCodeMeaning{ExitCode::internal, "internal error: a bug in perfgate, please report it"},
    ExitCodeMeaning{ExitCode::io,
                    "a file could not be written, created, deleted or locked (disk full, "
                    "permissions)"},
    ExitCodeMeaning{ExitCode::interrupted, "interrupted"},
};

// Return the code a process reports when both `a` and `b` happened: an interruption, then a
// broken run (never to look like a regression), then a failed gate (never hidden by a lost
// file or output), then an I/O failure, then bad input, then success.
ExitCode most_severe(ExitCode a, ExitCode b);

// The one exception type for anything the user must see. The CLI turns it into
// `perfgate: error: ...` and its code (print_error); the library catches it only where a
// failure becomes part of a result: a benchmark that could not be run or read is recorded as
// failed (runners/gbench_run, runners/harness_run), an unreadable baseline is listed as such
// (baselines/baseline_store), a stale listing cache is read again (runners/listing_cache).
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

// Print `message` to stderr as `perfgate: error: <message>`, each line sanitised for the
// terminal (util/sanitize). Every error perfgate reports goes through here.
void print_error(std::string_view message);

// Return `strerror(errnum)` as a string.
std::string os_error(int errnum);

} // namespace perfgate
