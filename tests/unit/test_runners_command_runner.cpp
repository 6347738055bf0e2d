#include <runners/command_runner.hpp>
#include <util/file.hpp>

#include "test_support.hpp"
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <numeric>
#include <string>
#include <vector>

TEST_SUITE_BEGIN("runners_command_runner");

using namespace perfgate;
using namespace perfgate::runners;
using core::RunObserver;
using core::RunProgress;
using perfgate::test::error_of;
using perfgate::test::TempDir;
using Strings = std::vector<std::string>;

namespace {

// Sampling with one warmup run and exactly three measured runs.
Sampling three_runs()
{
    Sampling sampling;
    sampling.warmup = 1;
    sampling.min_runs = 3;
    sampling.max_runs = 3;
    sampling.min_time = 0;
    return sampling;
}

// A benchmark `id` that runs `argv` directly.
CommandBenchmark benchmark_of(std::string id, Strings argv)
{
    CommandBenchmark benchmark;
    benchmark.id = std::move(id);
    benchmark.command.argv = std::move(argv);
    return benchmark;
}

// Run `benchmarks` under the default shell choice, with an observer that ignores everything.
std::vector<core::BenchmarkResult> run(const std::vector<CommandBenchmark>& benchmarks,
                                       const Sampling& sampling)
{
    RunObserver observer;
    return run_command_benchmarks(benchmarks, sampling, {}, observer);
}

// Return the lines of `path`.
Strings lines_of(const std::filesystem::path& path)
{
    Strings lines;
    const std::string text = util::read_file(path);
    std::size_t start = 0;
    for (auto end = text.find('\n'); end != std::string::npos; end = text.find('\n', start)) {
        lines.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return lines;
}

// An observer that records what it is told.
class RecordingObserver : public RunObserver
{
public:
    struct Progress
    {
        int runs = 0;
        int planned = 0;
        std::string unit;
    };

    void started(int benchmarks) override { started_with.push_back(benchmarks); }
    void progressed(const RunProgress& progress) override
    {
        progress_of[progress.id].push_back(
            {progress.runs, progress.planned, std::string(progress.unit)});
    }
    void finished(const core::BenchmarkResult& result) override
    {
        finished_ids.push_back(result.id);
    }

    std::ptrdiff_t finished_count(const std::string& id) const
    {
        return std::count(finished_ids.begin(), finished_ids.end(), id);
    }

    std::vector<int> started_with;
    std::map<std::string, std::vector<Progress>> progress_of;
    Strings finished_ids;
};

} // namespace

TEST_CASE("validate rejects sampling that cannot be satisfied")
{
    CHECK_NOTHROW(validate(Sampling{}));
    CHECK_NOTHROW(validate(three_runs()));

    Sampling sampling;
    auto expect = [&](const std::string& message) {
        const Error error = error_of([&] { validate(sampling); });
        CHECK(error.code() == ExitCode::usage);
        CHECK(std::string(error.what()) == message);
    };
    SUBCASE("no runs")
    {
        sampling.min_runs = 0;
        expect("the number of runs must be at least 1, not 0");
    }
    SUBCASE("min above max")
    {
        sampling.min_runs = 5;
        sampling.max_runs = 4;
        expect("the minimum number of runs (5) is larger than the maximum (4)");
    }
    SUBCASE("negative warmup")
    {
        sampling.warmup = -1;
        expect("the number of warmup runs cannot be negative");
    }
    SUBCASE("timeout not positive")
    {
        sampling.timeout = 0;
        expect("the timeout must be positive");
    }
    SUBCASE("negative min_time")
    {
        sampling.min_time = -1;
        expect("the minimum time cannot be negative");
    }
    SUBCASE("precision not positive")
    {
        sampling.precision = 0.0;
        expect("the precision must be a positive percentage");
    }
}

TEST_CASE("resolve_command turns a command into an argv")
{
    const ShellChoice automatic;
    const ShellChoice never{ShellChoice::Mode::never, "/bin/sh"};
    const ShellChoice always{ShellChoice::Mode::always, "/bin/sh"};
    SUBCASE("an argv passes through, never under a shell")
    {
        const auto [argv, shell] = resolve_command({{"echo", "a | b"}, "ignored"}, automatic);
        CHECK(argv == Strings{"echo", "a | b"});
        CHECK(shell.empty());
        CHECK(resolve_command({{"echo"}, ""}, always).first == Strings{"echo"});
    }
    SUBCASE("a plain string is split")
    {
        const auto [argv, shell] = resolve_command({{}, "sleep  0.1"}, automatic);
        CHECK(argv == Strings{"sleep", "0.1"});
        CHECK(shell.empty());
    }
    SUBCASE("a string with shell syntax runs under the shell")
    {
        const auto [argv, shell] = resolve_command({{}, "seq 10 | wc -l"}, automatic);
        CHECK(argv == Strings{"/bin/sh", "-c", "seq 10 | wc -l"});
        CHECK(shell == "/bin/sh");
    }
    SUBCASE("another shell")
    {
        const auto [argv, shell] = resolve_command(
            {{}, "echo $X"}, ShellChoice{ShellChoice::Mode::automatic, "/usr/bin/bash"});
        CHECK(argv == Strings{"/usr/bin/bash", "-c", "echo $X"});
        CHECK(shell == "/usr/bin/bash");
    }
    SUBCASE("a shell with its own arguments, as hyperfine's --shell takes it")
    {
        const auto [argv, shell] =
            resolve_command({{}, "echo $X"}, ShellChoice{ShellChoice::Mode::always, "bash --norc"});
        CHECK(argv == Strings{"bash", "--norc", "-c", "echo $X"});
        CHECK(shell == "bash --norc");
    }
    SUBCASE("never: split even with shell syntax")
    {
        const auto [argv, shell] = resolve_command({{}, "echo 'a b' | x"}, never);
        CHECK(argv == Strings{"echo", "a b", "|", "x"});
        CHECK(shell.empty());
    }
    SUBCASE("always: a shell even for a plain string")
    {
        const auto [argv, shell] = resolve_command({{}, "sleep 0.1"}, always);
        CHECK(argv == Strings{"/bin/sh", "-c", "sleep 0.1"});
        CHECK(shell == "/bin/sh");
    }
    SUBCASE("an empty string")
    {
        const Error error = error_of([&] { resolve_command({{}, "  "}, automatic); });
        CHECK(error.code() == ExitCode::usage);
        CHECK(std::string(error.what()) == "empty command");
    }
}

TEST_CASE("run_command_benchmarks samples every metric of each benchmark")
{
    auto with_parameter = benchmark_of("echo", {"echo", "hi"});
    with_parameter.parameters = {{"n", "1"}};
    const auto results = run({benchmark_of("true", {"true"}), with_parameter}, three_runs());

    REQUIRE(results.size() == 2);
    CHECK(results[0].id == "true");
    CHECK(results[1].id == "echo");
    for (const auto& result : results) {
        CAPTURE(result.id);
        CHECK(result.status == core::Status::ok);
        CHECK(result.message.empty());
        CHECK(result.source == core::Source::command);
        CHECK(result.shell.empty());
        CHECK_FALSE(result.shell_startup_seconds);
        CHECK(result.exit_codes == std::vector<int>{0, 0, 0});
        Strings names;
        for (const auto& metric : result.metrics) {
            names.push_back(metric.name);
            CHECK(metric.samples.size() == 3);
        }
        CHECK(names == Strings{"wall", "user", "sys", "cpu", "peak_rss"});
        REQUIRE(result.find_metric("wall") != nullptr);
        CHECK(result.find_metric("wall")->unit == "s");
        for (const double sample : result.find_metric("wall")->samples) {
            CHECK(sample > 0);
        }
        REQUIRE(result.find_metric("peak_rss") != nullptr);
        CHECK(result.find_metric("peak_rss")->unit == "B");
        for (const double sample : result.find_metric("peak_rss")->samples) {
            CHECK(sample > 0);
        }
        const auto& user = result.find_metric("user")->samples;
        const auto& sys = result.find_metric("sys")->samples;
        const auto& cpu = result.find_metric("cpu")->samples;
        for (std::size_t i = 0; i < cpu.size(); ++i) {
            CHECK(cpu[i] == doctest::Approx(user[i] + sys[i]));
        }
    }
    CHECK(results[0].command == Strings{"true"});
    CHECK(results[1].command == Strings{"echo", "hi"});
    CHECK(results[1].parameters == std::map<std::string, std::string>{{"n", "1"}});
}

TEST_CASE("run_command_benchmarks notes the shell a string command ran under")
{
    CommandBenchmark benchmark;
    benchmark.id = "pipe";
    benchmark.command.text = "echo a | cat";
    const auto results = run({benchmark}, three_runs());
    REQUIRE(results.size() == 1);
    CHECK(results[0].status == core::Status::ok);
    CHECK(results[0].shell == "/bin/sh");
    CHECK(results[0].command == Strings{"/bin/sh", "-c", "echo a | cat"});
    REQUIRE(results[0].shell_startup_seconds);
    CHECK(*results[0].shell_startup_seconds > 0);
}

TEST_CASE("run_command_benchmarks reports a failing benchmark and carries on with the others")
{
    const TempDir dir;
    SUBCASE("a non-zero exit in a measured run")
    {
        // Succeeds twice (the warmup and run 1), then fails.
        auto failing = benchmark_of(
            "third",
            {"sh",
             "-c",
             "echo >> count; [ $(wc -l < count) -lt 3 ] || { echo boom >&2; exit 4; }"});
        failing.working_directory = dir.path().string();
        const auto results = run({benchmark_of("true", {"true"}), failing}, three_runs());
        REQUIRE(results.size() == 2);
        CHECK(results[0].status == core::Status::ok);
        CHECK(results[0].find_metric("wall")->samples.size() == 3);
        CHECK(results[1].status == core::Status::failed);
        CHECK(results[1].message ==
              "run 2 of 'sh -c 'echo >> count; [ $(wc -l < count) -lt 3 ] || { echo boom "
              ">&2; exit 4; }'' exited with code 4 (stderr: boom)");
        CHECK(results[1].find_metric("wall")->samples.size() == 1);
        CHECK(results[1].exit_codes == std::vector<int>{0});
    }
    SUBCASE("a failing warmup run")
    {
        const auto results =
            run({benchmark_of("exit", {"sh", "-c", "exit 3"}), benchmark_of("true", {"true"})},
                three_runs());
        REQUIRE(results.size() == 2);
        CHECK(results[0].status == core::Status::failed);
        CHECK(results[0].message == "warmup run 1 of 'sh -c 'exit 3'' exited with code 3");
        CHECK(results[0].find_metric("wall")->samples.empty());
        CHECK(results[1].status == core::Status::ok);
        CHECK(results[1].exit_codes.size() == 3);
    }
    SUBCASE("killed by a signal")
    {
        auto sampling = three_runs();
        sampling.warmup = 0;
        const auto results = run({benchmark_of("segv", {"sh", "-c", "kill -SEGV $$"})}, sampling);
        REQUIRE(results.size() == 1);
        CHECK(results[0].status == core::Status::failed);
        CHECK(results[0].message ==
              "run 1 of 'sh -c 'kill -SEGV $$'' was killed by signal 11 (SIGSEGV)");
    }
    SUBCASE("a program that does not exist")
    {
        const auto results =
            run({benchmark_of("missing", {"perfgate-no-such-program"})}, three_runs());
        REQUIRE(results.size() == 1);
        CHECK(results[0].status == core::Status::failed);
        CHECK(results[0].message ==
              "warmup run 1 of 'perfgate-no-such-program': could not start: No such file or "
              "directory");
    }
    SUBCASE("failures ignored")
    {
        auto sampling = three_runs();
        sampling.ignore_failure = true;
        const auto results = run({benchmark_of("exit", {"sh", "-c", "exit 3"})}, sampling);
        REQUIRE(results.size() == 1);
        CHECK(results[0].status == core::Status::ok);
        CHECK(results[0].exit_codes == std::vector<int>{3, 3, 3});
        CHECK(results[0].find_metric("wall")->samples.size() == 3);
        const auto* failures = results[0].find_metric("failures");
        REQUIRE(failures != nullptr);
        CHECK(failures->unit.empty());
        CHECK(failures->better == core::Better::lower);
        CHECK(failures->samples == std::vector<double>{1, 1, 1});
    }
    SUBCASE("failures ignored: 1 per failed run, 0 per successful one")
    {
        // The warmup and run 1 succeed, run 2 exits 4, run 3 is killed by a signal.
        auto sampling = three_runs();
        sampling.ignore_failure = true;
        auto flaky = benchmark_of(
            "flaky",
            {"sh",
             "-c",
             "echo >> count; n=$(wc -l < count); [ $n -le 2 ] || { [ $n -eq 3 ] && exit 4; kill "
             "-KILL $$; }"});
        flaky.working_directory = dir.path().string();
        const auto results = run({flaky}, sampling);
        REQUIRE(results.size() == 1);
        CHECK(results[0].status == core::Status::ok);
        CHECK(results[0].find_metric("failures")->samples == std::vector<double>{0, 1, 1});
    }
    SUBCASE("failures not ignored: no failures metric")
    {
        const auto results = run({benchmark_of("true", {"true"})}, three_runs());
        CHECK(results[0].find_metric("failures") == nullptr);
    }
}

TEST_CASE("run_command_benchmarks stops a run at its timeout")
{
    auto sampling = three_runs();
    sampling.warmup = 0;
    sampling.timeout = 0.2;
    const auto results =
        run({benchmark_of("sleep", {"sleep", "30"}), benchmark_of("true", {"true"})}, sampling);
    REQUIRE(results.size() == 2);
    CHECK(results[0].status == core::Status::timeout);
    CHECK(results[0].message ==
          "run 1 of 'sleep 30' timed out after 200 ms; its process group was killed");
    CHECK(results[0].find_metric("wall")->samples.empty());
    CHECK(results[1].status == core::Status::ok);
}

TEST_CASE("run_command_benchmarks runs the hooks around the runs")
{
    const TempDir dir;
    CommandBenchmark benchmark = benchmark_of("log", {"sh", "-c", "echo run >> log"});
    benchmark.working_directory = dir.path().string();
    benchmark.setup = CommandLine{{}, "echo setup >> log"};
    benchmark.prepare = CommandLine{{}, "echo prepare >> log"};
    benchmark.conclude = CommandLine{{"sh", "-c", "echo conclude >> log"}, ""};
    benchmark.cleanup = CommandLine{{}, "echo cleanup >> log"};

    SUBCASE("in order, the warmup included")
    {
        const auto results = run({benchmark}, three_runs());
        REQUIRE(results.size() == 1);
        CHECK(results[0].status == core::Status::ok);
        Strings expected{"setup"};
        for (int i = 0; i < 4; ++i) {
            expected.insert(expected.end(), {"prepare", "run", "conclude"});
        }
        expected.push_back("cleanup");
        CHECK(lines_of(dir / "log") == expected);
    }
    SUBCASE("a failing prepare fails the benchmark, and cleanup still runs")
    {
        benchmark.prepare = CommandLine{{}, "echo prepare >> log; exit 5"};
        const auto results = run({benchmark}, three_runs());
        REQUIRE(results.size() == 1);
        CHECK(results[0].status == core::Status::failed);
        CHECK(results[0].message == "prepare command exited with code 5");
        CHECK(lines_of(dir / "log") == Strings{"setup", "prepare", "cleanup"});
    }
    SUBCASE("a failing setup: nothing else runs")
    {
        benchmark.setup = CommandLine{{}, "echo setup >> log; exit 6"};
        const auto results = run({benchmark}, three_runs());
        REQUIRE(results.size() == 1);
        CHECK(results[0].status == core::Status::failed);
        CHECK(results[0].message == "setup command exited with code 6");
        CHECK(lines_of(dir / "log") == Strings{"setup"});
    }
}

TEST_CASE("run_command_benchmarks samples until min_time")
{
    Sampling sampling;
    sampling.warmup = 0;
    sampling.min_runs = 1;
    sampling.max_runs = 1000;
    sampling.min_time = 0.05;
    const auto results = run({benchmark_of("sleep", {"sleep", "0.01"})}, sampling);
    REQUIRE(results.size() == 1);
    const auto& wall = results[0].find_metric("wall")->samples;
    REQUIRE_FALSE(wall.empty());
    // It stops at the first run that brings the measured time to min_time.
    const double total = std::accumulate(wall.begin(), wall.end(), 0.0);
    CHECK(total >= 0.05);
    CHECK(total - wall.back() < 0.05);
    // Each run sleeps at least 10 ms, so 5 runs reach 50 ms.
    CHECK(wall.size() <= 5);
}

TEST_CASE("run_command_benchmarks respects min_runs and max_runs")
{
    Sampling sampling;
    sampling.warmup = 0;
    SUBCASE("max_runs caps a long min_time")
    {
        sampling.min_runs = 2;
        sampling.max_runs = 4;
        sampling.min_time = 1000;
        const auto results = run({benchmark_of("true", {"true"})}, sampling);
        CHECK(results[0].find_metric("wall")->samples.size() == 4);
    }
    SUBCASE("min_runs even when min_time is reached at once")
    {
        sampling.min_runs = 5;
        sampling.max_runs = 100;
        sampling.min_time = 0;
        const auto results = run({benchmark_of("true", {"true"})}, sampling);
        CHECK(results[0].find_metric("wall")->samples.size() == 5);
    }
}

TEST_CASE("run_command_benchmarks tells the observer about progress")
{
    RecordingObserver observer;
    const auto results = run_command_benchmarks({benchmark_of("a", {"true"}),
                                                 benchmark_of("b", {"echo"}),
                                                 benchmark_of("bad", {"sh", "-c", "exit 1"})},
                                                three_runs(),
                                                {},
                                                observer);
    REQUIRE(results.size() == 3);
    // Note: started() is the caller's (runners::execute), which knows every benchmark planned.
    CHECK(observer.started_with.empty());
    for (const std::string id : {"a", "b"}) {
        CAPTURE(id);
        const auto& progress = observer.progress_of[id];
        REQUIRE(progress.size() == 3);
        for (int i = 0; i < 3; ++i) {
            CHECK(progress[static_cast<std::size_t>(i)].runs == i + 1);
            CHECK(progress[static_cast<std::size_t>(i)].unit == "s");
        }
        CHECK(progress.back().planned == 3);
        CHECK(observer.finished_count(id) == 1);
    }
    CHECK(observer.progress_of["bad"].empty());
    CHECK(observer.finished_count("bad") == 1);
    CHECK(observer.finished_ids.size() == 3);
}

TEST_SUITE_END();
