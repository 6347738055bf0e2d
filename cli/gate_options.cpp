#include <cli/gate_options.hpp>
#include <reporters/console_comparison.hpp>
#include <util/file.hpp>

#include <fmt/format.h>

namespace perfgate::cli {

void add_gate_options(CLI::App& app, GateOptions& options)
{
    app.add_option(
           "--fail-on", options.fail_on, "Fail at this level: warning, critical, blocker or never")
        ->check(CLI::IsMember({"warning", "critical", "blocker", "never"}));
    app.add_option("--metric", options.metric, "Gate this metric (default: wall, or real_time)");
    app.add_flag(
        "--strict-env", options.strict_env, "Refuse to compare results from different machines");
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

int present(const baselines::Comparison& comparison,
            const std::optional<std::filesystem::path>& directory,
            bool color)
{
    if (directory) {
        util::write_file_atomic(*directory / "comparison.json",
                                baselines::to_json(comparison).dump(2) + "\n");
    }
    fmt::print("{}", reporters::render_console_comparison(comparison, color));
    std::fflush(stdout);
    return static_cast<int>(comparison.gate.exit_code);
}

} // namespace perfgate::cli
