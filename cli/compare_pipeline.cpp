#include <baselines/gate.hpp>
#include <cli/compare_pipeline.hpp>
#include <core/config.hpp>
#include <core/json_file.hpp>
#include <runners/google_benchmark.hpp>
#include <runners/importers.hpp>
#include <runners/pytest_benchmark.hpp>
#include <util/error.hpp>

#include <algorithm>
#include <utility>

namespace perfgate::cli {

int compare_pipeline(const CompareRequest& request)
{
    const auto config = core::load_project_config(request.config);
    const auto report = with_settings(request.report, config.report);
    check(report);
    const auto baseline = runners::load_any_results(request.baseline);
    auto current = runners::load_any_results(request.current);
    runners::match_programs(baseline, current);
    auto comparison =
        baselines::compare(baseline,
                           current,
                           config,
                           compare_options(request.gate, request.baseline, request.current));
    for (auto& warning : runners::context_warnings(current.benchmarks)) {
        comparison.warnings.push_back(std::move(warning));
    }
    for (const auto& [document, origin] : {std::pair{&baseline, &request.baseline},
                                           std::pair{&std::as_const(current), &request.current}}) {
        auto warning = runners::summary_only_warning(document->benchmarks, *origin);
        if (warning &&
            std::find(comparison.warnings.begin(), comparison.warnings.end(), *warning) ==
                comparison.warnings.end()) {
            comparison.warnings.push_back(std::move(*warning));
        }
    }
    show_stats(comparison, report);
    return present(comparison, report, std::nullopt);
}

int report_pipeline(const RenderRequest& request)
{
    const auto config = core::load_project_config(request.config);
    const auto report = with_settings(request.report, config.report);
    check(report);
    const auto json = core::read_json_file(request.input);
    const auto* schema = json.is_object() && json.contains("schema") ? &json["schema"] : nullptr;
    if (schema == nullptr || *schema != baselines::k_comparison_schema) {
        // A results file is rendered as a comparison with nothing: every benchmark is new.
        auto settings = compare_options(request.gate, "", request.input);
        settings.require_common = false;
        auto comparison =
            baselines::compare({}, runners::load_any_results(request.input), config, settings);
        show_stats(comparison, report);
        return present(comparison, report, std::nullopt);
    }
    if (!request.gate.metric.empty()) {
        fail(ExitCode::usage,
             "--metric cannot change the metrics of a saved comparison ('{}'); run 'perfgate "
             "compare' on the two results files instead",
             request.input);
    }
    auto comparison = baselines::comparison_from_json(json, request.input);
    if (request.gate.strict_env) {
        if (auto mismatch = baselines::environment_mismatch(comparison.baseline.environment,
                                                            comparison.current.environment)) {
            fail(ExitCode::usage, "--strict-env: {}: {}", request.input, *mismatch);
        }
    }
    if (!request.gate.fail_on.empty()) {
        comparison.gate.fail_on = core::parse_fail_on(request.gate.fail_on);
        baselines::decide(comparison);
    }
    show_stats(comparison, report);
    return present(comparison, report, std::nullopt);
}

} // namespace perfgate::cli
