#include <core/config_section.hpp>

#include <algorithm>

namespace perfgate::core {
namespace config_reading {

ReportSettings read_report(const Section& section)
{
    ReportSettings report;
    report.formats = section.choices("formats", names_in(k_report_format_names));
    report.stats = section.choices("stats", k_statistic_names);
    return report;
}

} // namespace config_reading

std::vector<ReportFormat> parse_report_formats(std::string_view list)
{
    std::vector<ReportFormat> formats;
    for (const auto name : split_list(list)) {
        const auto format = value_named(k_report_format_names, name);
        if (!format) {
            fail(ExitCode::usage,
                 "unknown format '{}': expected {}",
                 name,
                 choices_text(names_in(k_report_format_names)));
        }
        if (std::find(formats.begin(), formats.end(), *format) == formats.end()) {
            formats.push_back(*format);
        }
    }
    return formats;
}

std::vector<std::string> parse_statistics(std::string_view list)
{
    std::vector<std::string> names;
    for (const auto name : split_list(list)) {
        if (std::find(k_statistic_names.begin(), k_statistic_names.end(), name) ==
            k_statistic_names.end()) {
            fail(ExitCode::usage,
                 "unknown statistic '{}': expected {}",
                 name,
                 choices_text(k_statistic_names));
        }
        if (std::find(names.begin(), names.end(), name) == names.end()) {
            names.emplace_back(name);
        }
    }
    return names;
}

} // namespace perfgate::core
