#include <core/stats.hpp>
#include <core/units.hpp>
#include <runners/command_runner.hpp>
#include <util/clock.hpp>
#include <util/error.hpp>
#include <util/process.hpp>
#include <util/shell_words.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <numeric>
#include <random>

namespace perfgate::runners {
namespace {

using core::Status;
using Argv = std::vector<std::string>;

// Where `failures` is among a command's metrics (after wall, user, sys, cpu, peak_rss), when
// failures are ignored.
constexpr std::size_t k_failures_index = 5;

// Runs of `sh -c ''` timed to estimate a shell's own start-up cost.
constexpr int k_shell_probe_runs = 20;

} // namespace

// One benchmark while it is being sampled.
struct CommandSession::State
{
    const CommandBenchmark* spec = nullptr;
    core::BenchmarkResult result;
    Argv argv;
    std::optional<Argv> setup, prepare, conclude, cleanup;
    double started = 0;  // monotonic seconds at its first run
    double measured = 0; // sum of measured wall times
    int runs = 0;
    bool done = false;
    bool set_up = false;   // setup ran (so cleanup must)
    bool reported = false; // the observer was told it finished
    std::string display;   // the command as error messages name it

    std::vector<double>& wall() { return result.metrics[0].samples; }
};

namespace {

using State = CommandSession::State;

// Which run of a benchmark a process is: the command itself gets `--input` and `--output`,
// its hooks do not.
enum class Role { hook, command };

util::ProcessResult run_once(const Argv& argv,
                             const Sampling& sampling,
                             const std::optional<std::string>& directory = std::nullopt,
                             Role role = Role::hook)
{
    util::SpawnOptions options;
    options.argv = argv;
    options.working_directory = directory;
    options.out = sampling.show_output ? util::Output::inherit : util::Output::discard;
    options.err = sampling.show_output ? util::Output::inherit : util::Output::capture;
    if (role == Role::command) {
        options.in_file = sampling.input_file;
        switch (sampling.output) {
        case CommandOutput::null:
            break;
        case CommandOutput::pipe:
            // Note: the captured tail is dropped; only the reading matters.
            options.out = util::Output::capture;
            break;
        case CommandOutput::inherit:
            options.out = options.err = util::Output::inherit;
            break;
        case CommandOutput::file:
            options.out = util::Output::file;
            options.out_file = sampling.output_file;
            break;
        }
    }
    options.timeout = std::chrono::duration_cast<std::chrono::nanoseconds>(
        std::chrono::duration<double>(sampling.timeout));
    return util::run_process(options);
}

// Return the last line of a child's stderr, shortened, for an error message.
std::string stderr_excerpt(std::string_view err)
{
    while (!err.empty() && (err.back() == '\n' || err.back() == ' ' || err.back() == '\r')) {
        err.remove_suffix(1);
    }
    const auto newline = err.rfind('\n');
    std::string_view line = newline == std::string_view::npos ? err : err.substr(newline + 1);
    constexpr std::size_t k_max = 200;
    if (line.size() > k_max) {
        line = line.substr(line.size() - k_max);
    }
    return line.empty() ? std::string() : fmt::format(" (stderr: {})", line);
}

// Mark `state` as ended by `process` unless that run succeeded (or failure is ignored).
// Return true when the benchmark cannot continue.
bool check_run(State& state,
               const util::ProcessResult& process,
               std::string_view what,
               const Sampling& sampling)
{
    auto end = [&](Status status, std::string message) {
        state.result.status = status;
        state.result.message = std::move(message);
        state.done = true;
        return true;
    };
    if (process.interrupted) {
        return end(Status::interrupted, fmt::format("interrupted after {} runs", state.runs));
    }
    if (!process.started) {
        return end(Status::failed,
                   fmt::format("{}: could not start: {}", what, process.start_error));
    }
    if (process.timed_out) {
        return end(Status::timeout,
                   fmt::format("{} timed out after {}; its process group was killed",
                               what,
                               core::format_time(sampling.timeout)));
    }
    if (process.succeeded() || sampling.ignore_failure) {
        return false;
    }
    const std::string how = process.signal != 0
                                ? fmt::format("was {}", process.describe_end())
                                : fmt::format("exited with code {}", process.exit_code);
    return end(Status::failed, fmt::format("{} {}{}", what, how, stderr_excerpt(process.err)));
}

// Run one hook of `state`; return true when it failed (and so did the benchmark).
bool run_hook(State& state,
              const std::optional<Argv>& hook,
              std::string_view name,
              const Sampling& sampling)
{
    if (!hook) {
        return false;
    }
    return check_run(state,
                     run_once(*hook, sampling, state.spec->working_directory),
                     fmt::format("{} command", name),
                     sampling);
}

void record(State& state, const util::ProcessResult& process)
{
    auto& metrics = state.result.metrics;
    metrics[0].samples.push_back(process.wall_seconds);
    metrics[1].samples.push_back(process.user_seconds);
    metrics[2].samples.push_back(process.sys_seconds);
    metrics[3].samples.push_back(process.user_seconds + process.sys_seconds);
    metrics[4].samples.push_back(process.peak_rss_bytes);
    if (metrics.size() > k_failures_index) {
        metrics[k_failures_index].samples.push_back(process.succeeded() ? 0.0 : 1.0);
    }
    state.result.exit_codes.push_back(process.exit_code);
    state.measured += process.wall_seconds;
    ++state.runs;
}

bool precise_enough(std::vector<double> samples, double precision)
{
    std::sort(samples.begin(), samples.end());
    const auto interval = core::median_interval_sorted(samples);
    const double median = core::quantile_sorted(samples, 0.5);
    return median > 0 && (interval.high - interval.low) / 2.0 <= precision * median;
}

bool has_enough(State& state, const Sampling& sampling)
{
    if (state.runs >= sampling.max_runs) {
        return true;
    }
    if (state.runs < sampling.min_runs) {
        return false;
    }
    if (sampling.precision) {
        return precise_enough(state.wall(), *sampling.precision);
    }
    return state.measured >= sampling.min_time;
}

int planned_runs(const State& state, const Sampling& sampling)
{
    if (state.runs == 0 || sampling.precision) {
        return std::max(sampling.min_runs, state.runs);
    }
    const double per_run = state.measured / state.runs;
    const double wanted = per_run > 0 ? std::ceil(sampling.min_time / per_run) : sampling.max_runs;
    return static_cast<int>(std::clamp(
        wanted, static_cast<double>(sampling.min_runs), static_cast<double>(sampling.max_runs)));
}

// Return the argv that runs `text` under `shell`, a program with its own arguments
// ("bash --norc"), as hyperfine's `--shell` takes it.
Argv shell_argv(const std::string& shell, const std::string& text)
{
    auto argv = util::split_shell_words(shell);
    if (argv.empty()) {
        fail(ExitCode::usage, "empty --shell");
    }
    argv.insert(argv.end(), {"-c", text});
    return argv;
}

// Return the median wall time of `shell -c ''`, the cost every command run under it carries.
double measure_shell_startup(const std::string& shell, const Sampling& sampling)
{
    std::vector<double> times;
    const auto argv = shell_argv(shell, "");
    for (int i = 0; i < k_shell_probe_runs && !util::interrupt_requested(); ++i) {
        const auto process = run_once(argv, sampling);
        if (!process.succeeded()) {
            fail(ExitCode::measurement, "shell '{}' {}", shell, process.describe_end());
        }
        times.push_back(process.wall_seconds);
    }
    return times.empty() ? 0.0 : core::median(times);
}

State make_state(const CommandBenchmark& spec, const ShellChoice& shell, const Sampling& sampling)
{
    State state;
    state.spec = &spec;
    auto& result = state.result;
    result.id = spec.id;
    result.source = core::Source::command;
    std::tie(state.argv, result.shell) = resolve_command(spec.command, shell);
    result.command = state.argv;
    state.display =
        spec.command.argv.empty() ? spec.command.text : util::join_shell_words(spec.command.argv);
    result.parameters = spec.parameters;
    auto resolve_hook = [&](const std::optional<CommandLine>& hook) -> std::optional<Argv> {
        if (!hook) {
            return std::nullopt;
        }
        return resolve_command(*hook, shell).first;
    };
    state.setup = resolve_hook(spec.setup);
    state.prepare = resolve_hook(spec.prepare);
    state.conclude = resolve_hook(spec.conclude);
    state.cleanup = resolve_hook(spec.cleanup);
    using core::Better;
    result.metric("wall", "s", Better::lower);
    result.metric("user", "s", Better::lower);
    result.metric("sys", "s", Better::lower);
    result.metric("cpu", "s", Better::lower);
    result.metric("peak_rss", "B", Better::lower);
    if (sampling.ignore_failure) {
        // Per run 1 for a non-zero exit or a signal, 0 otherwise: its mean is the failure rate.
        result.metric("failures", "", Better::lower);
    }
    return state;
}

// One run of `state` wrapped by its prepare and conclude hooks; `measured` records it, else it
// is warmup run number `warmup` (from 0).
void run_wrapped(State& state, const Sampling& sampling, bool measured, int warmup = 0)
{
    if (run_hook(state, state.prepare, "prepare", sampling)) {
        return;
    }
    const auto process =
        run_once(state.argv, sampling, state.spec->working_directory, Role::command);
    const auto what = measured ? fmt::format("run {} of '{}'", state.runs + 1, state.display)
                               : fmt::format("warmup run {} of '{}'", warmup + 1, state.display);
    if (check_run(state, process, what, sampling)) {
        return;
    }
    if (measured) {
        record(state, process);
    }
    run_hook(state, state.conclude, "conclude", sampling);
}

} // namespace

void validate(const Sampling& sampling)
{
    if (sampling.min_runs < 1) {
        fail(ExitCode::usage, "the number of runs must be at least 1, not {}", sampling.min_runs);
    }
    if (sampling.max_runs < sampling.min_runs) {
        fail(ExitCode::usage,
             "the minimum number of runs ({}) is larger than the maximum ({})",
             sampling.min_runs,
             sampling.max_runs);
    }
    if (sampling.warmup < 0) {
        fail(ExitCode::usage, "the number of warmup runs cannot be negative");
    }
    if (!(sampling.timeout > 0)) {
        fail(ExitCode::usage, "the timeout must be positive");
    }
    if (sampling.min_time < 0) {
        fail(ExitCode::usage, "the minimum time cannot be negative");
    }
    if (sampling.precision && !(*sampling.precision > 0)) {
        fail(ExitCode::usage, "the precision must be a positive percentage");
    }
}

std::pair<std::vector<std::string>, std::string> resolve_command(const CommandLine& command,
                                                                 const ShellChoice& shell)
{
    if (!command.argv.empty()) {
        return {command.argv, ""};
    }
    const bool use_shell =
        shell.mode == ShellChoice::Mode::always ||
        (shell.mode == ShellChoice::Mode::automatic && util::needs_shell(command.text));
    if (use_shell) {
        return {shell_argv(shell.path, command.text), shell.path};
    }
    auto argv = util::split_shell_words(command.text);
    if (argv.empty()) {
        fail(ExitCode::usage, "empty command");
    }
    return {std::move(argv), ""};
}

std::vector<core::BenchmarkResult>
run_command_benchmarks(const std::vector<CommandBenchmark>& benchmarks,
                       const Sampling& sampling,
                       const ShellChoice& shell,
                       core::RunObserver& observer)
{
    validate(sampling);
    std::vector<State> states;
    states.reserve(benchmarks.size());
    for (const auto& spec : benchmarks) {
        states.push_back(make_state(spec, shell, sampling));
    }

    std::map<std::string, double> shell_startup;
    for (auto& state : states) {
        const auto& path = state.result.shell;
        if (!path.empty()) {
            if (!shell_startup.contains(path)) {
                shell_startup[path] = measure_shell_startup(path, sampling);
            }
            state.result.shell_startup_seconds = shell_startup[path];
        }
    }

    auto active = [&] {
        std::vector<std::size_t> indices;
        for (std::size_t i = 0; i < states.size(); ++i) {
            if (!states[i].done) {
                indices.push_back(i);
            }
        }
        return indices;
    };
    auto interrupted = [&] {
        if (!util::interrupt_requested()) {
            return false;
        }
        for (auto& state : states) {
            if (!state.done) {
                state.result.status = Status::interrupted;
                state.result.message = fmt::format("interrupted after {} runs", state.runs);
                state.done = true;
            }
        }
        return true;
    };

    for (auto& state : states) {
        state.started = util::monotonic_seconds();
        if (!interrupted() && !run_hook(state, state.setup, "setup", sampling)) {
            state.set_up = true;
        }
    }
    for (int round = 0; round < sampling.warmup; ++round) {
        for (std::size_t i : active()) {
            if (!interrupted()) {
                run_wrapped(states[i], sampling, false, round);
            }
        }
    }

    std::mt19937_64 random(sampling.seed);
    for (auto order = active(); !order.empty() && !interrupted(); order = active()) {
        std::shuffle(order.begin(), order.end(), random);
        for (std::size_t i : order) {
            auto& state = states[i];
            if (interrupted()) {
                break;
            }
            run_wrapped(state, sampling, true);
            if (!state.done && has_enough(state, sampling)) {
                state.done = true;
            }
            if (state.runs > 0) {
                observer.progressed(
                    {.id = state.result.id,
                     .runs = state.runs,
                     .planned = state.done ? state.runs : planned_runs(state, sampling),
                     .elapsed = util::monotonic_seconds() - state.started,
                     .samples = state.wall(),
                     .unit = "s"});
            }
            if (state.done) {
                observer.finished(state.result);
                state.reported = true;
            }
        }
    }

    std::vector<core::BenchmarkResult> results;
    results.reserve(states.size());
    for (auto& state : states) {
        if (state.set_up && !util::interrupt_requested()) {
            run_hook(state, state.cleanup, "cleanup", sampling);
        }
        if (!state.reported) {
            observer.finished(state.result);
        }
        results.push_back(std::move(state.result));
    }
    return results;
}

CommandSession::CommandSession(const CommandBenchmark& spec,
                               const ShellChoice& shell,
                               const Sampling& sampling)
    : m_state(std::make_unique<State>(make_state(spec, shell, sampling))), m_sampling(&sampling)
{}

CommandSession::CommandSession(CommandSession&&) noexcept = default;
CommandSession& CommandSession::operator=(CommandSession&&) noexcept = default;
CommandSession::~CommandSession() = default;

void CommandSession::measure_shell()
{
    if (!m_state->result.shell.empty()) {
        m_state->result.shell_startup_seconds =
            measure_shell_startup(m_state->result.shell, *m_sampling);
    }
}

void CommandSession::start()
{
    auto& state = *m_state;
    state.started = util::monotonic_seconds();
    if (util::interrupt_requested()) {
        return;
    }
    if (!run_hook(state, state.setup, "setup", *m_sampling)) {
        state.set_up = true;
    }
    for (int round = 0; round < m_sampling->warmup && !state.done; ++round) {
        run_wrapped(state, *m_sampling, false, round);
    }
}

core::BenchmarkResult CommandSession::measure()
{
    auto& state = *m_state;
    if (!state.done && util::interrupt_requested()) {
        state.result.status = Status::interrupted;
        state.result.message = fmt::format("interrupted after {} runs", state.runs);
        state.done = true;
    }
    const int before = state.runs;
    if (!state.done) {
        run_wrapped(state, *m_sampling, true);
    }
    core::BenchmarkResult run = state.result;
    for (auto& metric : run.metrics) {
        const bool measured = state.runs > before && !metric.samples.empty();
        metric.samples =
            measured ? std::vector<double>{metric.samples.back()} : std::vector<double>{};
    }
    run.exit_codes =
        state.runs > before ? std::vector<int>{state.result.exit_codes.back()} : std::vector<int>{};
    return run;
}

void CommandSession::finish()
{
    auto& state = *m_state;
    if (state.set_up && !util::interrupt_requested()) {
        run_hook(state, state.cleanup, "cleanup", *m_sampling);
        state.set_up = false;
    }
}

bool CommandSession::done() const
{
    return m_state->done;
}

const core::BenchmarkResult& CommandSession::result() const
{
    return m_state->result;
}

} // namespace perfgate::runners
