#pragma once

#include <baselines/comparison.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace perfgate::cli {

// What a command that gates takes from `--fail-on`, `--metric` and `--strict-env`.
struct GateRequest
{
    std::string fail_on;
    std::string metric;
    bool strict_env = false;
};

// How a comparison is reported: `--format`, `--report-dir`, `--template`, `--color`.
struct ReportRequest
{
    std::string formats = "console";
    std::string directory;              // where report files go (default: the run's folder)
    std::vector<std::string> templates; // FORMAT=FILE
    std::string color = "auto";
};

// Return the comparison settings `gate` asks for.
baselines::CompareOptions
compare_options(const GateRequest& gate, std::string baseline_label, std::string current_label);

// Throw Error(usage) for an unknown format or an unreadable template, before anything runs.
void check(const ReportRequest& report);

// Write comparison.json into `run_directory` when there is one, and the report files of the
// requested formats into the report folder (default: `run_directory`, else the working
// directory); list them on stderr.
void write_report_files(const baselines::Comparison& comparison,
                        const ReportRequest& report,
                        const std::optional<std::filesystem::path>& run_directory);

// Report `comparison`: the report files, the console report on stdout when asked for (else the
// gate line), GitHub's summary and annotations under GitHub Actions. Return the exit code the
// gate implies.
int present(const baselines::Comparison& comparison,
            const ReportRequest& report,
            const std::optional<std::filesystem::path>& run_directory);

} // namespace perfgate::cli
