#include <cli/commands.hpp>
#include <cli/gate_options.hpp>
#include <core/config.hpp>
#include <runners/importers.hpp>
#include <util/terminal.hpp>

#include <unistd.h>

#include <memory>

namespace perfgate::cli {
namespace {

struct ReportOptions
{
    std::string input;
    std::string config;
    std::string color = "auto";
    GateOptions gate;
};

int report(const ReportOptions& options)
{
    const auto json = core::read_json_file(options.input);
    baselines::Comparison comparison;
    if (json.is_object() && json.value("schema", std::string()) == baselines::k_comparison_schema) {
        comparison = baselines::comparison_from_json(json, options.input);
    } else {
        // A results file is rendered as a comparison with nothing: every benchmark is new.
        const auto config = core::load_project_config(options.config);
        auto settings = compare_options(options.gate, "", options.input);
        settings.require_common = false;
        comparison =
            baselines::compare({}, runners::load_any_results(options.input), config, settings);
    }
    return present(comparison,
                   options.gate,
                   std::nullopt,
                   util::use_color(util::parse_color_mode(options.color), STDOUT_FILENO));
}

} // namespace

Handler setup_report(CLI::App& app)
{
    auto options = std::make_shared<ReportOptions>();
    app.add_option("INPUT", options->input, "A comparison.json, or a results file")->required();
    app.add_option(
        "--config", options->config, "Configuration file (default: perfgate.toml found upwards)");
    app.add_option("--color", options->color, "Colour: auto, always or never")
        ->check(CLI::IsMember({"auto", "always", "never"}));
    add_gate_options(app, options->gate);
    return [options] { return report(*options); };
}

} // namespace perfgate::cli
