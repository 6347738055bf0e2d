#include <cli/present.hpp>
#include <reporters/comparison_text.hpp>
#include <reporters/console_comparison.hpp>
#include <reporters/report_files.hpp>
#include <util/file.hpp>
#include <util/terminal.hpp>

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>

namespace perfgate::cli {

baselines::CompareOptions
compare_options(const GateRequest& gate, std::string baseline_label, std::string current_label)
{
    baselines::CompareOptions compare;
    compare.metric = gate.metric;
    if (!gate.fail_on.empty()) {
        compare.fail_on = core::parse_fail_on(gate.fail_on);
    }
    compare.strict_env = gate.strict_env;
    compare.baseline_label = std::move(baseline_label);
    compare.current_label = std::move(current_label);
    return compare;
}

ReportRequest with_settings(ReportRequest report, const core::ReportSettings& settings)
{
    if (report.formats.empty()) {
        report.formats = settings.formats.empty()
                             ? std::string("console")
                             : fmt::format("{}", fmt::join(settings.formats, ","));
    }
    if (report.stats.empty()) {
        report.stats = fmt::format("{}", fmt::join(settings.stats, ","));
    }
    return report;
}

void show_stats(baselines::Comparison& comparison, const ReportRequest& report)
{
    comparison.stats =
        report.stats.empty() ? std::vector<std::string>{} : core::parse_statistics(report.stats);
}

void check(const ReportRequest& report)
{
    static_cast<void>(core::parse_report_formats(report.formats));
    if (!report.stats.empty()) {
        static_cast<void>(core::parse_statistics(report.stats));
    }
    static_cast<void>(reporters::load_templates(report.templates));
    static_cast<void>(util::parse_color_mode(report.color));
}

void write_report_files(const baselines::Comparison& comparison,
                        const ReportRequest& report,
                        const std::optional<std::filesystem::path>& run_directory)
{
    const auto formats = core::parse_report_formats(report.formats);
    const auto templates = reporters::load_templates(report.templates);
    if (run_directory) {
        util::write_file_atomic(*run_directory / "comparison.json",
                                baselines::to_json(comparison).dump(2) + "\n");
    }
    const std::filesystem::path directory =
        !report.directory.empty() ? std::filesystem::path(report.directory)
                                  : run_directory.value_or(std::filesystem::current_path());
    for (const auto& file : reporters::write_reports(comparison, formats, directory, templates)) {
        fmt::print(stderr, "report: {}\n", file.string());
    }
}

int present(const baselines::Comparison& comparison,
            const ReportRequest& report,
            const std::optional<std::filesystem::path>& run_directory)
{
    const auto formats = core::parse_report_formats(report.formats);
    write_report_files(comparison, report, run_directory);
    const bool color = util::use_color(util::parse_color_mode(report.color), STDOUT_FILENO);
    if (std::find(formats.begin(), formats.end(), reporters::Format::console) != formats.end()) {
        fmt::print("{}", reporters::render_console_comparison(comparison, color));
    } else {
        fmt::print("{}\n", reporters::gate_line(comparison));
    }
    fmt::print("{}", reporters::github_output(comparison));
    return static_cast<int>(comparison.gate.exit_code);
}

} // namespace perfgate::cli
