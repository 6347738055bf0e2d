#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace perfgate::util {

// What happens to a child's output stream.
enum class Output {
    discard, // to /dev/null
    inherit, // to perfgate's own stream
    capture, // kept in memory, at most `capture_limit` bytes (the tail)
    file     // written to `SpawnOptions::out_file` (stdout only)
};

// How to start one child process.
struct SpawnOptions
{
    std::vector<std::string> argv; // argv[0] is looked up in PATH
    Output out = Output::discard;
    Output err = Output::discard;
    std::size_t capture_limit = 4096; // bytes of each captured stream kept (the last ones)
    std::string out_file;             // with `out = Output::file`: created or truncated first
    std::string in_file;              // the child's stdin; empty: /dev/null
    std::optional<std::chrono::nanoseconds> timeout;
    std::optional<std::string> working_directory;
    // Variables set in the child on top of perfgate's own environment (replacing any of the
    // same name); empty: the child inherits perfgate's environment unchanged.
    std::map<std::string, std::string> environment;
};

// How one child process ended, with its resource usage from wait4.
struct ProcessResult
{
    bool started = false; // false: the program could not be started, see `start_error`
    std::string start_error;
    bool timed_out = false;   // killed (with its whole group) at the timeout
    bool interrupted = false; // killed because perfgate received SIGINT/SIGTERM/SIGHUP
    int exit_code = -1;       // when exited normally
    int signal = 0;           // when killed by a signal
    double wall_seconds = 0;
    double user_seconds = 0;
    double sys_seconds = 0;
    double peak_rss_bytes = 0;
    std::string out; // captured tail of stdout
    std::string err; // captured tail of stderr

    bool succeeded() const
    {
        return started && !timed_out && !interrupted && signal == 0 && exit_code == 0;
    }

    // Describe how the process ended: "exit code 1", "killed by signal 11 (SIGSEGV)", "timed out".
    std::string describe_end() const;
};

// Run one child in its own process group with stdin from /dev/null (or `in_file`) and wait for
// it; a file that cannot be opened is a start error.
// Wall time spans the spawn to reaping, on CLOCK_MONOTONIC; user, sys and peak RSS are that
// child's own, from wait4. The child is killed (SIGKILL) if perfgate dies. On timeout or
// interruption the whole process group is killed; however the child ends, what is left of its
// group and every orphan it left (perfgate is their child subreaper: background processes,
// daemons that called setsid) is killed and reaped before this returns.
// Note: perfgate runs one child at a time, so every other child of the calling process counts
// as left over; a caller must not keep children of its own beside this.
ProcessResult run_process(const SpawnOptions& options);

// Install SIGINT/SIGTERM/SIGHUP handlers that kill the running child's process group and make
// `interrupt_requested()` true. Safe to call more than once.
void install_interrupt_handlers();

// True once SIGINT, SIGTERM or SIGHUP was received.
bool interrupt_requested();

// Return the signal name for `signal` ("SIGSEGV"), or "signal N".
std::string signal_name(int signal);

} // namespace perfgate::util
