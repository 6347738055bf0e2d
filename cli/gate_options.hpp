#pragma once

#include <CLI/CLI.hpp>
#include <baselines/comparison.hpp>

#include <filesystem>
#include <optional>
#include <string>

namespace perfgate::cli {

// The options of every command that compares and gates.
struct GateOptions
{
    std::string fail_on;
    std::string metric;
    bool strict_env = false;
};

// Add `--fail-on`, `--metric` and `--strict-env` to `app`.
void add_gate_options(CLI::App& app, GateOptions& options);

// Return the comparison settings these options ask for.
baselines::CompareOptions
compare_options(const GateOptions& options, std::string baseline_label, std::string current_label);

// Print `comparison` to stdout, write it as comparison.json into `directory` when given, and
// return the exit code the gate implies.
int present(const baselines::Comparison& comparison,
            const std::optional<std::filesystem::path>& directory,
            bool color);

} // namespace perfgate::cli
