#include <cli/commands.hpp>
#include <cli/compare_pipeline.hpp>
#include <cli/gate_options.hpp>

#include <memory>

namespace perfgate::cli {

Handler setup_compare(CLI::App& app)
{
    auto request = std::make_shared<CompareRequest>();
    app.add_option("BASE",
                   request->baseline,
                   "Baseline results: perfgate, perfgate-samples, Google Benchmark, hyperfine or "
                   "pytest-benchmark JSON, or a criterion folder")
        ->required();
    app.add_option("CURRENT", request->current, "Current results, in any of those formats")
        ->required();
    add_config_option(app, request->config);
    add_gate_options(app, request->gate);
    add_report_options(app, request->report);
    return [request] { return compare_pipeline(*request); };
}

} // namespace perfgate::cli
