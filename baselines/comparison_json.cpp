#include <baselines/comparison.hpp>
#include <baselines/gate.hpp>
#include <core/results_json.hpp>
#include <core/version.hpp>
#include <util/error.hpp>

#include <fmt/format.h>

namespace perfgate::baselines {
namespace {

using Json = nlohmann::ordered_json;
using Reader = core::JsonReader<nlohmann::json>;
using core::JsonPath;
using core::NullNumber;

template <typename T> Json optional_json(const std::optional<T>& value)
{
    return value ? Json(*value) : Json(nullptr);
}

Json summary_json(const std::optional<core::Summary>& summary)
{
    return summary ? core::to_json(*summary) : Json(nullptr);
}

Json side_json(const Side& side)
{
    return Json{{"label", side.label},
                {"created", side.created},
                {"environment", core::to_json(side.environment)}};
}

Json entry_json(const MetricComparison& entry)
{
    Json json{
        {"id", entry.id},
        {"metric", entry.metric},
        {"unit", entry.unit},
        {"better", core::to_string(entry.better)},
        {"role", to_string(entry.role)},
        {"gated", entry.gated()},
        {"reason", entry.reason},
        {"basis", to_string(entry.basis)},
        {"verdict", to_string(entry.verdict)},
        {"level", core::to_string(entry.level)},
        {"fails_gate", entry.fails_gate()},
        {"baseline", summary_json(entry.baseline)},
        {"current", summary_json(entry.current)},
        {"baseline_values", entry.baseline_values},
        {"current_values", entry.current_values},
        {"baseline_center", optional_json(entry.baseline_center)},
        {"current_center", optional_json(entry.current_center)},
        {"change", optional_json(entry.change)},
        {"interval",
         entry.interval ? Json::array({entry.interval->low, entry.interval->high}) : Json(nullptr)},
        {"p_value", optional_json(entry.p_value)},
        {"resolution", optional_json(entry.resolution)},
        {"deterministic", entry.deterministic},
        {"thresholds",
         {{"warning", entry.policy.warning},
          {"critical", entry.policy.critical},
          {"blocker", entry.policy.blocker}}},
        {"samples", {{"baseline", entry.baseline_samples}, {"current", entry.current_samples}}},
        {"budgets", Json::array()},
        {"message", entry.message},
        {"notes", entry.notes}};
    auto& budgets = json["budgets"];
    for (const auto& budget : entry.budgets) {
        budgets.push_back(Json{{"statistic", budget.statistic},
                               {"bound", to_string(budget.bound)},
                               {"limit", budget.limit},
                               {"written", budget.written},
                               {"value", budget.value},
                               {"headroom", optional_json(budget.headroom)},
                               {"warn_headroom", budget.warn_headroom},
                               {"level", core::to_string(budget.level)},
                               {"breached", budget.breached},
                               {"thin", budget.thin},
                               {"origin", budget.origin}});
    }
    return json;
}

// Reads one perfgate-comparison/1 document; every error names the file and the field.
class ComparisonReader
{
public:
    explicit ComparisonReader(std::string_view origin) : m_read(std::string(origin)) {}

    Comparison read(const nlohmann::json& json) const
    {
        const JsonPath root;
        m_read.check_schema(json, k_comparison_schema);
        Comparison comparison;
        comparison.baseline = side(field(json, root.field("baseline")), root.field("baseline"));
        comparison.current = side(field(json, root.field("current")), root.field("current"));
        const JsonPath settings_path = root.field("settings");
        const auto& settings = m_read.object(field(json, settings_path), settings_path);
        comparison.alpha = probability(settings, settings_path.field("alpha"));
        comparison.noise = non_negative(settings, settings_path.field("noise"));
        comparison.guard = non_negative(settings, settings_path.field("guard"));
        comparison.gate.fail_on =
            named(settings, settings_path.field("fail_on"), core::k_fail_on_names);
        comparison.gate.inconclusive =
            named(settings, settings_path.field("inconclusive"), core::k_inconclusive_names);
        comparison.paired = boolean(settings, settings_path.field("paired"));
        const JsonPath benchmarks_path = root.field("benchmarks");
        const auto& benchmarks =
            m_read.array(field(json, benchmarks_path), benchmarks_path, "objects");
        comparison.entries.reserve(benchmarks.size());
        for (std::size_t i = 0; i < benchmarks.size(); ++i) {
            comparison.entries.push_back(entry(benchmarks[i], benchmarks_path.element(i)));
        }
        const JsonPath warnings_path = root.field("warnings");
        comparison.warnings = strings(field(json, warnings_path), warnings_path);
        return comparison;
    }

private:
    Reader m_read;

