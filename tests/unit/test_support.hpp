#pragma once

#include <util/error.hpp>

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>

namespace perfgate::test {

// A fresh directory under the system's temporary directory, removed with everything in it.
class TempDir
{
public:
    TempDir()
    {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "perfgate-test-XXXXXX").string();
        REQUIRE(::mkdtemp(pattern.data()) != nullptr);
        m_path = pattern;
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    ~TempDir()
    {
        std::error_code ignored;
        std::filesystem::remove_all(m_path, ignored);
    }

    const std::filesystem::path& path() const { return m_path; }

    // Return `name` inside this directory.
    std::filesystem::path operator/(const std::filesystem::path& name) const
    {
        return m_path / name;
    }

private:
    std::filesystem::path m_path;
};

// Return the perfgate::Error that `function` throws; fail the test when it throws none.
template <typename Function> Error error_of(Function&& function)
{
    try {
        function();
    } catch (const Error& error) {
        return error;
    }
    FAIL("no perfgate::Error was thrown");
    return Error(ExitCode::passed, "");
}

} // namespace perfgate::test
