#pragma once

#include <core/results.hpp>
#include <core/run_observer.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace perfgate::runners {

// How a command string is turned into a process.
struct ShellChoice
{
    enum class Mode { automatic, never, always };
    Mode mode = Mode::automatic;  // automatic: a shell only for strings with shell syntax
    std::string path = "/bin/sh"; // a program and its arguments ("bash --norc"), then -c
};

// A command as the user gave it: an argv, or one string.
struct CommandLine
{
    std::vector<std::string> argv; // used when non-empty
    std::string text;              // otherwise this string
};

// What runs a command benchmark, with its hooks.
struct CommandBenchmark
{
    std::string id;
    CommandLine command;
    std::optional<CommandLine> setup;              // once, before its first run
    std::optional<CommandLine> prepare;            // before every run (warmup included)
    std::optional<CommandLine> conclude;           // after every run (warmup included)
    std::optional<CommandLine> cleanup;            // once, after its last run
    std::optional<std::string> working_directory;  // for it and its hooks; perfgate's by default
    std::map<std::string, std::string> parameters; // `--parameter-*` values it was made with
};

// Where a benchmarked command's stdout goes (hyperfine's `--output`).
enum class CommandOutput {
    null,    // /dev/null
    pipe,    // a pipe perfgate reads and drops, as a consumer of the output would
    inherit, // perfgate's own stdout and stderr
    file     // `Sampling::output_file`, created or truncated by every run
};

// How long to sample (README, "Run commands").
struct Sampling
{
    int warmup = 1;
    int min_runs = 10;
    int max_runs = 500;
    double min_time = 3.0;           // seconds of measured time to reach
    double timeout = 300.0;          // seconds per run; the whole process group is killed
    std::optional<double> precision; // stop once the median's 95% interval is this tight
    bool ignore_failure = false;     // a non-zero exit does not fail the benchmark
    bool show_output = false;        // let the commands' output through
    CommandOutput output = CommandOutput::null; // the measured command's stdout
    std::string output_file;                    // with CommandOutput::file
    std::string input_file;                     // the measured command's stdin; empty: none
    std::uint64_t seed = 0;                     // for the shuffled order of each round
};

// Throw Error(usage) when `sampling` cannot be satisfied (runs < 1, min > max, ...).
void validate(const Sampling& sampling);

// Return the argv that runs `command` under `shell`, and the shell used ("" when direct).
std::pair<std::vector<std::string>, std::string> resolve_command(const CommandLine& command,
                                                                 const ShellChoice& shell);

// One command benchmark sampled run by run, for rounds driven from outside (interleaved base
// and head). Failures end in the result's status and message, never as exceptions.
class CommandSession
{
public:
    CommandSession(const CommandBenchmark& spec,
                   const ShellChoice& shell,
                   const Sampling& sampling);
    CommandSession(CommandSession&&) noexcept;
    CommandSession& operator=(CommandSession&&) noexcept;
    ~CommandSession();

    // Measure the start-up cost of the shell the command runs under, if any.
    void measure_shell();

    // Run the setup hook, then the warmup runs.
    void start();

    // Run the command once more, wrapped by its prepare and conclude hooks; return the result of
    // that run alone: one sample per metric, or the failure that ended the benchmark.
    core::BenchmarkResult measure();

    // Run the cleanup hook, once, when the setup ran.
    void finish();

    // True once the benchmark failed or was interrupted: it runs no more.
    bool done() const;

    // The result so far: every measured run.
    const core::BenchmarkResult& result() const;

    // What a session holds while it samples (defined in command_runner.cpp).
    struct State;

private:
    std::unique_ptr<State> m_state;
    const Sampling* m_sampling;
};

// Run every benchmark interleaved (one run of each per round, in a shuffled order) until each
// has its samples; return one result per benchmark, in the given order. Failures, timeouts and
// interruption end up in each result's status and message, never as exceptions.
std::vector<core::BenchmarkResult>
run_command_benchmarks(const std::vector<CommandBenchmark>& benchmarks,
                       const Sampling& sampling,
                       const ShellChoice& shell,
                       core::RunObserver& observer);

} // namespace perfgate::runners
