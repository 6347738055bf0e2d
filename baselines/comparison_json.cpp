#include <baselines/comparison.hpp>
#include <core/version.hpp>
#include <util/error.hpp>

#include <fmt/format.h>

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
    json["samples"] = {{"baseline", entry.baseline_samples}, {"current", entry.current_samples}};
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

// Reads one document, naming `origin` and the field in every error.
class Reader
{
public:
    explicit Reader(std::string_view origin) : m_origin(origin) {}

    const nlohmann::json&
    field(const nlohmann::json& object, const char* key, std::string_view where) const
    {
        if (!object.is_object() || !object.contains(key)) {
            fail(ExitCode::usage, "'{}': {}: missing \"{}\"", m_origin, where, key);
        }
        return object[key];
    }

    template <typename T>
    T get(const nlohmann::json& object, const char* key, std::string_view where, T fallback) const
    {
        if (!object.is_object() || !object.contains(key) || object[key].is_null()) {
            return fallback;
        }
        try {
            return object[key].get<T>();
        } catch (const nlohmann::json::exception&) {
            fail(ExitCode::usage, "'{}': {}.{}: wrong type", m_origin, where, key);
        }
    }

    std::optional<double>
    number(const nlohmann::json& object, const char* key, std::string_view where) const
    {
        if (!object.is_object() || !object.contains(key) || object[key].is_null()) {
            return std::nullopt;
        }
        return get<double>(object, key, where, 0);
    }

    std::optional<core::Summary> summary(const nlohmann::json& json, std::string_view where) const
    {
        if (json.is_null()) {
            return std::nullopt;
        }
        core::Summary s;
        s.n = get<std::size_t>(json, "n", where, 0);
        s.mean = get<double>(json, "mean", where, 0);
        s.median = get<double>(json, "median", where, 0);
        s.stddev = get<double>(json, "stddev", where, 0);
        s.min = get<double>(json, "min", where, 0);
        s.max = get<double>(json, "max", where, 0);
        s.p90 = get<double>(json, "p90", where, 0);
        s.p95 = get<double>(json, "p95", where, 0);
        s.p99 = get<double>(json, "p99", where, 0);
        s.mad = get<double>(json, "mad", where, 0);
        s.outliers = get<std::size_t>(json, "outliers", where, 0);
        return s;
    }

    Side side(const nlohmann::json& json, std::string_view where) const
    {
        Side side;
        side.label = get<std::string>(json, "label", where, "");
        side.created = get<std::string>(json, "created", where, "");
        const auto environment = json.is_object() && json.contains("environment")
                                     ? json["environment"]
                                     : nlohmann::json();
        auto& e = side.environment;
        e.host = get<std::string>(environment, "host", where, "");
        e.os = get<std::string>(environment, "os", where, "");
        e.cpu = get<std::string>(environment, "cpu", where, "");
        e.cpus = get<int>(environment, "cpus", where, 0);
        e.memory_bytes = get<std::uint64_t>(environment, "memory_bytes", where, 0);
        if (environment.is_object() && environment.contains("git")) {
            const auto& git = environment["git"];
            e.git = core::GitInfo{get<std::string>(git, "commit", where, ""),
                                  get<std::string>(git, "branch", where, ""),
                                  get<bool>(git, "dirty", where, false)};
        }
        return side;
    }

private:
    std::string_view m_origin;
};

template <typename Enum, std::size_t N>
Enum parse_name(const std::array<Enum, N>& values,
                const std::string& text,
                std::string_view origin,
                std::string_view where)
{
    for (auto value : values) {
        if (to_string(value) == text) {
            return value;
        }
    }
    fail(ExitCode::usage, "'{}': {}: unknown value '{}'", origin, where, text);
}

} // namespace

