#pragma once

#include <CLI/CLI.hpp>
#include <cli/present.hpp>

namespace perfgate::cli {

// Add `--fail-on`, `--metric` and `--strict-env` to `app`.
void add_gate_options(CLI::App& app, GateRequest& gate);

// Add `--format`, `--report-dir`, `--template` and `--color` to `app`.
void add_report_options(CLI::App& app, ReportRequest& report);

// Add `--config` to `app`.
void add_config_option(CLI::App& app, std::string& config);

} // namespace perfgate::cli