    const nlohmann::json& field(const nlohmann::json& object, const JsonPath& path) const
    {
        return m_read.require(object, path, "a value");
    }

    std::string string(const nlohmann::json& object, const JsonPath& path) const
    {
        return m_read.string(field(object, path), path);
    }

    template <typename Enum, std::size_t size>
    Enum named(const nlohmann::json& object,
               const JsonPath& path,
               const std::array<std::pair<Enum, std::string_view>, size>& names) const
    {
        return m_read.enumeration(field(object, path), path, names);
    }

    double number(const nlohmann::json& object, const JsonPath& path) const
    {
        return m_read.number(field(object, path), path);
    }

    double non_negative(const nlohmann::json& object, const JsonPath& path) const
    {
        return m_read.non_negative(field(object, path), path);
    }

    double probability(const nlohmann::json& object, const JsonPath& path) const
    {
        const double value = number(object, path);
        if (value < 0 || value > 1) {
            m_read.fail_at(path, fmt::format("expected a probability from 0 to 1, not {}", value));
        }
        return value;
    }

    std::optional<double> optional_number(const nlohmann::json& object, const JsonPath& path) const
    {
        const auto& value = field(object, path);
        return value.is_null() ? std::nullopt : std::optional(m_read.number(value, path));
    }

    std::size_t count(const nlohmann::json& object, const JsonPath& path) const
    {
        return m_read.integer<std::size_t>(field(object, path), path);
    }

    bool boolean(const nlohmann::json& object, const JsonPath& path) const
    {
        return m_read.boolean(field(object, path), path);
    }

    std::vector<std::string> strings(const nlohmann::json& value, const JsonPath& path) const
    {
        m_read.array(value, path, "strings");
        std::vector<std::string> result;
        for (std::size_t i = 0; i < value.size(); ++i) {
            result.push_back(m_read.string(value[i], path.element(i)));
        }
        return result;
    }

    std::vector<double> numbers(const nlohmann::json& value, const JsonPath& path) const
    {
        m_read.array(value, path, "numbers");
        std::vector<double> result;
        result.reserve(value.size());
        for (std::size_t i = 0; i < value.size(); ++i) {
            result.push_back(m_read.number(value[i], path.element(i)));
        }
        return result;
    }

    Side side(const nlohmann::json& json, const JsonPath& path) const
    {
        m_read.object(json, path);
        Side side;
        side.label = string(json, path.field("label"));
        side.created = string(json, path.field("created"));
        side.environment = core::environment_from_json(
            m_read, field(json, path.field("environment")), path.field("environment"));
        return side;
    }

    std::optional<core::Summary> summary(const nlohmann::json& object, const JsonPath& path) const
    {
        const auto& value = field(object, path);
        if (value.is_null()) {
            return std::nullopt;
        }
        return core::summary_from_json(m_read, value, path);
    }

    BudgetCheck budget(const nlohmann::json& json, const JsonPath& path) const
    {
        m_read.object(json, path);
        BudgetCheck budget;
        budget.statistic = string(json, path.field("statistic"));
        if (!core::statistic_of(core::Summary{}, budget.statistic)) {
            m_read.fail_at(path.field("statistic"),
                           fmt::format("unknown statistic '{}': expected {}",
                                       budget.statistic,
                                       fmt::join(core::k_statistic_names, ", ")));
        }
        budget.bound = named(json, path.field("bound"), k_bound_names);
        budget.limit = number(json, path.field("limit"));
        budget.written = string(json, path.field("written"));
        budget.value = number(json, path.field("value"));
        budget.headroom = optional_number(json, path.field("headroom"));
        budget.warn_headroom = non_negative(json, path.field("warn_headroom"));
        budget.level = named(json, path.field("level"), core::k_level_names);
        if (budget.level == core::Level::none) {
            m_read.fail_at(path.field("level"), "expected warning, critical or blocker");
        }
        budget.breached = boolean(json, path.field("breached"));
        budget.thin = boolean(json, path.field("thin"));
        budget.origin = string(json, path.field("origin"));
        return budget;
    }

