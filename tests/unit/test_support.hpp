#pragma once

#include <util/error.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

namespace perfgate::test {

// Return a fresh folder for the running test, inside this process's scratch folder under the
// system's temporary directory: removed when the test passes, kept (and its path printed) when it
// fails (main.cpp).
std::filesystem::path make_scratch_folder();

// A fresh folder for the running test (make_scratch_folder).
class TempDir
{
public:
    TempDir() : m_path(make_scratch_folder()) {}
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    ~TempDir() = default;

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
