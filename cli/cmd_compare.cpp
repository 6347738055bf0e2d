#include <cli/commands.hpp>
#include <cli/gate_options.hpp>
#include <runners/google_benchmark.hpp>
#include <runners/importers.hpp>
#include <runners/pytest_benchmark.hpp>
#include <util/terminal.hpp>

#include <unistd.h>

#include <algorithm>
#include <memory>

namespace perfgate::cli {
namespace {

struct CompareCommandOptions
{
    std::string baseline;
    std::string current;
    std::string config;
    std::string color = "auto";
    GateOptions gate;
};

int compare(const CompareCommandOptions& options)
{
    const auto config = core::load_project_config(options.config);
    const auto baseline = runners::load_any_results(options.baseline);
    const auto current = runners::load_any_results(options.current);
    auto comparison =
        baselines::compare(baseline,
                           current,
                           config,
                           compare_options(options.gate, options.baseline, options.current));
    for (auto& warning : runners::context_warnings(current.benchmarks)) {
        comparison.warnings.push_back(std::move(warning));
    }
    for (const auto& [document, origin] :
         {std::pair{&baseline, options.baseline}, std::pair{&current, options.current}}) {
        auto warning = runners::summary_only_warning(document->benchmarks, origin);
        if (warning &&
            std::find(comparison.warnings.begin(), comparison.warnings.end(), *warning) ==
                comparison.warnings.end()) {
            comparison.warnings.push_back(std::move(*warning));
        }
    }
    return present(comparison,
                   options.gate,
                   std::nullopt,
                   util::use_color(util::parse_color_mode(options.color), STDOUT_FILENO));
}

} // namespace

Handler setup_compare(CLI::App& app)
{
    auto options = std::make_shared<CompareCommandOptions>();
    app.add_option("BASE",
                   options->baseline,
                   "Baseline results: perfgate, perfgate-samples, Google Benchmark, hyperfine or "
                   "pytest-benchmark JSON, or a criterion folder")
        ->required();
    app.add_option("CURRENT", options->current, "Current results, in any of those formats")
        ->required();
    app.add_option(
        "--config", options->config, "Configuration file (default: perfgate.toml found upwards)");
    app.add_option("--color", options->color, "Colour: auto, always or never")
        ->check(CLI::IsMember({"auto", "always", "never"}));
    add_gate_options(app, options->gate);
    return [options] { return compare(*options); };
}

} // namespace perfgate::cli
