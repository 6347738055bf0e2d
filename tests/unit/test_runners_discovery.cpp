#include <runners/discovery.hpp>

#include "test_support.hpp"
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

TEST_SUITE_BEGIN("runners_discovery");

using namespace perfgate;
using namespace perfgate::runners;
using perfgate::test::error_of;
using perfgate::test::TempDir;
namespace fs = std::filesystem;

namespace {

const fs::path k_fixtures = PERFGATE_FIXTURES_DIR;

// The four benchmarks of the plain_bench fixture, in its order.
const std::vector<std::string> k_plain_benchmarks = {
    "BM_Empty", "BM_StringCopy", "BM_VectorPush/8", "BM_VectorPush/64"};

constexpr auto k_executable = fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                              fs::perms::others_read | fs::perms::others_exec;
constexpr auto k_readable =
    fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read;

// Copy the fixture `name` to `to` (making its folder) with `permissions`.
void copy_fixture(const std::string& name, const fs::path& to, fs::perms permissions = k_executable)
{
    fs::create_directories(to.parent_path());
    fs::copy_file(k_fixtures / name, to);
    fs::permissions(to, permissions);
}

// Write an executable shell script with `body` to `path` and return the path.
fs::path write_script(const fs::path& path, const std::string& body)
{
    fs::create_directories(path.parent_path());
    std::ofstream(path) << "#!/bin/sh\n" << body << "\n";
    fs::permissions(path, k_executable);
    return path;
}

std::vector<std::string> relative_paths(const std::vector<SkippedFile>& skipped,
                                        const fs::path& root)
{
    std::vector<std::string> paths;
    paths.reserve(skipped.size());
    for (const auto& file : skipped) {
        paths.push_back(file.path.lexically_relative(root).string());
    }
    return paths;
}

} // namespace

TEST_CASE("find_candidates picks Google Benchmark programs by name and content")
{
    const TempDir root;
    const fs::path build = root / "build";
    copy_fixture("plain_bench", build / "b_bench");
    copy_fixture("plain_bench", build / "bench_c");
    copy_fixture("plain_bench", build / "sub" / "a_benchmark");
    copy_fixture("plain_bench", build / "tool");
    copy_fixture("plain_bench", build / "skip_me_bench");
    copy_fixture("plain_bench", build / "notexec_bench", k_readable);
    copy_fixture("hello_bench", build / "hello_bench");
    copy_fixture("shared_bench", build / "shared_bench");
    write_script(build / "script_bench", "echo BM_Script");
    copy_fixture("plain_bench", build / "CMakeFiles" / "cmake_bench");
    copy_fixture("plain_bench", build / ".hidden" / "hidden_bench");
    copy_fixture("plain_bench", build / "sub" / ".cache" / "cached_bench");
    fs::create_symlink(root / "nowhere", build / "dangling_bench");
    copy_fixture("plain_bench", root / "other" / "other_bench");

    core::DiscoverSettings settings;
    settings.paths = {"build", "missing", "other"};
    settings.exclude = {"*.txt", "skip_*"};
    const Discovery found = find_candidates(settings, root.path());

    SUBCASE("programs, sorted by path, prefixed by their file stem")
    {
        REQUIRE(found.programs.size() == 4);
        CHECK(found.programs[0].executable == build / "b_bench");
        CHECK(found.programs[1].executable == build / "bench_c");
        CHECK(found.programs[2].executable == build / "sub" / "a_benchmark");
        CHECK(found.programs[3].executable == root / "other" / "other_bench");
        CHECK(found.programs[0].prefix == "b_bench");
        CHECK(found.programs[1].prefix == "bench_c");
        CHECK(found.programs[2].prefix == "a_benchmark");
        for (const auto& program : found.programs) {
            CHECK(program.extra_args.empty());
            CHECK(program.benchmarks.empty());
        }
    }
    SUBCASE("skipped files, sorted by path, with their reasons")
    {
        CHECK(relative_paths(found.skipped, root.path()) ==
              std::vector<std::string>{"build/hello_bench",
                                       "build/notexec_bench",
                                       "build/script_bench",
                                       "build/shared_bench",
                                       "build/skip_me_bench"});
        REQUIRE(found.skipped.size() == 5);
        CHECK(found.skipped[0].reason ==
              "not Google Benchmark (the program does not contain the library)");
        CHECK(found.skipped[1].reason == "not executable");
        CHECK(found.skipped[2].reason == "not an ELF program (a script or data)");
        CHECK(found.skipped[3].reason == "a shared library, not a program");
        CHECK(found.skipped[4].reason == "excluded by 'skip_*'");
    }
}

