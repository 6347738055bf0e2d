#include <core/workspace.hpp>

#include "test_support.hpp"
#include <doctest/doctest.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <string>

TEST_SUITE_BEGIN("core_workspace");

using namespace perfgate;
using namespace perfgate::core;
using perfgate::test::TempDir;
namespace fs = std::filesystem;

namespace {

// A results document with one command benchmark called `id`.
ResultsDocument document_with(const std::string& id)
{
    ResultsDocument document;
    document.perfgate_version = "0.0.0-test";
    document.created = "2026-11-22T05:00:00Z";
    document.environment.host = "host";
    document.environment.cpus = 2;
    BenchmarkResult result;
    result.id = id;
    result.command = {"sleep", "0.01"};
    result.exit_codes = {0, 0};
    result.metric("wall", "s", Better::lower).samples = {0.011, 0.012};
    document.benchmarks.push_back(result);
    return document;
}

// Create the file `path` (unless it exists) and date it `seconds` ago.
void age(const fs::path& path, int seconds, bool file = true)
{
    if (file && !fs::exists(path)) {
        std::ofstream(path) << "x";
    }
    const timespec times[2] = {{::time(nullptr) - seconds, 0}, {::time(nullptr) - seconds, 0}};
    REQUIRE(::utimensat(AT_FDCWD, path.c_str(), times, AT_SYMLINK_NOFOLLOW) == 0);
}

} // namespace

TEST_CASE("Workspace lives in .perfgate under the project root")
{
    const Workspace workspace("/project");
    CHECK(workspace.directory() == fs::path("/project/.perfgate"));
    CHECK(workspace.baselines_directory() == fs::path("/project/.perfgate/baselines"));
    CHECK(workspace.last_run() == fs::path("/project/.perfgate/last"));
}

TEST_CASE("create_run_directory makes a new folder each time")
{
    const TempDir dir;
    const Workspace workspace(dir.path());
    // Note: these calls nearly always share a second, the case that needs a suffix.
    std::set<fs::path> created;
    for (int i = 0; i < 3; ++i) {
        const auto run = workspace.create_run_directory();
        CAPTURE(run);
        CHECK(fs::is_directory(run));
        CHECK(fs::is_empty(run));
        CHECK(run.parent_path() == workspace.directory() / "runs");
        CHECK(std::regex_match(run.filename().string(), std::regex(R"(\d{8}T\d{6}Z(-\d+)?)")));
        created.insert(run);
    }
    CHECK(created.size() == 3);
}

TEST_CASE("create_run_directory reports a folder it cannot create")
{
    const TempDir dir;
    // A file where the workspace folder should be.
    fs::create_directories(dir / "project");
    {
        std::ofstream(dir / "project" / ".perfgate") << "not a folder";
    }
    const Workspace workspace(dir / "project");
    const Error error = test::error_of([&] { workspace.create_run_directory(); });
    CHECK(error.code() == ExitCode::io);
    CHECK(std::string(error.what()).starts_with("cannot create '"));
}

TEST_CASE("save_run writes results.json and points last at it")
{
    const TempDir dir;
    const Workspace workspace(dir.path());

    const auto first = workspace.save_run(document_with("first"));
    CHECK(fs::is_regular_file(first / "results.json"));
    const auto loaded = load_results(first / "results.json");
    REQUIRE(loaded.benchmarks.size() == 1);
    CHECK(loaded.benchmarks[0].id == "first");
    REQUIRE(loaded.benchmarks[0].find_metric("wall") != nullptr);
    CHECK(loaded.benchmarks[0].find_metric("wall")->samples == std::vector<double>{0.011, 0.012});

    SUBCASE("last is a relative symlink")
    {
        REQUIRE(fs::is_symlink(workspace.last_run()));
        const auto target = fs::read_symlink(workspace.last_run());
        CHECK(target.is_relative());
        CHECK(target == fs::path("runs") / first.filename());
        CHECK(fs::equivalent(workspace.last_run(), first));
        CHECK(load_results(workspace.last_run() / "results.json").benchmarks[0].id == "first");
    }
    SUBCASE("the next run moves last")
    {
        const auto second = workspace.save_run(document_with("second"));
        CHECK(second != first);
        CHECK(fs::read_symlink(workspace.last_run()) == fs::path("runs") / second.filename());
        CHECK(load_results(workspace.last_run() / "results.json").benchmarks[0].id == "second");
        CHECK(load_results(first / "results.json").benchmarks[0].id == "first");
    }
    SUBCASE("the workspace can move with the project")
    {
        fs::rename(dir / ".perfgate", dir / "moved");
        CHECK(load_results(dir / "moved" / "last" / "results.json").benchmarks[0].id == "first");
    }
}

