#include <core/json_file.hpp>
#include <core/units.hpp>
#include <runners/criterion.hpp>
#include <runners/harness_run.hpp>
#include <runners/id_filter.hpp>
#include <runners/pytest_benchmark.hpp>
#include <runners/samples_file.hpp>
#include <util/error.hpp>
#include <util/process.hpp>
#include <util/shell_words.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <system_error>

namespace perfgate::runners {
namespace {

namespace fs = std::filesystem;
using core::BenchmarkKind;
using core::Status;

// A fresh folder under the system's temporary folder, removed with what the harness wrote.
class TemporaryDirectory
{
public:
    TemporaryDirectory()
    {
        std::string pattern = (fs::temp_directory_path() / "perfgate-harness-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr) {
            fail(ExitCode::measurement, "cannot create a temporary folder: {}", os_error(errno));
        }
        m_path = pattern;
    }
    TemporaryDirectory(const TemporaryDirectory&) = delete;
    TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;
    ~TemporaryDirectory()
    {
        std::error_code ignored;
        fs::remove_all(m_path, ignored);
    }

    const fs::path& path() const { return m_path; }

private:
    fs::path m_path;
};

// Where a harness writes, how perfgate tells it so, and how messages name that place.
struct Destination
{
    fs::path path;
    std::string variable; // set in the command's environment
    std::string value;
    std::string shown; // replaces `path` in messages: the temporary folder is gone by then
};

Destination destination_for(BenchmarkKind kind, const fs::path& directory)
{
    if (kind == BenchmarkKind::criterion) {
        const auto path = directory / "criterion";
        return {path, "CRITERION_HOME", path.string(), "$CRITERION_HOME"};
    }
    if (kind == BenchmarkKind::pytest_benchmark) {
        // Note: pytest splits PYTEST_ADDOPTS like a shell; what the user set there is kept.
        const auto path = directory / "benchmark.json";
        const char* before = std::getenv("PYTEST_ADDOPTS");
        const auto option = util::join_shell_words({"--benchmark-json=" + path.string()});
        return {path,
                "PYTEST_ADDOPTS",
                before != nullptr && *before != '\0' ? fmt::format("{} {}", before, option)
                                                     : option,
                "--benchmark-json"};
    }
    const auto path = directory / "samples.json";
    return {path, "PERFGATE_SAMPLES", path.string(), "$PERFGATE_SAMPLES"};
}

// Return `text` with every `from` replaced by `to`.
std::string replace_all(std::string text, const std::string& from, const std::string& to)
{
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
        text.replace(at, from.size(), to);
    }
    return text;
}

// Return the last line with text of `output`, shortened, for an error message.
std::string last_line(std::string_view output)
{
    while (!output.empty() &&
           (output.back() == '\n' || output.back() == ' ' || output.back() == '\r')) {
        output.remove_suffix(1);
    }
    const auto newline = output.rfind('\n');
    const auto line = newline == std::string_view::npos ? output : output.substr(newline + 1);
    constexpr std::size_t k_max = 200;
    return std::string(line.size() > k_max ? line.substr(line.size() - k_max) : line);
}

// Read what the harness wrote at `output.path`; nothing when it wrote nothing there.
std::optional<std::vector<core::BenchmarkResult>> read_output(const HarnessBenchmark& benchmark,
                                                              const Destination& output)
{
    std::error_code error;
    if (!fs::exists(output.path, error)) {
        return std::nullopt;
    }
    if (benchmark.kind == BenchmarkKind::criterion) {
        return import_criterion(output.path, benchmark.name);
    }
    const auto json = core::read_json_file(output.path);
    if (benchmark.kind == BenchmarkKind::pytest_benchmark) {
        if (!is_pytest_benchmark_json(json)) {
            fail(ExitCode::usage,
                 "'{}': not pytest-benchmark output (expected \"benchmarks\" and \"machine_info\")",
                 output.path.string());
        }
        return import_pytest_benchmark(json, output.path.string(), benchmark.name).benchmarks;
    }
    return import_samples(json, output.path.string(), benchmark.name);
}

std::string missing_output(BenchmarkKind kind)
{
    if (kind == BenchmarkKind::criterion) {
        return "wrote no criterion results to $CRITERION_HOME (does it run criterion "
               "benchmarks, such as 'cargo bench'?)";
    }
    if (kind == BenchmarkKind::pytest_benchmark) {
        return "wrote no --benchmark-json file (is pytest-benchmark installed, and does a test use "
               "the benchmark fixture?)";
    }
    return "did not write the file named by $PERFGATE_SAMPLES";
}

} // namespace

