#include <baselines/comparison.hpp>
#include <core/version.hpp>

namespace perfgate::baselines {
namespace {

using Json = nlohmann::ordered_json;

Json summary_json(const std::optional<core::Summary>& summary)
{
    if (!summary) {
        return nullptr;
    }
    const auto& s = *summary;
    return Json{{"n", s.n},
                {"mean", s.mean},
                {"median", s.median},
                {"stddev", s.stddev},
                {"min", s.min},
                {"max", s.max},
                {"p90", s.p90},
                {"p95", s.p95},
                {"p99", s.p99},
                {"mad", s.mad},
                {"outliers", s.outliers}};
}

Json environment_json(const core::Environment& environment)
{
    Json json{{"host", environment.host},
              {"os", environment.os},
              {"cpu", environment.cpu},
              {"cpus", environment.cpus},
              {"memory_bytes", environment.memory_bytes}};
    if (environment.git) {
        json["git"] = {{"commit", environment.git->commit},
                       {"branch", environment.git->branch},
                       {"dirty", environment.git->dirty}};
    }
    return json;
}

Json side_json(const Side& side)
{
    return Json{{"label", side.label},
                {"created", side.created},
                {"environment", environment_json(side.environment)}};
}

template <typename T> Json optional_json(const std::optional<T>& value)
{
    return value ? Json(*value) : Json(nullptr);
}

Json entry_json(const MetricComparison& entry)
{
    Json json{
        {"id", entry.id},
        {"metric", entry.metric},
        {"unit", entry.unit},
        {"better", core::to_string(entry.better)},
        {"verdict", to_string(entry.verdict)},
        {"level", core::to_string(entry.level)},
        {"baseline", summary_json(entry.baseline)},
        {"current", summary_json(entry.current)},
        {"change", optional_json(entry.change)},
        {"interval",
         entry.interval ? Json::array({entry.interval->low, entry.interval->high}) : Json(nullptr)},
        {"p_value", optional_json(entry.p_value)},
        {"deterministic", entry.deterministic},
        {"thresholds",
         {{"warning", entry.policy.warning},
          {"critical", entry.policy.critical},
          {"blocker", entry.policy.blocker}}}};
    if (entry.budget) {
        json["budget"] = {{"limit", entry.budget->limit},
                          {"statistic", entry.budget->statistic},
                          {"value", entry.budget->value},
                          {"headroom", entry.budget->headroom},
                          {"breached", entry.budget->breached}};
    }
    if (!entry.message.empty()) {
        json["message"] = entry.message;
    }
    return json;
}

} // namespace

nlohmann::ordered_json to_json(const Comparison& comparison)
{
    const auto& t = comparison.totals;
    Json json{{"schema", k_comparison_schema},
              {"perfgate", k_version},
              {"baseline", side_json(comparison.baseline)},
              {"current", side_json(comparison.current)},
              {"settings",
               {{"alpha", comparison.alpha},
                {"noise", comparison.noise},
                {"fail_on", core::to_string(comparison.gate.fail_on)}}},
              {"benchmarks", Json::array()},
              {"totals",
               {{"regressed", t.regressed},
                {"warning", t.warning},
                {"critical", t.critical},
                {"blocker", t.blocker},
                {"improved", t.improved},
                {"unchanged", t.unchanged},
                {"underpowered", t.underpowered},
                {"new", t.new_benchmarks},
                {"missing", t.missing},
                {"failed", t.failed},
                {"budget_breaches", t.budget_breaches}}},
              {"geomean_change", optional_json(comparison.geomean_change)},
              {"warnings", comparison.warnings},
              {"gate",
               {{"passed", comparison.gate.passed},
                {"fail_on", core::to_string(comparison.gate.fail_on)},
                {"failures", comparison.gate.failures},
                {"exit_code", static_cast<int>(comparison.gate.exit_code)}}}};
    for (const auto& entry : comparison.entries) {
        json["benchmarks"].push_back(entry_json(entry));
    }
    return json;
}

} // namespace perfgate::baselines
