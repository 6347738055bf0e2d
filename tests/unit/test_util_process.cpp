#include <util/process.hpp>

#include "test_support.hpp"
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

TEST_SUITE_BEGIN("util_process");

using namespace perfgate;
using namespace std::chrono_literals;
using perfgate::test::error_of;
using perfgate::test::TempDir;
using util::Output;
using util::run_process;
using util::SpawnOptions;

namespace {

// Return options that run `argv`, discarding its output.
SpawnOptions options_for(std::vector<std::string> argv)
{
    SpawnOptions options;
    options.argv = std::move(argv);
    return options;
}

// Return options that run `argv`, capturing both output streams.
SpawnOptions capturing(std::vector<std::string> argv)
{
    auto options = options_for(std::move(argv));
    options.out = Output::capture;
    options.err = Output::capture;
    return options;
}

// True once no process's command line starts with `command`, waiting up to two seconds for
// killed processes to disappear.
bool no_process_runs(const std::string& command)
{
    for (int attempt = 0; attempt < 40; ++attempt) {
        const auto pgrep = run_process(options_for({"pgrep", "-f", "^" + command}));
        REQUIRE(pgrep.started);
        if (pgrep.exit_code == 1) {
            return true;
        }
        std::this_thread::sleep_for(50ms);
    }
    return false;
}

} // namespace

TEST_CASE("run_process reports how the child exited")
{
    SUBCASE("success")
    {
        const auto result = run_process(options_for({"true"}));
        CHECK(result.started);
        CHECK(result.exit_code == 0);
        CHECK(result.signal == 0);
        CHECK_FALSE(result.timed_out);
        CHECK(result.succeeded());
        CHECK(result.describe_end() == "exit code 0");
    }
    SUBCASE("a non-zero exit code")
    {
        const auto result = run_process(options_for({"sh", "-c", "exit 3"}));
        CHECK(result.started);
        CHECK(result.exit_code == 3);
        CHECK(result.signal == 0);
        CHECK_FALSE(result.succeeded());
        CHECK(result.describe_end() == "exit code 3");
    }
    SUBCASE("killed by a signal")
    {
        const auto result = run_process(options_for({"sh", "-c", "kill -SEGV $$"}));
        CHECK(result.started);
        CHECK(result.signal == 11);
        CHECK(result.exit_code == -1);
        CHECK_FALSE(result.succeeded());
        CHECK(result.describe_end() == "killed by signal 11 (SIGSEGV)");
    }
}

TEST_CASE("run_process reports a program that cannot start")
{
    SUBCASE("not found")
    {
        const auto result = run_process(options_for({"perfgate-no-such-program-here"}));
        CHECK_FALSE(result.started);
        CHECK(result.start_error == "No such file or directory");
        CHECK_FALSE(result.succeeded());
        CHECK(result.describe_end() == "could not start: No such file or directory");
    }
    SUBCASE("a working directory that does not exist")
    {
        const TempDir dir;
        auto options = options_for({"true"});
        options.working_directory = (dir / "missing").string();
        const auto result = run_process(options);
        CHECK_FALSE(result.started);
        CHECK(result.start_error == "No such file or directory");
    }
    SUBCASE("an empty command")
    {
        const Error error = error_of([] { run_process({}); });
        CHECK(error.code() == ExitCode::usage);
        CHECK(std::string(error.what()) == "empty command");
    }
}

TEST_CASE("run_process captures output")
{
    SUBCASE("stdout and stderr apart")
    {
        const auto result = run_process(capturing({"sh", "-c", "echo out; echo err >&2"}));
        CHECK(result.out == "out\n");
        CHECK(result.err == "err\n");
    }
    SUBCASE("only the tail beyond the limit")
    {
        auto options = capturing({"sh", "-c", "head -c 100000 /dev/zero | tr '\\0' a; printf END"});
        options.capture_limit = 16;
        const auto result = run_process(options);
        CHECK(result.succeeded());
        CHECK(result.out == std::string(13, 'a') + "END");
        CHECK(result.err.empty());
    }
    SUBCASE("a stream that is not captured stays empty")
    {
        auto options = options_for({"sh", "-c", "echo out; echo err >&2"});
        options.err = Output::capture;
        const auto result = run_process(options);
        CHECK(result.out.empty());
        CHECK(result.err == "err\n");
    }
    SUBCASE("discarded output")
    {
        auto options = options_for({"sh", "-c", "echo out; echo err >&2"});
        options.out = Output::discard;
        options.err = Output::discard;
        const auto result = run_process(options);
        CHECK(result.succeeded());
        CHECK(result.out.empty());
        CHECK(result.err.empty());
    }
}