TEST_CASE("find_candidates with nothing to search")
{
    const TempDir root;
    core::DiscoverSettings settings;
    settings.paths = {"build", "missing"};
    SUBCASE("missing folders")
    {
        const Discovery found = find_candidates(settings, root.path());
        CHECK(found.programs.empty());
        CHECK(found.skipped.empty());
    }
    SUBCASE("a file where a folder is expected")
    {
        copy_fixture("plain_bench", root / "build");
        const Discovery found = find_candidates(settings, root.path());
        CHECK(found.programs.empty());
        CHECK(found.skipped.empty());
    }
    SUBCASE("no name matches")
    {
        copy_fixture("plain_bench", root / "build" / "plain_bench");
        settings.include = {"perf_*"};
        const Discovery found = find_candidates(settings, root.path());
        CHECK(found.programs.empty());
        CHECK(found.skipped.empty());
    }
}

namespace {

// The listings of a program built with the newest library (tests/fixtures/listings).
const fs::path k_listings = fs::path(PERFGATE_SOURCE_DIR) / "tests" / "fixtures" / "listings";

// A script that answers a probe as a Google Benchmark program does: `selected` when asked for
// its listing, `unselected` when the filter selects no benchmark; each call's arguments are
// appended to `dir/calls`, one line per call.
fs::path
listing_script(const fs::path& dir, const std::string& selected, const std::string& unselected)
{
    return write_script(dir / "lister",
                        fmt::format("printf '%s ' \"$@\" >>'{}'; echo >>'{}'\n"
                                    "case \"$*\" in *'--benchmark_filter=^$'*) {} ;; *) {} ;; esac",
                                    (dir / "calls").string(),
                                    (dir / "calls").string(),
                                    unselected,
                                    selected));
}

// The lines of `path`.
std::vector<std::string> lines_of(const fs::path& path)
{
    std::ifstream in(path);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) {
        lines.push_back(line);
    }
    return lines;
}

} // namespace

TEST_CASE("probe lists a program's benchmarks")
{
    const TempDir dir;

    SUBCASE("a real Google Benchmark program (the 1.7 library: no unit on times)")
    {
        const ProbeResult probed = probe(k_fixtures / "plain_bench", {}, 10.0);
        CHECK(probed.failure.empty());
        CHECK(probed.benchmarks == k_plain_benchmarks);
        CHECK(probed.ignored.empty());
        CHECK_FALSE(probed.min_time_with_unit);
    }
    SUBCASE("a real program that prints lines of its own: they are not benchmarks")
    {
        const ProbeResult probed = probe(k_fixtures / "noisy_bench", {}, 10.0);
        CHECK(probed.failure.empty());
        CHECK(probed.benchmarks == std::vector<std::string>{"BM_Quiet"});
        CHECK(probed.ignored ==
              std::vector<std::string>{"Testing ConsoleReporter Output", "-------"});
    }
    SUBCASE("the newest library's JSON listing, amid the program's own lines: one call")
    {
        const auto script = listing_script(
            dir.path(), "cat '" + (k_listings / "json_listing.txt").string() + "'", "exit 9");
        const ProbeResult probed = probe(script, {}, 10.0);
        CHECK(probed.failure.empty());
        CHECK(probed.benchmarks ==
              std::vector<std::string>{"BM_Spin/8", "BM_Spin/64", "pattern [%l] {%v}"});
        CHECK(probed.ignored.empty());
        CHECK(probed.min_time_with_unit);
        CHECK(lines_of(dir / "calls") ==
              std::vector<std::string>{"--benchmark_list_tests=true --benchmark_format=json "
                                       "--benchmark_min_time=0.05s "});
    }
    SUBCASE("a plain listing is checked against one that selects no benchmark")
    {
        const auto script =
            listing_script(dir.path(),
                           "cat '" + (k_listings / "plain_listing.txt").string() + "'",
                           "cat '" + (k_listings / "none_selected.txt").string() + "'");
        const ProbeResult probed = probe(script, {}, 10.0);
        CHECK(probed.failure.empty());
        CHECK(probed.benchmarks ==
              std::vector<std::string>{"BM_Spin/8", "BM_Spin/64", "pattern [%l] {%v}"});
        CHECK(probed.ignored ==
              std::vector<std::string>{"Testing ConsoleReporter Output", "-------"});
        CHECK(probed.min_time_with_unit);
        CHECK(lines_of(dir / "calls").size() == 2);
    }
    SUBCASE("when that check fails, the listing is taken as it is")
    {
        const auto script =
            listing_script(dir.path(), R"(printf 'BM_One\nBM_Two/3\r\n\n')", "exit 1");
        const ProbeResult probed = probe(script, {}, 10.0);
        CHECK(probed.failure.empty());
        CHECK(probed.benchmarks == std::vector<std::string>{"BM_One", "BM_Two/3"});
    }
    SUBCASE("extra arguments come before the listing flags")
    {
        const auto script = listing_script(dir.path(), "echo BM_X", "true");
        CHECK(probe(script, {"--config", "a b"}, 10.0).benchmarks ==
              std::vector<std::string>{"BM_X"});
        CHECK(
            lines_of(dir / "calls").at(0).starts_with("--config a b --benchmark_list_tests=true "));
    }
}

