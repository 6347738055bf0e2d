#include <cli/gate_options.hpp>
#include <reporters/console_comparison.hpp>
#include <reporters/report_files.hpp>
#include <util/file.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace perfgate::cli {

void add_gate_options(CLI::App& app, GateOptions& options)
{
    app.add_option(
           "--fail-on", options.fail_on, "Fail at this level: warning, critical, blocker or never")
        ->check(CLI::IsMember({"warning", "critical", "blocker", "never"}));
    app.add_option("--metric", options.metric, "Gate this metric (default: wall, or real_time)");
    app.add_flag(
        "--strict-env", options.strict_env, "Refuse to compare results from different machines");
    app.add_option(
        "--format", options.formats, "Reports: console,markdown,html,json,junit (default console)");
    app.add_option(
        "--output", options.output, "Folder for report files (default: the run's folder)");
    app.add_option("--template",
                   options.templates,
                   "Replace a built-in template: markdown=FILE or html=FILE")
        ->allow_extra_args(false);
}

baselines::CompareOptions
compare_options(const GateOptions& options, std::string baseline_label, std::string current_label)
{
    baselines::CompareOptions compare;
    compare.metric = options.metric;
    if (!options.fail_on.empty()) {
        compare.fail_on = core::parse_fail_on(options.fail_on);
    }
    compare.strict_env = options.strict_env;
    compare.baseline_label = std::move(baseline_label);
    compare.current_label = std::move(current_label);
    return compare;
}

void write_report_files(const baselines::Comparison& comparison,
                        const GateOptions& options,
                        const std::optional<std::filesystem::path>& run_directory)
{
    const auto formats = reporters::parse_formats(options.formats);
    const auto templates = reporters::load_templates(options.templates);
    if (run_directory) {
        util::write_file_atomic(*run_directory / "comparison.json",
                                baselines::to_json(comparison).dump(2) + "\n");
    }
    const std::filesystem::path directory =
        !options.output.empty() ? std::filesystem::path(options.output)
                                : run_directory.value_or(std::filesystem::current_path());
    for (const auto& file : reporters::write_reports(comparison, formats, directory, templates)) {
        fmt::print(stderr, "report: {}\n", file.string());
    }
}

int present(const baselines::Comparison& comparison,
            const GateOptions& options,
            const std::optional<std::filesystem::path>& run_directory,
            bool color)
{
    const auto formats = reporters::parse_formats(options.formats);
    write_report_files(comparison, options, run_directory);
    if (std::find(formats.begin(), formats.end(), reporters::Format::console) != formats.end()) {
        fmt::print("{}", reporters::render_console_comparison(comparison, color));
    } else {
        fmt::print("{}\n", reporters::gate_line(comparison));
    }
    fmt::print("{}", reporters::github_output(comparison));
    std::fflush(stdout);
    return static_cast<int>(comparison.gate.exit_code);
}

} // namespace perfgate::cli