TEST_CASE("run_process kills a child at its timeout")
{
    SUBCASE("the child itself")
    {
        auto options = capturing({"sleep", "30"});
        options.timeout = 200ms;
        const auto result = run_process(options);
        CHECK(result.started);
        CHECK(result.timed_out);
        CHECK_FALSE(result.succeeded());
        CHECK(result.describe_end() == "timed out");
        CHECK(result.wall_seconds < 20);
    }
    SUBCASE("and every process it started")
    {
        // A duration unique to this test process, so that no other sleep is mistaken for ours.
        const std::string sleep = fmt::format("sleep 31.{}", ::getpid());
        auto options = capturing({"sh", "-c", fmt::format("{0} & echo started; {0}", sleep)});
        options.timeout = 200ms;
        const auto result = run_process(options);
        CHECK(result.timed_out);
        CHECK(result.out == "started\n");
        CHECK(no_process_runs(sleep));
    }
}

TEST_CASE("run_process kills and reaps what a run leaves behind")
{
    // Durations unique to this test process, so that no other sleep is mistaken for ours.
    const std::string sleep = fmt::format("sleep 32.{}", ::getpid());
    SUBCASE("a background child of a run that exited normally")
    {
        const auto result = run_process(options_for({"sh", "-c", sleep + " & exit 0"}));
        CHECK(result.succeeded());
        CHECK(no_process_runs(sleep));
    }
    SUBCASE("an orphan that left the process group with setsid")
    {
        const auto result = run_process(options_for({"sh", "-c", "setsid " + sleep + " & exit 0"}));
        CHECK(result.succeeded());
        CHECK(no_process_runs(sleep));
    }
    SUBCASE("a setsid orphan of a run killed at its timeout")
    {
        auto options = options_for({"sh", "-c", fmt::format("setsid {0} & {0}", sleep)});
        options.timeout = 300ms;
        const auto result = run_process(options);
        CHECK(result.timed_out);
        CHECK(no_process_runs(sleep));
    }
    // Nothing is left to reap: no zombie, no child.
    errno = 0;
    CHECK(::waitpid(-1, nullptr, WNOHANG) == -1);
    CHECK(errno == ECHILD);
}

TEST_CASE("run_process finds programs in PATH as execvp does")
{
    const TempDir dir;
    const auto write_program = [&](const std::string& folder, const char* text, mode_t mode) {
        std::filesystem::create_directories(dir / folder);
        const auto path = dir / folder / "perfgate-test-program";
        std::FILE* file = std::fopen(path.c_str(), "w");
        REQUIRE(file != nullptr);
        std::fputs(text, file);
        std::fclose(file);
        REQUIRE(::chmod(path.c_str(), mode) == 0);
    };
    write_program("not-executable", "#!/bin/sh\necho wrong\n", 0644);
    write_program("first", "#!/bin/sh\necho first\n", 0755);
    write_program("second", "#!/bin/sh\necho second\n", 0755);
    const char* saved = std::getenv("PATH");
    const std::string original = saved != nullptr ? saved : "";
    const auto run_with_path = [&](const std::string& path) {
        ::setenv("PATH", path.c_str(), 1);
        auto result = run_process(capturing({"perfgate-test-program"}));
        ::setenv("PATH", original.c_str(), 1);
        return result;
    };
    SUBCASE("the first executable match wins, skipping missing folders and non-executables")
    {
        const auto result = run_with_path(fmt::format(
            "{0}/missing:{0}/not-executable:{0}/first:{0}/second", dir.path().string()));
        CHECK(result.succeeded());
        CHECK(result.out == "first\n");
    }
    SUBCASE("only a non-executable match: permission denied")
    {
        const auto result = run_with_path((dir / "not-executable").string());
        CHECK_FALSE(result.started);
        CHECK(result.start_error == os_error(EACCES));
    }
    SUBCASE("no match")
    {
        const auto result = run_with_path((dir / "missing").string());
        CHECK_FALSE(result.started);
        CHECK(result.start_error == os_error(ENOENT));
    }
}

