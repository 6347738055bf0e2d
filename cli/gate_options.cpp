#include <cli/gate_options.hpp>
#include <core/config.hpp>

#include <fmt/format.h>

namespace perfgate::cli {

void add_gate_options(CLI::App& app, GateRequest& gate)
{
    const auto levels = core::names_in(core::k_fail_on_names);
    app.add_option("--fail-on", gate.fail_on, "Fail at this level: " + core::choices_text(levels))
        ->check(CLI::IsMember(std::vector<std::string>(levels.begin(), levels.end())));
    app.add_option(
        "--metric", gate.metric, "Gate this metric (default: chosen per benchmark, see README)");
    app.add_flag(
        "--strict-env", gate.strict_env, "Refuse to compare results from different machines");
}

void add_report_options(CLI::App& app, ReportRequest& report)
{
    app.add_option("--format",
                   report.formats,
                   fmt::format("Reports: {} (default: [report].formats, else console)",
                               fmt::join(core::names_in(core::k_report_format_names), ",")));
    app.add_option("--report-dir",
                   report.directory,
                   "Folder for report files (default: the run's folder, else the working one)");
    app.add_option("--template",
                   report.templates,
                   "Replace a built-in template: markdown=FILE or html=FILE")
        ->allow_extra_args(false);
    app.add_option("--color", report.color, "Colour: auto, always or never (NO_COLOR is honoured)")
        ->check(CLI::IsMember({"auto", "always", "never"}));
    app.add_option("--stats",
                   report.stats,
                   "Also show these statistics of the current run, e.g. p50,p95,p99 (default: "
                   "[report].stats)");
}

void add_config_option(CLI::App& app, std::string& config)
{
    app.add_option("--config", config, "Configuration file (default: perfgate.toml found upwards)");
}

} // namespace perfgate::cli