    MetricComparison entry(const nlohmann::json& json, const JsonPath& path) const
    {
        m_read.object(json, path);
        MetricComparison entry;
        entry.id = string(json, path.field("id"));
        entry.metric = string(json, path.field("metric"));
        entry.unit = string(json, path.field("unit"));
        entry.better = named(json, path.field("better"), core::k_better_names);
        entry.role = named(json, path.field("role"), k_role_names);
        entry.reason = string(json, path.field("reason"));
        entry.basis = named(json, path.field("basis"), k_basis_names);
        entry.verdict = named(json, path.field("verdict"), k_verdict_names);
        entry.level = named(json, path.field("level"), core::k_level_names);
        entry.baseline = summary(json, path.field("baseline"));
        entry.current = summary(json, path.field("current"));
        entry.baseline_values = count(json, path.field("baseline_values"));
        entry.current_values = count(json, path.field("current_values"));
        entry.baseline_center = optional_number(json, path.field("baseline_center"));
        entry.current_center = optional_number(json, path.field("current_center"));
        entry.change = optional_number(json, path.field("change"));
        const JsonPath interval_path = path.field("interval");
        if (const auto& interval = field(json, interval_path); !interval.is_null()) {
            const auto bounds = numbers(interval, interval_path);
            if (bounds.size() != 2 || bounds[0] > bounds[1]) {
                m_read.fail_at(interval_path, "expected [low, high] with low <= high");
            }
            entry.interval = core::Interval{bounds[0], bounds[1]};
        }
        if (!field(json, path.field("p_value")).is_null()) {
            entry.p_value = probability(json, path.field("p_value"));
        }
        entry.resolution = optional_number(json, path.field("resolution"));
        entry.deterministic = boolean(json, path.field("deterministic"));
        const JsonPath thresholds_path = path.field("thresholds");
        const auto& thresholds = m_read.object(field(json, thresholds_path), thresholds_path);
        entry.policy.warning = number(thresholds, thresholds_path.field("warning"));
        entry.policy.critical = number(thresholds, thresholds_path.field("critical"));
        entry.policy.blocker = number(thresholds, thresholds_path.field("blocker"));
        const JsonPath samples_path = path.field("samples");
        const auto& samples = m_read.object(field(json, samples_path), samples_path);
        entry.baseline_samples =
            numbers(field(samples, samples_path.field("baseline")), samples_path.field("baseline"));
        entry.current_samples =
            numbers(field(samples, samples_path.field("current")), samples_path.field("current"));
        const JsonPath budgets_path = path.field("budgets");
        const auto& budgets = m_read.array(field(json, budgets_path), budgets_path, "objects");
        for (std::size_t i = 0; i < budgets.size(); ++i) {
            entry.budgets.push_back(budget(budgets[i], budgets_path.element(i)));
        }
        entry.message = string(json, path.field("message"));
        entry.notes = strings(field(json, path.field("notes")), path.field("notes"));
        return entry;
    }
};

Json totals_json(const Totals& t)
{
    return Json{{"regressed", t.regressed},
                {"warning", t.warning},
                {"critical", t.critical},
                {"blocker", t.blocker},
                {"slower", t.slower},
                {"inconclusive", t.inconclusive},
                {"unchanged", t.unchanged},
                {"faster", t.faster},
                {"improved", t.improved},
                {"new", t.new_benchmarks},
                {"missing", t.missing},
                {"failed", t.failed},
                {"skipped", t.skipped},
                {"budget_breaches", t.budget_breaches},
                {"thin_headroom", t.thin_headroom}};
}

} // namespace

Comparison comparison_from_json(const nlohmann::json& json, std::string_view origin)
{
    auto comparison = ComparisonReader(origin).read(json);
    decide(comparison);
    return comparison;
}

nlohmann::ordered_json to_json(const Comparison& comparison)
{
    const auto& gate = comparison.gate;
    Json json{{"schema", k_comparison_schema},
              {"perfgate", k_version},
              {"baseline", side_json(comparison.baseline)},
              {"current", side_json(comparison.current)},
              {"settings",
               {{"alpha", comparison.alpha},
                {"noise", comparison.noise},
                {"guard", comparison.guard},
                {"fail_on", core::to_string(gate.fail_on)},
                {"inconclusive", core::to_string(gate.inconclusive)},
                {"paired", comparison.paired}}},
              {"benchmarks", Json::array()},
              {"totals", totals_json(comparison.totals)},
              {"geomean_change", optional_json(comparison.geomean_change)},
              {"warnings", comparison.warnings},
              {"gate",
               {{"passed", gate.passed},
                {"fail_on", core::to_string(gate.fail_on)},
                {"failures", gate.failures},
                {"exit_code", static_cast<int>(gate.exit_code)}}}};
    auto& benchmarks = json["benchmarks"];
    for (const auto& entry : comparison.entries) {
        benchmarks.push_back(entry_json(entry));
    }
    return json;
}

} // namespace perfgate::baselines