TEST_CASE("remove_leftovers removes what killed runs and saves left, and nothing else")
{
    const TempDir dir;
    const Workspace workspace(dir.path());
    const auto kept_run = workspace.save_run(document_with("kept"));
    const auto baselines = workspace.baselines_directory();
    fs::create_directories(baselines);
    const auto runs = workspace.directory() / "runs";

    // Leftovers, old enough.
    age(baselines / ".main.json.tmp.a1B2c3", 120);
    age(kept_run / ".comparison.json.tmp.Zz9Zz9", 120);
    fs::create_directory(runs / "20260101T000000Z");
    age(runs / "20260101T000000Z" / ".results.json.tmp.q1w2e3", 120);
    age(runs / "20260101T000000Z", 120, false);
    fs::create_directory(runs / "20260101T000001Z-2");
    age(runs / "20260101T000001Z-2", 120, false);
    // Kept: recent, not perfgate's, or holding something else.
    age(baselines / ".main.json.tmp.recent", 0);
    age(baselines / "main.json", 120);
    age(baselines / ".lock", 120);
    fs::create_directory(runs / "20260101T000002Z");
    fs::create_directory(runs / "my-notes");
    age(runs / "my-notes", 120, false);
    fs::create_directory(runs / "20260101T000003Z");
    age(runs / "20260101T000003Z" / "mine.txt", 120);
    age(runs / "20260101T000003Z", 120, false);

    auto lines = workspace.remove_leftovers();
    std::sort(lines.begin(), lines.end());
    std::vector<std::string> expected{
        fmt::format("removed '{}', left by a write that was killed",
                    (baselines / ".main.json.tmp.a1B2c3").string()),
        fmt::format("removed '{}', left by a write that was killed",
                    (kept_run / ".comparison.json.tmp.Zz9Zz9").string()),
        fmt::format("removed '{}', left by a write that was killed",
                    (runs / "20260101T000000Z" / ".results.json.tmp.q1w2e3").string()),
        fmt::format("removed the run folder '{}': it has no results (the run was killed)",
                    (runs / "20260101T000000Z").string()),
        fmt::format("removed the run folder '{}': it has no results (the run was killed)",
                    (runs / "20260101T000001Z-2").string()),
    };
    std::sort(expected.begin(), expected.end());
    CHECK(lines == expected);
    CHECK_FALSE(fs::exists(runs / "20260101T000000Z"));
    CHECK_FALSE(fs::exists(runs / "20260101T000001Z-2"));
    CHECK(fs::exists(baselines / ".main.json.tmp.recent"));
    CHECK(fs::exists(baselines / "main.json"));
    CHECK(fs::exists(baselines / ".lock"));
    CHECK(fs::exists(runs / "20260101T000002Z"));
    CHECK(fs::exists(runs / "my-notes"));
    CHECK(fs::exists(runs / "20260101T000003Z" / "mine.txt"));
    CHECK(fs::exists(kept_run / "results.json"));
    CHECK(load_results(workspace.last_run() / "results.json").benchmarks[0].id == "kept");
    CHECK(workspace.remove_leftovers().empty());
}

TEST_CASE("remove_leftovers of a project without a workspace does nothing")
{
    const TempDir dir;
    CHECK(Workspace(dir.path()).remove_leftovers().empty());
    CHECK(fs::is_empty(dir.path()));
}

TEST_SUITE_END();
