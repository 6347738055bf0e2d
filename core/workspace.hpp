#pragma once

#include <core/results.hpp>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace perfgate::core {

// How long a temporary file or a run folder without results must have been left alone before
// it counts as the leftover of a killed perfgate: a live one finishes its write within moments.
inline constexpr std::chrono::seconds k_leftover_age{60};

// The `.perfgate/` folder of a project: baselines, runs and the latest run (docs/formats.md).
class Workspace
{
public:
    // A workspace in `project_root/.perfgate` (the folder of perfgate.toml, or the working one).
    explicit Workspace(const std::filesystem::path& project_root);

    const std::filesystem::path& directory() const { return m_directory; }
    std::filesystem::path baselines_directory() const { return m_directory / "baselines"; }

    // Create and return a new, empty `runs/<UTC timestamp>` folder.
    std::filesystem::path create_run_directory() const;

    // Point `.perfgate/last` at `run_directory`.
    void set_last_run(const std::filesystem::path& run_directory) const;

    // Write `document` to a new run folder's results.json, point `last` at it, return the folder.
    std::filesystem::path save_run(const ResultsDocument& document) const;

    // The folder of the latest run (`.perfgate/last`).
    std::filesystem::path last_run() const { return m_directory / "last"; }

    // Remove what killed runs and saves left behind, older than `k_leftover_age`: temporary
    // files of atomic writes (in `.perfgate/`, `baselines/` and each run folder) and run
    // folders that hold no results.json, only such temporaries. Nothing else is touched.
    // Return one line per removal, for the user.
    std::vector<std::string> remove_leftovers() const;

private:
    std::filesystem::path m_directory;
};

} // namespace perfgate::core