Comparison comparison_from_json(const nlohmann::json& json, std::string_view origin)
{
    const Reader read(origin);
    const auto schema = read.get<std::string>(json, "schema", "document", "");
    if (schema != k_comparison_schema) {
        fail(ExitCode::usage,
             "'{}': unknown schema '{}': expected '{}'",
             origin,
             schema,
             k_comparison_schema);
    }
    Comparison comparison;
    comparison.baseline = read.side(read.field(json, "baseline", "document"), "baseline");
    comparison.current = read.side(read.field(json, "current", "document"), "current");
    const auto& settings = read.field(json, "settings", "document");
    comparison.alpha = read.get<double>(settings, "alpha", "settings", 0.05);
    comparison.noise = read.get<double>(settings, "noise", "settings", 0.01);
    const auto& benchmarks = read.field(json, "benchmarks", "document");
    if (!benchmarks.is_array()) {
        fail(ExitCode::usage, "'{}': benchmarks: expected an array", origin);
    }
    constexpr std::array verdicts{Verdict::regressed,
                                  Verdict::improved,
                                  Verdict::unchanged,
                                  Verdict::underpowered,
                                  Verdict::new_benchmark,
                                  Verdict::missing,
                                  Verdict::failed};
    constexpr std::array levels{
        core::Level::none, core::Level::warning, core::Level::critical, core::Level::blocker};
    for (std::size_t i = 0; i < benchmarks.size(); ++i) {
        const auto& item = benchmarks[i];
        const auto where = fmt::format("benchmarks[{}]", i);
        MetricComparison entry;
        read.field(item, "id", where);
        entry.id = read.get<std::string>(item, "id", where, "");
        entry.metric = read.get<std::string>(item, "metric", where, "");
        entry.unit = read.get<std::string>(item, "unit", where, "");
        entry.better = read.get<std::string>(item, "better", where, "lower") == "higher"
                           ? core::Better::higher
                           : core::Better::lower;
        entry.verdict = parse_name(verdicts,
                                   read.get<std::string>(item, "verdict", where, ""),
                                   origin,
                                   where + ".verdict");
        entry.level = parse_name(
            levels, read.get<std::string>(item, "level", where, "none"), origin, where + ".level");
        entry.baseline =
            read.summary(item.value("baseline", nlohmann::json()), where + ".baseline");
        entry.current = read.summary(item.value("current", nlohmann::json()), where + ".current");
        entry.change = read.number(item, "change", where);
        entry.p_value = read.number(item, "p_value", where);
        if (const auto interval = read.get<std::vector<double>>(item, "interval", where, {});
            interval.size() == 2) {
            entry.interval = core::Interval{interval[0], interval[1]};
        }
        entry.deterministic = read.get<bool>(item, "deterministic", where, false);
        const auto thresholds = item.value("thresholds", nlohmann::json());
        entry.policy.warning = read.get<double>(thresholds, "warning", where, entry.policy.warning);
        entry.policy.critical =
            read.get<double>(thresholds, "critical", where, entry.policy.critical);
        entry.policy.blocker = read.get<double>(thresholds, "blocker", where, entry.policy.blocker);
        const auto samples = item.value("samples", nlohmann::json());
        entry.baseline_samples = read.get<std::vector<double>>(samples, "baseline", where, {});
        entry.current_samples = read.get<std::vector<double>>(samples, "current", where, {});
        if (item.contains("budget") && item["budget"].is_object()) {
            const auto& budget = item["budget"];
            entry.budget = BudgetCheck{read.get<double>(budget, "limit", where, 0),
                                       read.get<std::string>(budget, "statistic", where, "median"),
                                       read.get<double>(budget, "value", where, 0),
                                       read.get<double>(budget, "headroom", where, 0),
                                       read.get<bool>(budget, "breached", where, false)};
        }
        entry.message = read.get<std::string>(item, "message", where, "");
        comparison.entries.push_back(std::move(entry));
    }
    const auto totals = json.value("totals", nlohmann::json());
    auto& t = comparison.totals;
    for (auto [key, value] : {std::pair{"regressed", &t.regressed},
                              {"warning", &t.warning},
                              {"critical", &t.critical},
                              {"blocker", &t.blocker},
                              {"improved", &t.improved},
                              {"unchanged", &t.unchanged},
                              {"underpowered", &t.underpowered},
                              {"new", &t.new_benchmarks},
                              {"missing", &t.missing},
                              {"failed", &t.failed},
                              {"budget_breaches", &t.budget_breaches}}) {
        *value = read.get<int>(totals, key, "totals", 0);
    }
    comparison.geomean_change = read.number(json, "geomean_change", "document");
    comparison.warnings = read.get<std::vector<std::string>>(json, "warnings", "document", {});
    const auto gate = json.value("gate", nlohmann::json());
    comparison.gate.passed = read.get<bool>(gate, "passed", "gate", true);
    comparison.gate.fail_on =
        core::parse_fail_on(read.get<std::string>(gate, "fail_on", "gate", "blocker"));
    comparison.gate.failures = read.get<int>(gate, "failures", "gate", 0);
    comparison.gate.exit_code = static_cast<ExitCode>(read.get<int>(gate, "exit_code", "gate", 0));
    return comparison;
}

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
