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

// How a comparison is reported: `--format`, `--report-dir`, `--template`, `--color`, `--stats`.
struct ReportRequest
{
    std::string formats;                // empty: `[report].formats`, else console
    std::string directory;              // where report files go (default: the run's folder)
    std::vector<std::string> templates; // FORMAT=FILE
    std::string color = "auto";
    std::string stats; // statistics as extra columns ("p50,p95"); empty: `[report].stats`
};

// Return `report` with what the command line left unset taken from `[report]`: the formats
// (console when neither says) and the statistics.
ReportRequest with_settings(ReportRequest report, const core::ReportSettings& settings);

// Set the statistics `report` asks for as extra columns of `comparison`.
void show_stats(baselines::Comparison& comparison, const ReportRequest& report);

// Return the comparison settings `gate` asks for.
baselines::CompareOptions
compare_options(const GateRequest& gate, std::string baseline_label, std::string current_label);

// Throw Error(usage) for an unknown format or statistic or an unreadable template, before
// anything runs.
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
