#include <baselines/baseline_store.hpp>

#include "test_support.hpp"
#include <doctest/doctest.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <ctime>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

TEST_SUITE_BEGIN("baselines_baseline_store");

using namespace perfgate;
using baselines::BaselineStore;
using perfgate::test::TempDir;
namespace fs = std::filesystem;

namespace {

core::ResultsDocument document_with(const std::string& id, const std::string& created)
{
    core::ResultsDocument document;
    document.perfgate_version = "0.0.0-test";
    document.created = created;
    core::BenchmarkResult result;
    result.id = id;
    result.metric("wall", "s", core::Better::lower).samples = {0.011, 0.012};
    document.benchmarks.push_back(result);
    return document;
}

// Return `time` as ISO 8601 UTC.
std::string iso(std::time_t time)
{
    std::tm parts{};
    ::gmtime_r(&time, &parts);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
    return text;
}

} // namespace

TEST_CASE("BaselineStore::list lists what it can read and names what it cannot")
{
    const TempDir dir;
    const BaselineStore store(dir.path());
    SUBCASE("no folder yet")
    {
        const auto listing = store.list();
        CHECK(listing.baselines.empty());
        CHECK(listing.errors.empty());
    }
    SUBCASE("one corrupt file among good ones")
    {
        store.save("main", document_with("a", "2026-11-22T05:00:00Z"));
        store.save("pr-7", document_with("b", "2026-11-23T05:00:00Z"));
        std::ofstream(dir / "broken.json") << "{\"schema\": ";
        std::ofstream(dir / "old.json") << "{\"schema\": \"perfgate-results/0\"}";
        const auto listing = store.list();
        REQUIRE(listing.baselines.size() == 2);
        CHECK(listing.baselines[0].name == "main");
        CHECK(listing.baselines[0].created == "2026-11-22T05:00:00Z");
        CHECK(listing.baselines[1].name == "pr-7");
        REQUIRE(listing.errors.size() == 2);
        CHECK(listing.errors[0].find((dir / "broken.json").string()) != std::string::npos);
        CHECK(listing.errors[1].find((dir / "old.json").string()) != std::string::npos);
        CHECK(listing.errors[1].find("perfgate-results/0") != std::string::npos);
    }
    SUBCASE("a file whose name is no valid baseline name is still listed")
    {
        store.save("main", document_with("a", "2026-11-22T05:00:00Z"));
        fs::copy_file(dir / "main.json", dir / "\x1b[31mred.json");
        const auto listing = store.list();
        CHECK(listing.baselines.size() == 2);
        CHECK(listing.errors.empty());
    }
}

TEST_CASE("BaselineStore::save says when it replaces a baseline saved while the run measured")
{
    const TempDir dir;
    const BaselineStore store(dir.path());
    const std::time_t now = std::time(nullptr);
    SUBCASE("no baseline of that name yet")
    {
        CHECK_FALSE(store.save("main", document_with("a", iso(now - 60))));
    }
    SUBCASE("one saved before the run started")
    {
        store.save("main", document_with("old", iso(now - 600)));
        const timespec times[2] = {{now - 300, 0}, {now - 300, 0}};
        REQUIRE(::utimensat(AT_FDCWD, (dir / "main.json").c_str(), times, 0) == 0);
        CHECK_FALSE(store.save("main", document_with("a", iso(now - 60))));
    }
    SUBCASE("one saved after the run started, by another run")
    {
        store.save("main", document_with("other", iso(now - 30)));
        const auto note = store.save("main", document_with("mine", iso(now - 60)));
        REQUIRE(note);
        CHECK(note->starts_with("replaced baseline 'main', saved at "));
        CHECK(note->find("after these results were started (" + iso(now - 60) + ")") !=
              std::string::npos);
        CHECK(store.load("main").benchmarks[0].id == "mine");
    }
    SUBCASE("a creation time it cannot read is no reason to say anything")
    {
        store.save("main", document_with("other", ""));
        CHECK_FALSE(store.save("main", document_with("mine", "")));
    }
}

TEST_CASE("BaselineStore::save waits for the lock another saver holds")
{
    const TempDir dir;
    const BaselineStore store(dir.path());
    store.save("main", document_with("a", "2026-11-22T05:00:00Z"));
    const auto lock_path = dir / ".lock";
    REQUIRE(fs::exists(lock_path));
    const int fd = ::open(lock_path.c_str(), O_RDWR | O_CLOEXEC);
    REQUIRE(fd >= 0);
    REQUIRE(::flock(fd, LOCK_EX) == 0);
    // A saver in another process blocks until the lock is released.
    const pid_t saver = ::fork();
    REQUIRE(saver >= 0);
    if (saver == 0) {
        ::close(fd);
        store.save("main", document_with("child", "2026-11-22T05:00:00Z"));
        ::_exit(0);
    }
    // Wait until the saver sits in flock (its current system call, from /proc).
    bool waiting = false;
    for (int attempt = 0; attempt < 600 && !waiting; ++attempt) {
        std::ifstream syscall(fmt::format("/proc/{}/syscall", saver));
        long number = -1;
        waiting = static_cast<bool>(syscall >> number) && number == SYS_flock;
        if (!waiting) {
            ::usleep(50'000);
        }
    }
    CHECK(waiting);
    int status = 0;
    CHECK(::waitpid(saver, &status, WNOHANG) == 0);
    CHECK(store.load("main").benchmarks[0].id == "a");
    ::close(fd);
    REQUIRE(::waitpid(saver, &status, 0) == saver);
    CHECK(WIFEXITED(status));
    CHECK(store.load("main").benchmarks[0].id == "child");
}

TEST_SUITE_END();
