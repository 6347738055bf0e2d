#include <core/units.hpp>
#include <runners/gbench_ingest.hpp>
#include <runners/gbench_json.hpp>
#include <runners/gbench_run.hpp>
#include <runners/program_output.hpp>
#include <util/error.hpp>
#include <util/file.hpp>
#include <util/process.hpp>

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace perfgate::runners {
namespace {

namespace fs = std::filesystem;
using core::Status;

// A temporary file removed when it goes out of scope.
class TemporaryFile
{
public:
    TemporaryFile()
    {
        std::string pattern = (fs::temp_directory_path() / "perfgate-gbench-XXXXXX.json").string();
        const int fd = ::mkstemps(pattern.data(), 5);
        if (fd < 0) {
            fail(ExitCode::measurement, "cannot create a temporary file: {}", os_error(errno));
        }
        ::close(fd);
        m_path = pattern;
    }
    TemporaryFile(const TemporaryFile&) = delete;
    TemporaryFile& operator=(const TemporaryFile&) = delete;
    ~TemporaryFile()
    {
        std::error_code ignored;
        fs::remove(m_path, ignored);
    }

    const fs::path& path() const { return m_path; }

private:
    fs::path m_path;
};

} // namespace

std::string exact_filter(const std::vector<std::string>& names)
{
    std::string filter = "^(";
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0) {
            filter += '|';
        }
        for (char c : names[i]) {
            // Note: the library's engine (std::regex, POSIX extended grammar, or regcomp)
            // rejects "\]" and "\}"; outside a bracket or a bound they are plain characters.
            if (std::string_view(".[{()\\*+?^$|").find(c) != std::string_view::npos) {
                filter += '\\';
            }
            filter += c;
        }
    }
    return filter + ")$";
}

std::vector<std::string> benchmark_command(const BenchmarkProgram& program,
                                           const std::vector<std::string>& names,
                                           const GoogleBenchmarkSettings& settings,
                                           const std::string& output)
{
    std::vector<std::string> argv{program.executable.string()};
    argv.insert(argv.end(), program.extra_args.begin(), program.extra_args.end());
    argv.push_back(fmt::format("--benchmark_out={}", output));
    argv.emplace_back("--benchmark_out_format=json");
    argv.push_back(fmt::format("--benchmark_repetitions={}", settings.repetitions));
    argv.emplace_back("--benchmark_enable_random_interleaving=true");
    // Note: 1.7 takes a bare number of seconds only; 1.8+ warns about one and wants "0.1s".
    argv.push_back(fmt::format(
        "--benchmark_min_time={}{}", settings.min_time, program.min_time_with_unit ? "s" : ""));
    std::vector<std::string> run_names;
    run_names.reserve(names.size());
    for (const auto& name : names) {
        run_names.push_back(program.run_name(name));
    }
    argv.push_back(fmt::format("--benchmark_filter={}", exact_filter(run_names)));
    return argv;
}