core::Source source_of(core::BenchmarkKind kind)
{
    switch (kind) {
    case BenchmarkKind::criterion:
        return core::Source::criterion;
    case BenchmarkKind::pytest_benchmark:
        return core::Source::pytest_benchmark;
    case BenchmarkKind::samples:
        return core::Source::samples;
    case BenchmarkKind::google_benchmark:
        return core::Source::google_benchmark;
    case BenchmarkKind::command:
        break;
    }
    return core::Source::command;
}

std::vector<HarnessBenchmark> plan_harnesses(const core::Config& config)
{
    std::vector<HarnessBenchmark> harnesses;
    for (const auto& entry : config.benchmarks) {
        if (!core::is_harness(entry.kind)) {
            continue;
        }
        HarnessBenchmark harness;
        harness.name = entry.name;
        harness.kind = entry.kind;
        harness.command = {entry.argv, entry.command_string.value_or("")};
        harness.working_directory = config.root.string();
        harness.timeout = entry.timeout.value_or(config.run.timeout);
        harnesses.push_back(std::move(harness));
    }
    return harnesses;
}

std::vector<core::BenchmarkResult> run_harness(const HarnessBenchmark& benchmark,
                                               const ShellChoice& shell)
{
    const auto [argv, used_shell] = resolve_command(benchmark.command, shell);
    const auto display = benchmark.command.argv.empty()
                             ? benchmark.command.text
                             : util::join_shell_words(benchmark.command.argv);
    core::BenchmarkResult failure;
    failure.id = benchmark.name;
    failure.source = source_of(benchmark.kind);
    failure.command = argv;
    failure.shell = used_shell;

    std::vector<core::BenchmarkResult> results;
    const auto finish = [&](std::optional<core::BenchmarkResult> failed) {
        if (!benchmark.filter.empty()) {
            const IdFilter filter(benchmark.filter);
            std::erase_if(results, [&](const auto& r) { return !filter.matches(r.id); });
        }
        if (failed) {
            results.push_back(std::move(*failed));
        }
        return results;
    };
    const auto failed = [&](Status status, std::string message) {
        failure.status = status;
        failure.message = std::move(message);
        return failure;
    };
    if (util::interrupt_requested()) {
        return finish(failed(Status::interrupted, "interrupted before it ran"));
    }

    const TemporaryDirectory directory;
    const auto output = destination_for(benchmark.kind, directory.path());
    util::SpawnOptions options;
    options.argv = argv;
    options.working_directory = benchmark.working_directory;
    options.environment = {{output.variable, output.value}};
    options.out = util::Output::capture;
    options.err = util::Output::capture;
    options.timeout = std::chrono::duration_cast<std::chrono::nanoseconds>(
        std::chrono::duration<double>(benchmark.timeout));
    const auto process = util::run_process(options);

    if (!process.started) {
        return finish(failed(
            Status::failed, fmt::format("'{}' could not start: {}", display, process.start_error)));
    }
    if (process.interrupted) {
        return finish(failed(Status::interrupted, "interrupted"));
    }
    std::string problem;
    try {
        if (auto read = read_output(benchmark, output)) {
            results = std::move(*read);
        } else if (process.succeeded()) {
            problem = fmt::format("'{}' exited 0 but {}", display, missing_output(benchmark.kind));
        }
    } catch (const Error& error) {
        problem = fmt::format("'{}' wrote results perfgate cannot read: {}",
                              display,
                              replace_all(error.what(), output.path.string(), output.shown));
    }
    if (process.timed_out) {
        return finish(failed(Status::timeout,
                             fmt::format("'{}' timed out after {}; its process group was killed",
                                         display,
                                         core::format_time(benchmark.timeout))));
    }
    if (!process.succeeded()) {
        const auto hint = last_line(process.err.empty() ? process.out : process.err);
        return finish(failed(Status::failed,
                             fmt::format("'{}' ended with {}{}",
                                         display,
                                         process.describe_end(),
                                         hint.empty() ? "" : fmt::format(" ({})", hint))));
    }
    if (!problem.empty()) {
        return finish(failed(Status::failed, problem));
    }
    return finish(std::nullopt);
}

} // namespace perfgate::runners
