#include <util/file.hpp>

#include "test_support.hpp"
#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

TEST_SUITE_BEGIN("util_file");

using namespace perfgate;
using perfgate::test::error_of;
using perfgate::test::TempDir;
namespace fs = std::filesystem;

namespace {

// Return the names of the entries in `directory`, sorted.
std::vector<std::string> entries(const fs::path& directory)
{
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(directory)) {
        names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

// Create the file `path` and date its last change `seconds` ago (a symlink itself, not followed).
void touch_aged(const fs::path& path, int seconds)
{
    if (!fs::is_symlink(path)) {
        std::ofstream(path) << "x";
    }
    const timespec times[2] = {{::time(nullptr) - seconds, 0}, {::time(nullptr) - seconds, 0}};
    REQUIRE(::utimensat(AT_FDCWD, path.c_str(), times, AT_SYMLINK_NOFOLLOW) == 0);
}

} // namespace

TEST_CASE("read_file returns the whole content")
{
    const TempDir dir;

    SUBCASE("text")
    {
        std::ofstream(dir / "a.txt") << "line 1\nline 2\n";
        CHECK(util::read_file(dir / "a.txt") == "line 1\nline 2\n");
    }
    SUBCASE("binary with NUL bytes")
    {
        const std::string content("a\0b\xff", 4);
        std::ofstream(dir / "b.bin", std::ios::binary) << content;
        CHECK(util::read_file(dir / "b.bin") == content);
    }
    SUBCASE("larger than one read")
    {
        const std::string content(200'000, 'x');
        std::ofstream(dir / "c.txt") << content;
        CHECK(util::read_file(dir / "c.txt") == content);
    }
    SUBCASE("empty")
    {
        std::ofstream(dir / "d.txt").flush();
        CHECK(util::read_file(dir / "d.txt").empty());
    }
}

TEST_CASE("read_file errors name the file and the OS reason")
{
    const TempDir dir;

    SUBCASE("missing file")
    {
        const fs::path path = dir / "missing.json";
        const Error error = error_of([&] { util::read_file(path); });
        CHECK(error.code() == ExitCode::usage);
        CHECK(std::string(error.what()) ==
              "cannot read '" + path.string() + "': No such file or directory");
    }
    SUBCASE("directory")
    {
        const Error error = error_of([&] { util::read_file(dir.path()); });
        CHECK(std::string(error.what()) ==
              "cannot read '" + dir.path().string() + "': Is a directory");
    }
}

TEST_CASE("write_file_atomic writes the content")
{
    const TempDir dir;

    SUBCASE("new file")
    {
        util::write_file_atomic(dir / "new.json", "{}\n");
        CHECK(util::read_file(dir / "new.json") == "{}\n");
        CHECK(entries(dir.path()) == std::vector<std::string>{"new.json"});
    }
    SUBCASE("replaces an existing file and leaves no temporary file behind")
    {
        std::ofstream(dir / "base.json") << "old content that is longer than the new one";
        util::write_file_atomic(dir / "base.json", "new");
        CHECK(util::read_file(dir / "base.json") == "new");
        CHECK(entries(dir.path()) == std::vector<std::string>{"base.json"});
    }
    SUBCASE("creates parent directories")
    {
        const fs::path path = dir / ".perfgate" / "baselines" / "main.json";
        util::write_file_atomic(path, "x");
        CHECK(util::read_file(path) == "x");
    }
    SUBCASE("empty content")
    {
        util::write_file_atomic(dir / "empty", "");
        CHECK(fs::file_size(dir / "empty") == 0);
    }
}

TEST_CASE("write_file_atomic gives files the usual permissions")
{
    const TempDir dir;

    SUBCASE("a new file is rw-r--r--")
    {
        util::write_file_atomic(dir / "new", "x");
        CHECK((fs::status(dir / "new").permissions() & fs::perms::all) ==
              (fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
               fs::perms::others_read));
    }
    SUBCASE("a replaced file keeps its mode")
    {
        std::ofstream(dir / "old") << "x";
        fs::permissions(dir / "old", fs::perms::owner_read | fs::perms::owner_write);
        util::write_file_atomic(dir / "old", "y");
        CHECK((fs::status(dir / "old").permissions() & fs::perms::all) ==
              (fs::perms::owner_read | fs::perms::owner_write));
    }
}

TEST_CASE("write_file_atomic errors name the file and leave nothing behind")
{
    const TempDir dir;

    SUBCASE("the target is a directory")
    {
        fs::create_directory(dir / "taken");
        const Error error = error_of([&] { util::write_file_atomic(dir / "taken", "x"); });
        CHECK(error.code() == ExitCode::io);
        CHECK(std::string(error.what()) ==
              "cannot write '" + (dir / "taken").string() + "': Is a directory");
        CHECK(entries(dir.path()) == std::vector<std::string>{"taken"});
    }
    SUBCASE("a parent is a regular file")
    {
        std::ofstream(dir / "file") << "x";
        const fs::path path = dir / "file" / "results.json";
        const Error error = error_of([&] { util::write_file_atomic(path, "x"); });
        CHECK(error.code() == ExitCode::io);
        CHECK(std::string(error.what())
                  .starts_with("cannot create directory '" + (dir / "file").string() + "' for '" +
                               path.string() + "': "));
    }
}

TEST_CASE("replace_symlink points the link at the target")
{
    const TempDir dir;

    SUBCASE("new link")
    {
        util::replace_symlink("runs/20261122T050000Z", dir / "last");
        CHECK(fs::is_symlink(dir / "last"));
        CHECK(fs::read_symlink(dir / "last") == "runs/20261122T050000Z");
    }
    SUBCASE("replaces an existing link and leaves no temporary link behind")
    {
        util::replace_symlink("runs/1", dir / "last");
        util::replace_symlink("runs/2", dir / "last");
        CHECK(fs::read_symlink(dir / "last") == "runs/2");
        CHECK(entries(dir.path()) == std::vector<std::string>{"last"});
    }
    SUBCASE("creates parent directories")
    {
        util::replace_symlink("runs/1", dir / ".perfgate" / "last");
        CHECK(fs::read_symlink(dir / ".perfgate" / "last") == "runs/1");
    }
}

TEST_CASE("replace_symlink errors name the link and leave nothing behind")
{
    const TempDir dir;
    fs::create_directory(dir / "last");
    fs::create_directory(dir / "last" / "inside");

    const Error error = error_of([&] { util::replace_symlink("runs/1", dir / "last"); });
    CHECK(error.code() == ExitCode::io);
    CHECK(std::string(error.what())
              .starts_with("cannot link '" + (dir / "last").string() + "' to 'runs/1': "));
    CHECK(entries(dir.path()) == std::vector<std::string>{"last"});
}

TEST_CASE("is_temporary_name knows the temporaries of atomic writes")
{
    for (const char* name : {".main.json.tmp.a1B2c3",
                             ".results.json.tmp.XyZ009",
                             ".last.tmp.123.0",
                             ".last.tmp.4242.17"}) {
        CAPTURE(name);
        CHECK(util::is_temporary_name(name));
    }
    for (const char* name : {"main.json",
                             ".main.json",
                             "main.json.tmp.a1B2c3",
                             ".main.json.tmp.abc",
                             ".main.json.tmp.a1B2c3d",
                             ".last.tmp.12x.0",
                             ".last.tmp.12.",
                             ".tmp.abcdef",
                             ".lock",
                             "notes.tmp.txt",
                             ".x.tmp.ab-def"}) {
        CAPTURE(name);
        CHECK_FALSE(util::is_temporary_name(name));
    }
}

TEST_CASE("remove_stale_temporaries removes old temporaries and nothing else")
{
    const TempDir dir;
    touch_aged(dir / ".main.json.tmp.a1B2c3", 120);
    touch_aged(dir / ".main.json.tmp.fresh1", 0);
    touch_aged(dir / "main.json", 120);
    touch_aged(dir / ".notes", 120);
    fs::create_symlink("runs/nowhere", dir / ".last.tmp.99.0");
    touch_aged(dir / ".last.tmp.99.0", 120);
    fs::create_directory(dir / ".dir.tmp.abcdef");

    auto removed = util::remove_stale_temporaries(dir.path(), std::chrono::seconds(60));
    std::sort(removed.begin(), removed.end());
    CHECK(removed == std::vector<fs::path>{dir / ".last.tmp.99.0", dir / ".main.json.tmp.a1B2c3"});
    CHECK(entries(dir.path()) ==
          std::vector<std::string>{
              ".dir.tmp.abcdef", ".main.json.tmp.fresh1", ".notes", "main.json"});
    CHECK(util::remove_stale_temporaries(dir / "missing", std::chrono::seconds(60)).empty());
}

TEST_CASE("FileLock holds an exclusive lock until it is destroyed")
{
    const TempDir dir;
    const auto path = dir / "sub" / ".lock";
    const auto other_can_lock = [&] {
        const int fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
        REQUIRE(fd >= 0);
        const bool locked = ::flock(fd, LOCK_EX | LOCK_NB) == 0;
        ::close(fd);
        return locked;
    };
    {
        const util::FileLock lock(path);
        CHECK(fs::exists(path));
        CHECK_FALSE(other_can_lock());
    }
    CHECK(other_can_lock());
}

TEST_CASE("FileLock names a lock file it cannot open")
{
    const TempDir dir;
    std::ofstream(dir / "file") << "x";
    const Error error = error_of([&] { util::FileLock lock(dir / "file" / ".lock"); });
    CHECK(error.code() == ExitCode::io);
    CHECK(std::string(error.what()).find((dir / "file").string()) != std::string::npos);
}

TEST_CASE("shown_path shows a path below the root relative to it, any other as it is")
{
    CHECK(perfgate::util::shown_path("/p/build/x_bench", "/p") == "build/x_bench");
    CHECK(perfgate::util::shown_path("/elsewhere/x_bench", "/p") == "/elsewhere/x_bench");
    CHECK(perfgate::util::shown_path("/p", "/p") == ".");
}

TEST_SUITE_END();