TEST_CASE("probe explains why a program is not usable")
{
    const TempDir dir;

    SUBCASE("it hangs")
    {
        const auto script = write_script(dir / "hangs", "sleep 30");
        const ProbeResult probed = probe(script, {}, 0.3);
        CHECK(probed.benchmarks.empty());
        CHECK(probed.failure.starts_with("probe timed out after "));
    }
    SUBCASE("it fails: the last lines of its stderr and stdout are shown")
    {
        const auto script = write_script(
            dir / "fails", "echo 'unknown flag' >&2\necho more >&2\necho 'see --help'\nexit 1");
        const ProbeResult probed = probe(script, {}, 10.0);
        CHECK(probed.benchmarks.empty());
        CHECK(probed.failure ==
              "probe failed: exit code 1 (stderr: unknown flag | more; stdout: see --help)");
    }
    SUBCASE("it takes its first argument as what to benchmark (a real program)")
    {
        const ProbeResult probed = probe(k_fixtures / "pattern_bench", {}, 10.0);
        CHECK(probed.benchmarks.empty());
        CHECK(probed.failure.starts_with("probe failed: exit code 1 (stdout: [error] Usage: "));
    }
    SUBCASE("it lists perfgate's own flag as a benchmark")
    {
        const auto script = listing_script(dir.path(), "echo \"$1\"", "exit 1");
        const ProbeResult probed = probe(script, {}, 10.0);
        CHECK(probed.benchmarks.empty());
        CHECK(probed.failure == "not usable: it takes its arguments as what to benchmark (it "
                                "listed '--benchmark_list_tests=true'), so perfgate's flags "
                                "never reach the library");
    }
    SUBCASE("it lists nothing")
    {
        const auto script = write_script(dir / "silent", "true");
        const ProbeResult probed = probe(script, {}, 10.0);
        CHECK(probed.benchmarks.empty());
        CHECK(probed.failure == "not Google Benchmark (it listed no benchmarks)");
    }
    SUBCASE("it prints the same whatever it is asked")
    {
        const auto script = write_script(dir / "same", "echo hello");
        CHECK(probe(script, {}, 10.0).failure ==
              "not Google Benchmark (it listed no benchmarks; what it printed, 'hello', it "
              "prints also when no benchmark is selected)");
    }
    SUBCASE("it does not exist")
    {
        const ProbeResult probed = probe(dir / "missing", {}, 10.0);
        CHECK(probed.benchmarks.empty());
        CHECK(probed.failure.starts_with("probe failed: could not start"));
    }
}

