#pragma once

#include <CLI/CLI.hpp>
#include <baselines/comparison.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace perfgate::cli {

// The options of every command that compares and gates.
struct GateOptions
{
    std::string fail_on;
    std::string metric;
    bool strict_env = false;
    std::string formats = "console";
    std::string output;                 // where report files go (default: the run's folder)
    std::vector<std::string> templates; // FORMAT=FILE
};

// Add `--fail-on`, `--metric`, `--strict-env`, `--format`, `--output` and `--template` to `app`.
void add_gate_options(CLI::App& app, GateOptions& options);

// Return the comparison settings these options ask for.
baselines::CompareOptions
compare_options(const GateOptions& options, std::string baseline_label, std::string current_label);

// Write comparison.json into `run_directory` when there is one, and the report files of
// `--format` into `--output` (default: `run_directory`, else the working directory).
void write_report_files(const baselines::Comparison& comparison,
                        const GateOptions& options,
                        const std::optional<std::filesystem::path>& run_directory);

// Report `comparison`: the console report on stdout when asked for, comparison.json into
// `run_directory` when there is one, the other `--format`s into `--output` (default:
// `run_directory`, else the working directory), GitHub's summary and annotations under GitHub
// Actions. Return the exit code the gate implies.
int present(const baselines::Comparison& comparison,
            const GateOptions& options,
            const std::optional<std::filesystem::path>& run_directory,
            bool color);

} // namespace perfgate::cli