namespace {

// One execution of a program on some of its benchmarks: what it reported and how it ended.
struct Attempt
{
    std::vector<core::BenchmarkResult> found;
    std::string problem; // why benchmarks without a result have none
    util::ProcessResult process;
};

Attempt attempt(const BenchmarkProgram& program,
                const std::vector<std::string>& names,
                const GoogleBenchmarkSettings& settings)
{
    const TemporaryFile output;
    util::SpawnOptions options;
    options.argv = benchmark_command(program, names, settings, output.path().string());
    options.out = util::Output::capture;
    options.err = util::Output::capture;
    // Note: capped at about 31 years, far inside what nanoseconds hold, whatever the settings.
    constexpr double k_longest_timeout = 1e9;
    const double timeout =
        std::min(settings.timeout * static_cast<double>(std::max<std::size_t>(1, names.size())),
                 k_longest_timeout);
    options.timeout = std::chrono::duration_cast<std::chrono::nanoseconds>(
        std::chrono::duration<double>(timeout));

    Attempt result;
    result.process = util::run_process(options);
    const auto& process = result.process;
    const auto display = program.executable.string();
    if (!process.started) {
        result.problem = fmt::format("'{}' could not start: {}", display, process.start_error);
        return result;
    }
    try {
        result.found = ingest_google_benchmark(
            read_google_benchmark(util::read_file(output.path()), display, !process.succeeded()),
            program.prefix,
            display);
    } catch (const Error& error) {
        result.problem = error.what();
    }
    const std::string when = names.size() == 1 ? "while running it" : "before finishing it";
    if (process.timed_out) {
        result.problem = fmt::format("'{}' timed out after {} {}; its process group was killed",
                                     display,
                                     core::format_time(timeout),
                                     when);
    } else if (process.interrupted) {
        result.problem = "interrupted";
    } else if (!process.succeeded()) {
        result.problem =
            fmt::format("'{}' {} {}{}",
                        display,
                        process.signal != 0 ? fmt::format("was {}", process.describe_end())
                                            : fmt::format("exited with code {}", process.exit_code),
                        when,
                        output_hint(process.out, process.err));
    } else if (result.problem.empty() && result.found.empty()) {
        result.problem = fmt::format("'{}' exited 0 but produced no benchmarks{}",
                                     display,
                                     output_hint(process.out, process.err));
    } else if (!result.problem.empty()) {
        // Note: the library reports a bad filter on stderr and exits 0 with no output.
        result.problem += output_hint(process.out, process.err);
    }
    return result;
}

// Return the result with `id` in `found`, if there is one.
std::optional<core::BenchmarkResult> take(const std::vector<core::BenchmarkResult>& found,
                                          const std::string& id)
{
    const auto it =
        std::find_if(found.begin(), found.end(), [&](const auto& r) { return r.id == id; });
    if (it == found.end()) {
        return std::nullopt;
    }
    return *it;
}

// The result of a listed benchmark that `attempt` left without one.
core::BenchmarkResult
unfinished(const BenchmarkProgram& program, const std::string& id, const Attempt& attempt)
{
    core::BenchmarkResult result;
    result.id = id;
    result.source = core::Source::google_benchmark;
    result.executable = program.executable.string();
    result.status = attempt.process.timed_out     ? Status::timeout
                    : attempt.process.interrupted ? Status::interrupted
                                                  : Status::failed;
    result.message = attempt.problem.empty()
                         ? fmt::format("'{}' reported no result for it", result.executable)
                         : attempt.problem;
    return result;
}

// True when `result` holds every repetition asked for (or the library's own error or skip).
bool finished(const core::BenchmarkResult& result, int repetitions)
{
    if (result.status != Status::ok) {
        return true;
    }
    const auto* real_time = result.find_metric("real_time");
    return real_time != nullptr &&
           real_time->samples.size() >= static_cast<std::size_t>(std::max(1, repetitions));
}

// Return the result with `id` that `attempt` finished: after an abnormal end, one missing some
// of its repetitions was cut short, so it has none.
std::optional<core::BenchmarkResult>
take_finished(const Attempt& attempt, const std::string& id, int repetitions)
{
    auto found = take(attempt.found, id);
    if (found && !attempt.process.succeeded() && !finished(*found, repetitions)) {
        return std::nullopt;
    }
    return found;
}

// Return `result` failed by the abnormal end of `attempt`, which came after its repetitions.
core::BenchmarkResult failed_after(core::BenchmarkResult result, const Attempt& attempt)
{
    if (result.status != Status::ok) {
        return result;
    }
    result.status = attempt.process.timed_out     ? Status::timeout
                    : attempt.process.interrupted ? Status::interrupted
                                                  : Status::failed;
    result.message = fmt::format("{} (after writing its results)", attempt.problem);
    return result;
}

} // namespace

std::vector<core::BenchmarkResult> run_google_benchmark(const BenchmarkProgram& program,
                                                        const GoogleBenchmarkSettings& settings,
                                                        core::RunObserver& observer)
{
    const auto first = attempt(program, program.benchmarks, settings);
    const auto& process = first.process;
    const bool abnormal = process.started && !process.succeeded();
    // Note: a crash loses every benchmark whose repetitions were not all done, and with random
    // interleaving that is most of them; each is run again alone, which also pins the crash on
    // the benchmark that caused it. A crash after every benchmark finished (at exit, say) runs
    // them all again alone: an abnormal end never passes.
    const bool crashed =
        abnormal && !process.timed_out && !process.interrupted && program.benchmarks.size() > 1;
    const bool all_finished =
        std::all_of(program.benchmarks.begin(), program.benchmarks.end(), [&](const auto& name) {
            return take_finished(
                       first, fmt::format("{}/{}", program.prefix, name), settings.repetitions)
                .has_value();
        });

    std::vector<core::BenchmarkResult> results;
    for (const auto& name : program.benchmarks) {
        const auto id = fmt::format("{}/{}", program.prefix, name);
        auto found = take_finished(first, id, settings.repetitions);
        if ((!found || all_finished) && crashed && !util::interrupt_requested()) {
            const auto alone = attempt(program, {name}, settings);
            found = take_finished(alone, id, settings.repetitions);
            if (found && !alone.process.succeeded()) {
                found = failed_after(std::move(*found), alone);
            } else if (!found) {
                found = unfinished(program, id, alone);
            }
        } else if (found && abnormal && all_finished) {
            found = failed_after(std::move(*found), first);
        }
        results.push_back(found ? std::move(*found) : unfinished(program, id, first));
        observer.finished(results.back());
    }
    return results;
}

} // namespace perfgate::runners