TEST_CASE("run_process runs the child in its working directory")
{
    const TempDir dir;
    auto options = capturing({"pwd", "-P"});
    options.working_directory = dir.path().string();
    const auto result = run_process(options);
    CHECK(result.succeeded());
    CHECK(result.out == std::filesystem::canonical(dir.path()).string() + "\n");
}

TEST_CASE("run_process sets environment variables on top of perfgate's own")
{
    ::setenv("PERFGATE_TEST_INHERITED", "from perfgate", 1);
    ::setenv("PERFGATE_TEST_REPLACED", "old", 1);
    const std::string script =
        "printf '%s|%s|%s' \"$PERFGATE_TEST_INHERITED\" \"$PERFGATE_TEST_REPLACED\" "
        "\"$PERFGATE_TEST_ADDED\"";

    SUBCASE("added and replaced, the rest inherited")
    {
        auto options = capturing({"sh", "-c", script});
        options.environment = {{"PERFGATE_TEST_REPLACED", "new"}, {"PERFGATE_TEST_ADDED", "a b=c"}};
        const auto result = run_process(options);
        CHECK(result.succeeded());
        CHECK(result.out == "from perfgate|new|a b=c");
        CHECK(std::string(::getenv("PERFGATE_TEST_REPLACED")) == "old");
    }
    SUBCASE("none given: perfgate's environment unchanged")
    {
        const auto result = run_process(capturing({"sh", "-c", script}));
        CHECK(result.out == "from perfgate|old|");
    }
    ::unsetenv("PERFGATE_TEST_INHERITED");
    ::unsetenv("PERFGATE_TEST_REPLACED");
}

TEST_CASE("run_process gives the child /dev/null as stdin")
{
    auto options = capturing({"cat"});
    options.timeout = 10s;
    const auto result = run_process(options);
    CHECK_FALSE(result.timed_out);
    CHECK(result.succeeded());
    CHECK(result.out.empty());
}

TEST_CASE("run_process reads stdin from in_file and writes stdout to out_file")
{
    const TempDir dir;
    const auto input = dir.path() / "in.txt";
    const auto output = dir.path() / "out.txt";
    std::ofstream(input) << "hello\n";
    std::ofstream(output) << "left from before, longer than what comes\n";
    auto options = options_for({"sh", "-c", "cat; echo oops >&2"});
    options.timeout = 10s;
    options.err = Output::capture;
    options.in_file = input.string();
    options.out = Output::file;
    options.out_file = output.string();
    const auto result = run_process(options);
    CHECK(result.succeeded());
    CHECK(result.err == "oops\n");
    std::ifstream written(output);
    const std::string content((std::istreambuf_iterator<char>(written)),
                              std::istreambuf_iterator<char>());
    CHECK(content == "hello\n");

    SUBCASE("a file that cannot be opened is a start error")
    {
        options.in_file = (dir.path() / "missing").string();
        const auto missing = run_process(options);
        CHECK_FALSE(missing.started);
        CHECK(missing.start_error.find("cannot open '") != std::string::npos);
        CHECK(missing.start_error.find("No such file or directory") != std::string::npos);
    }
}

TEST_CASE("run_process measures the child's resources")
{
    const auto result = run_process(
        options_for({"sh", "-c", "i=0; while [ $i -lt 30000 ]; do i=$((i + 1)); done"}));
    REQUIRE(result.succeeded());
    CHECK(result.wall_seconds > 0);
    CHECK(result.user_seconds + result.sys_seconds > 0);
    CHECK(result.user_seconds >= 0);
    CHECK(result.sys_seconds >= 0);
    CHECK(result.peak_rss_bytes > 100 * 1024);
}

TEST_CASE("signal_name names signals")
{
    CHECK(util::signal_name(11) == "SIGSEGV");
    CHECK(util::signal_name(9) == "SIGKILL");
    CHECK(util::signal_name(2) == "SIGINT");
    CHECK(util::signal_name(1000) == "signal 1000");
}

TEST_SUITE_END();
