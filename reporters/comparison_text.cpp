#include <reporters/comparison_text.hpp>
#include <reporters/console_comparison.hpp>
#include <reporters/run_table.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace perfgate::reporters {
namespace {

using baselines::MetricComparison;
using baselines::Verdict;

int rank(const MetricComparison& entry)
{
    if (entry.verdict == Verdict::regressed) {
        return 3 - static_cast<int>(entry.level); // blocker 0 … none 3
    }
    if (entry.verdict == Verdict::failed) {
        return 4;
    }
    if (entry.budget && entry.budget->breached) {
        return 5;
    }
    switch (entry.verdict) {
    case Verdict::improved:
        return 6;
    case Verdict::underpowered:
        return 7;
    case Verdict::new_benchmark:
        return 8;
    case Verdict::missing:
        return 9;
    default:
        return 10;
    }
}

} // namespace

bool is_gated(const MetricComparison& entry, core::FailOn fail_on)
{
    if (fail_on == core::FailOn::never) {
        return false;
    }
    const auto reaches = [&](core::Level level) {
        return level != core::Level::none &&
               static_cast<int>(level) >= static_cast<int>(fail_on) + 1;
    };
    return (entry.verdict == Verdict::regressed && reaches(entry.level)) ||
           (entry.budget && entry.budget->breached && reaches(core::Level::blocker));
}

std::vector<const MetricComparison*> attention_order(const std::vector<MetricComparison>& entries)
{
    std::vector<const MetricComparison*> ordered;
    ordered.reserve(entries.size());
    for (const auto& entry : entries) {
        ordered.push_back(&entry);
    }
    std::stable_sort(ordered.begin(), ordered.end(), [](const auto* a, const auto* b) {
        return rank(*a) < rank(*b);
    });
    return ordered;
}

std::string verdict_text(const MetricComparison& entry)
{
    if (entry.verdict == Verdict::regressed && entry.level != core::Level::none) {
        return fmt::format("regressed ({})", core::to_string(entry.level));
    }
    return std::string(baselines::to_string(entry.verdict));
}

std::string median_text(const MetricComparison& entry, const std::optional<core::Summary>& side)
{
    return side ? format_value(side->median, entry.unit, std::nullopt) : std::string("-");
}

std::string interval_text(const MetricComparison& entry)
{
    return entry.interval ? fmt::format("[{}, {}]",
                                        format_change(entry.interval->low),
                                        format_change(entry.interval->high))
                          : std::string("-");
}

std::string budget_text(const MetricComparison& entry)
{
    if (!entry.budget) {
        return "";
    }
    const auto& budget = *entry.budget;
    const auto limit = format_value(budget.limit, entry.unit, std::nullopt);
    return budget.breached
               ? fmt::format("{} {} > {}: BREACHED",
                             budget.statistic,
                             format_value(budget.value, entry.unit, std::nullopt),
                             limit)
               : fmt::format(
                     "{} ≤ {}: {:.0f}% headroom", budget.statistic, limit, budget.headroom * 100);
}

} // namespace perfgate::reporters