TEST_CASE("filter_programs keeps the benchmarks whose id matches")
{
    std::vector<BenchmarkProgram> programs = {
        {"build/p_bench", "p_bench", {}, {"BM_A", "BM_B/8", "BM_B/64"}},
        {"build/q_bench", "q_bench", {}, {"BM_A"}},
    };

    SUBCASE("in several programs")
    {
        filter_programs(programs, "BM_A");
        REQUIRE(programs.size() == 2);
        CHECK(programs[0].benchmarks == std::vector<std::string>{"BM_A"});
        CHECK(programs[1].benchmarks == std::vector<std::string>{"BM_A"});
    }
    SUBCASE("matching the prefix too")
    {
        filter_programs(programs, "^p_bench/BM_B");
        REQUIRE(programs.size() == 1);
        CHECK(programs[0].prefix == "p_bench");
        CHECK(programs[0].benchmarks == std::vector<std::string>{"BM_B/8", "BM_B/64"});
    }
    SUBCASE("dropping programs left with none")
    {
        filter_programs(programs, "q_bench/");
        REQUIRE(programs.size() == 1);
        CHECK(programs[0].prefix == "q_bench");
    }
    SUBCASE("nothing")
    {
        filter_programs(programs, "BM_Z");
        CHECK(programs.empty());
    }
    SUBCASE("an invalid regex")
    {
        const Error error = error_of([&] { filter_programs(programs, "BM_(A"); });
        CHECK(error.code() == ExitCode::usage);
        CHECK(std::string(error.what()).starts_with("invalid --filter regex 'BM_(A'"));
        CHECK(programs.size() == 2);
    }
}

TEST_CASE("discover probes configured and discovered programs")
{
    const TempDir root;
    core::Config config;
    config.root = root.path();
    config.file = root / "perfgate.toml";

    SUBCASE("a configured program is probed with its arguments, and not found twice")
    {
        copy_fixture("plain_bench", root / "build" / "plain_bench");
        copy_fixture("plain_bench", root / "build" / "other_bench");
        copy_fixture("hello_bench", root / "build" / "hello_bench");
        core::BenchmarkConfig entry;
        entry.name = "plain";
        entry.kind = core::BenchmarkKind::google_benchmark;
        entry.argv = {"build/plain_bench", "--benchmark_filter=Vector"};
        config.benchmarks.push_back(entry);
        core::BenchmarkConfig command;
        command.name = "a command";
        command.argv = {"true"};
        config.benchmarks.push_back(command);

        const Discovery found = discover(config);
        REQUIRE(found.programs.size() == 2);
        CHECK(found.programs[0].prefix == "plain");
        CHECK(found.programs[0].executable == root / "build" / "plain_bench");
        CHECK(found.programs[0].extra_args ==
              std::vector<std::string>{"--benchmark_filter=Vector"});
        CHECK(found.programs[0].benchmarks ==
              std::vector<std::string>{"BM_VectorPush/8", "BM_VectorPush/64"});
        CHECK(found.programs[1].prefix == "other_bench");
        CHECK(found.programs[1].benchmarks == k_plain_benchmarks);
        REQUIRE(found.skipped.size() == 1);
        CHECK(found.skipped[0].path == root / "build" / "hello_bench");
    }
    SUBCASE("a discovered program whose probe fails is unlisted, not dropped")
    {
        copy_fixture("fail_bench", root / "build" / "fail_bench");

        const Discovery found = discover(config);
        CHECK(found.programs.empty());
        CHECK(found.skipped.empty());
        REQUIRE(found.unlisted.size() == 1);
        CHECK(found.unlisted[0].executable == root / "build" / "fail_bench");
        CHECK(found.unlisted[0].prefix == "fail_bench");
        CHECK(found.unlisted[0].configured.empty());
        CHECK(
            found.unlisted[0].reason ==
            "probe failed: exit code 1 (stderr: unsupported option: --benchmark_list_tests=true)");
    }
    SUBCASE("a configured program whose probe fails is unlisted with where it is configured")
    {
        write_script(root / "tools" / "broken", "exit 1");
        core::BenchmarkConfig entry;
        entry.name = "broken";
        entry.kind = core::BenchmarkKind::google_benchmark;
        entry.argv = {"tools/broken"};
        entry.line = 7;
        config.benchmarks.push_back(entry);

        const Discovery found = discover(config);
        CHECK(found.programs.empty());
        REQUIRE(found.unlisted.size() == 1);
        CHECK(found.unlisted[0].prefix == "broken");
        CHECK(found.unlisted[0].reason == "probe failed: exit code 1");
        CHECK(found.unlisted[0].configured ==
              (root / "perfgate.toml").string() + ":7: benchmark 'broken'");
    }
}

