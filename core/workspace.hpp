#pragma once

#include <core/results.hpp>

#include <filesystem>

namespace perfgate::core {

// The `.perfgate/` folder of a project (docs/formats.md).
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

private:
    std::filesystem::path m_directory;
};

} // namespace perfgate::core
