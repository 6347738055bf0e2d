#include <cli/commands.hpp>
#include <cli/compare_pipeline.hpp>
#include <cli/gate_options.hpp>

#include <memory>

namespace perfgate::cli {

Handler setup_report(CLI::App& app)
{
    auto request = std::make_shared<RenderRequest>();
    app.add_option("INPUT", request->input, "A comparison.json, or a results file")->required();
    add_config_option(app, request->config);
    add_gate_options(app, request->gate);
    add_report_options(app, request->report);
    return [request] { return report_pipeline(*request); };
}

} // namespace perfgate::cli
