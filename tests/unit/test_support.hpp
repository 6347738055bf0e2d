#pragma once

#include <util/error.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <system_error>
#include <vector>

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

// Return a number in [0, 1) from `engine`: the same on every standard library, unlike
// std::uniform_real_distribution.
inline double unit_random(std::mt19937_64& engine)
{
    return static_cast<double>(engine() >> 11) * 0x1.0p-53;
}

// Return `n` seeded samples spread uniformly within `center` × (1 ± `spread`).
inline std::vector<double>
seeded_samples(std::mt19937_64& engine, std::size_t n, double center, double spread)
{
    std::vector<double> samples(n);
    for (double& sample : samples) {
        sample = center * (1 + spread * (2 * unit_random(engine) - 1));
    }
    return samples;
}

} // namespace perfgate::test
