#include <util/executable.hpp>

#include "test_support.hpp"
#include <doctest/doctest.h>
#include <elf.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>

TEST_SUITE_BEGIN("util_executable");

using namespace perfgate;
using perfgate::test::TempDir;
using util::FileKind;
namespace fs = std::filesystem;

namespace {

const fs::path k_fixtures = PERFGATE_FIXTURES_DIR;

constexpr auto k_executable = fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                              fs::perms::others_read | fs::perms::others_exec;
constexpr auto k_readable =
    fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read;

void write(const fs::path& path, const std::string& content, fs::perms permissions)
{
    std::ofstream(path, std::ios::binary) << content;
    fs::permissions(path, permissions);
}

// A 64-bit ELF header of `type` with no program headers.
std::string elf_header(std::uint16_t type)
{
    Elf64_Ehdr header{};
    std::memcpy(header.e_ident, ELFMAG, SELFMAG);
    header.e_ident[EI_CLASS] = ELFCLASS64;
    header.e_ident[EI_DATA] = ELFDATA2LSB;
    header.e_ident[EI_VERSION] = EV_CURRENT;
    header.e_type = type;
    header.e_machine = EM_X86_64;
    header.e_version = EV_CURRENT;
    header.e_ehsize = sizeof header;
    return std::string(reinterpret_cast<const char*>(&header), sizeof header);
}

} // namespace

TEST_CASE("classify_file tells programs from libraries, scripts and data")
{
    const TempDir dir;

    SUBCASE("a position-independent program")
    {
        CHECK(util::classify_file(k_fixtures / "plain_bench") == FileKind::executable);
        CHECK(util::classify_file(k_fixtures / "hello_bench") == FileKind::executable);
    }
    SUBCASE("a shared library")
    {
        CHECK(util::classify_file(k_fixtures / "shared_bench") == FileKind::shared_library);
    }
    SUBCASE("a script")
    {
        write(dir / "run.sh", "#!/bin/sh\necho hi\n", k_executable);
        CHECK(util::classify_file(dir / "run.sh") == FileKind::not_elf);
    }
    SUBCASE("an empty file")
    {
        write(dir / "empty", "", k_executable);
        CHECK(util::classify_file(dir / "empty") == FileKind::not_elf);
    }
    SUBCASE("a program without execute permission")
    {
        fs::copy_file(k_fixtures / "plain_bench", dir / "plain_bench");
        fs::permissions(dir / "plain_bench", k_readable);
        CHECK(util::classify_file(dir / "plain_bench") == FileKind::not_executable);
    }
    SUBCASE("a missing file")
    {
        CHECK(util::classify_file(dir / "missing") == FileKind::not_executable);
    }
    SUBCASE("ELF headers by type")
    {
        write(dir / "static", elf_header(ET_EXEC), k_executable);
        CHECK(util::classify_file(dir / "static") == FileKind::executable);
        write(dir / "object.o", elf_header(ET_REL), k_executable);
        CHECK(util::classify_file(dir / "object.o") == FileKind::not_elf);
        write(dir / "core", elf_header(ET_CORE), k_executable);
        CHECK(util::classify_file(dir / "core") == FileKind::not_elf);
        write(dir / "library", elf_header(ET_DYN), k_executable);
        CHECK(util::classify_file(dir / "library") == FileKind::shared_library);
    }
}

TEST_CASE("file_contains_any searches the whole file")
{
    const TempDir dir;
    const fs::path path = dir / "big";
    constexpr std::size_t k_mib = 1 << 20;
    std::string content(3 * k_mib, 'x');

    SUBCASE("a needle straddling the first chunk boundary")
    {
        content.replace(k_mib - 3, 12, "libbenchmark");
        write(path, content, k_readable);
        CHECK(util::file_contains_any(path, {"absent", "libbenchmark"}));
        CHECK_FALSE(util::file_contains_any(path, {"absent", "benchmark_list_tests"}));
    }
    SUBCASE("a needle at the very end")
    {
        content.replace(content.size() - 6, 6, "needle");
        write(path, content, k_readable);
        CHECK(util::file_contains_any(path, {"needle"}));
    }
    SUBCASE("a needle at the start")
    {
        content.replace(0, 6, "needle");
        write(path, content, k_readable);
        CHECK(util::file_contains_any(path, {"needle"}));
    }
    SUBCASE("absent")
    {
        write(path, content, k_readable);
        CHECK_FALSE(util::file_contains_any(path, {"needle", "xxy"}));
        CHECK_FALSE(util::file_contains_any(path, {}));
    }
    SUBCASE("a missing file")
    {
        CHECK_FALSE(util::file_contains_any(dir / "missing", {"x"}));
    }
    SUBCASE("the fixtures")
    {
        CHECK(util::file_contains_any(k_fixtures / "plain_bench", {"libbenchmark"}));
        CHECK_FALSE(util::file_contains_any(k_fixtures / "hello_bench",
                                            {"benchmark_list_tests", "libbenchmark"}));
    }
}

TEST_SUITE_END();