TEST_CASE("judge_unlisted: a program the run needs is an error, a new one a warning")
{
    const UnlistedProgram discovered{"/b/x_bench", "x_bench", "probe timed out after 5.00 s", ""};
    const UnlistedProgram configured{
        "/b/tool", "fmt", "probe failed: exit code 1", "/p/perfgate.toml:7: benchmark 'fmt'"};

    SUBCASE("discovered, nothing known of it: a warning")
    {
        const auto problems = judge_unlisted({discovered}, "", {"y_bench/BM_A", "x_bench2/BM_A"});
        CHECK(problems.errors.empty());
        CHECK(problems.warnings ==
              std::vector<std::string>{"'/b/x_bench' probe timed out after 5.00 s; skipped: no "
                                       "baseline has its benchmarks"});
    }
    SUBCASE("discovered, its benchmarks in the baseline: an error naming it")
    {
        const auto problems = judge_unlisted({discovered}, "", {"y_bench/BM_A", "x_bench/BM_B"});
        CHECK(problems.warnings.empty());
        CHECK(problems.errors ==
              std::vector<std::string>{"'/b/x_bench' probe timed out after 5.00 s: it could not "
                                       "list its benchmarks, which the baseline has (e.g. "
                                       "'x_bench/BM_B')"});
    }
    SUBCASE("configured: an error at its line")
    {
        const auto problems = judge_unlisted({configured}, "", {});
        CHECK(problems.errors == std::vector<std::string>{"/p/perfgate.toml:7: benchmark 'fmt': "
                                                          "'/b/tool' probe failed: exit code 1"});
    }
    SUBCASE("a filter that excludes it entirely: a warning, whatever it is")
    {
        const auto problems =
            judge_unlisted({configured, discovered}, "^y_bench/", {"x_bench/BM_B", "fmt/BM_C"});
        CHECK(problems.errors.empty());
        REQUIRE(problems.warnings.size() == 2);
        CHECK(problems.warnings[0] ==
              "'/b/tool' probe failed: exit code 1; not needed: --filter '^y_bench/' excludes it");
    }
    SUBCASE("a filter that matches its name or a known id: still an error")
    {
        CHECK(judge_unlisted({configured}, "^fmt/", {}).errors.size() == 1);
        CHECK(judge_unlisted({discovered}, "BM_B", {"x_bench/BM_B"}).errors.size() == 1);
        CHECK(judge_unlisted({discovered}, "BM_Z", {"x_bench/BM_B"}).errors.empty());
        CHECK(judge_unlisted({configured}, "^fmt/BM_C", {}).errors.size() == 1);
        CHECK(judge_unlisted({configured}, "BM_C", {}).errors.empty());
    }
}

TEST_CASE("number_duplicates gives names listed twice distinct names, and says so")
{
    BenchmarkProgram program{"/b/dup_bench", "dup", {}, {"BM_A", "BM_B", "BM_A", "BM_A"}};
    const auto warnings = number_duplicates(program);
    CHECK(program.benchmarks == std::vector<std::string>{"BM_A", "BM_B", "BM_A#2", "BM_A#3"});
    CHECK(program.run_name("BM_A#3") == "BM_A");
    CHECK(program.run_name("BM_B") == "BM_B");
    CHECK(warnings == std::vector<std::string>{"'/b/dup_bench' lists 'BM_A' 3 times: the others "
                                               "are 'dup/BM_A#2', 'dup/BM_A#3' (in registration "
                                               "order); give each a distinct name"});
    BenchmarkProgram unique{"/b/u_bench", "u", {}, {"BM_A", "BM_B"}};
    CHECK(number_duplicates(unique).empty());
    CHECK(unique.duplicates.empty());
}

TEST_SUITE_END();
