#include <baselines/judge.hpp>
#include <core/names.hpp>
#include <core/significance.hpp>
#include <core/units.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace perfgate::baselines {
namespace {

// Values spanning more than this factor within one side are flagged as unstable.
constexpr double k_unstable_span = 10.0;

bool is_rate(const core::Metric& metric)
{
    return metric.better == core::Better::higher && metric.name.ends_with("_per_second");
}

// Return the value that stands for one launch's repetitions.
double launch_value(const core::Metric& metric, std::vector<double>& repetitions)
{
    if (core::seconds_per(metric.unit) && metric.better == core::Better::lower) {
        return *std::min_element(repetitions.begin(), repetitions.end());
    }
    if (is_rate(metric)) {
        return *std::max_element(repetitions.begin(), repetitions.end());
    }
    return core::median(repetitions);
}

// Return the threshold of `level` under `policy`.
double threshold_of(core::Level level, const MetricPolicy& policy)
{
    switch (level) {
    case core::Level::warning:
        return policy.warning;
    case core::Level::critical:
        return policy.critical;
    default:
        return policy.blocker;
    }
}

// Return the level that `worsening` reaches among the negative thresholds of `policy` alone:
// the required improvements it falls short of.
core::Level requirement_level(double worsening, const MetricPolicy& policy)
{
    // A non-negative threshold is a tolerated slowdown, not a requirement: it never triggers here.
    const auto required_only = [](double threshold) {
        return threshold < 0 ? threshold : std::numeric_limits<double>::infinity();
    };
    const MetricPolicy required{required_only(policy.warning),
                                required_only(policy.critical),
                                required_only(policy.blocker)};
    return level_of(worsening, required);
}

struct Oriented
{
    double worsening;
    core::Interval interval; // of the worsening
};

Oriented orient(double change, const core::Interval& interval, core::Better better)
{
    if (better == core::Better::lower) {
        return {change, interval};
    }
    return {-change, {-interval.high, -interval.low}};
}

// Set the verdict and level of `judgement` from an oriented change, its interval and whether
// the test found a difference.
void classify(Judgement& judgement,
              const Oriented& oriented_change,
              bool significant,
              const JudgeSettings& settings)
{
    const auto& [worsening, interval] = oriented_change;
    const auto& policy = settings.policy;
    if (std::min({policy.warning, policy.critical, policy.blocker}) < 0) {
        // A requirement to improve (a negative threshold): not reaching it is a regression at
        // the level of the threshold the change falls short of, whatever the test says.
        if (const auto required = requirement_level(worsening, policy);
            required != core::Level::none) {
            judgement.verdict = Verdict::regressed;
            judgement.level = required;
            if (significant && worsening > 0) {
                // A significant worsening may also reach a higher threshold that is not one.
                judgement.level = std::max(required, level_of(worsening, policy));
            }
            judgement.notes.push_back(
                fmt::format("required a change of at most {:+.1f}% ({}), measured {:+.1f}%",
                            oriented(threshold_of(required, policy), settings.better) * 100,
                            core::to_string(required),
                            oriented(worsening, settings.better) * 100));
            return;
        }
    }
    if (interval.low >= -settings.noise && interval.high <= settings.noise) {
        judgement.verdict = Verdict::unchanged;
        return;
    }
    if (significant && worsening > 0) {
        // Note: a regression must stand clear of the noise band: the interval's lower bound
        // reaches `noise`. A guard's wall time is what load inflates; its level rests on the
        // lower bound, which must also reach the guard floor.
        const bool guard = settings.evidence == Evidence::lower_bound;
        const double floor = guard ? std::max(settings.guard, settings.noise) : settings.noise;
        const double evidence = interval.low < floor ? 0.0 : guard ? interval.low : worsening;
        judgement.level = level_of(evidence, policy);
        if (judgement.level != core::Level::none) {
            judgement.verdict = Verdict::regressed;
            return;
        }
        if (worsening >= policy.warning) {
            judgement.verdict = Verdict::inconclusive;
            judgement.resolution = (interval.high - interval.low) / 2;
            judgement.notes.push_back(fmt::format(
                "slower by {:+.1f}%, but only {:+.1f}% is certain under this run's spread: {} "
                "needs its interval's lower bound to reach {:.0f}%",
                worsening * 100,
                interval.low * 100,
                guard ? "a guard" : "a regression",
                (guard ? std::max(floor, policy.warning) : floor) * 100));
            return;
        }
        judgement.verdict = Verdict::slower;
        return;
    }
    const double warning = std::abs(policy.warning);
    if (significant && worsening < 0) {
        judgement.verdict = -worsening >= warning ? Verdict::improved : Verdict::faster;
        return;
    }
    if (interval.high < warning && interval.low > -warning) {
        judgement.verdict = Verdict::unchanged;
        return;
    }
    judgement.verdict = Verdict::inconclusive;
    judgement.resolution = (interval.high - interval.low) / 2;
    judgement.notes.push_back(
        fmt::format("the 95% interval [{:+.1f}%, {:+.1f}%] does not rule out a change "
                    "of {:.0f}% (warning)",
                    interval.low * 100,
                    interval.high * 100,
                    warning * 100));
}

bool constant(std::span<const double> values)
{
    return std::adjacent_find(values.begin(), values.end(), std::not_equal_to<>()) == values.end();
}

// Return a note when the values of one side span more than k_unstable_span.
std::string instability(std::span<const double> baseline, std::span<const double> current)
{
    for (const auto& [side, values] : {std::pair{"baseline", baseline}, {"current", current}}) {
        const auto [low, high] = std::minmax_element(values.begin(), values.end());
        if (*low > 0 && *high / *low > k_unstable_span) {
            return fmt::format("unstable: the {} values span {:.0f}x", side, *high / *low);
        }
    }
    return {};
}

} // namespace

std::string_view to_string(Verdict verdict)
{
    return core::name_of(k_verdict_names, verdict);
}

std::string_view to_string(Basis basis)
{
    return core::name_of(k_basis_names, basis);
}

double oriented(double change, core::Better better)
{
    return better == core::Better::lower ? change : -change;
}

Reduced reduce(const core::Metric& metric)
{
    Reduced reduced;
    if (metric.launches.empty()) {
        std::copy_if(metric.samples.begin(),
                     metric.samples.end(),
                     std::back_inserter(reduced.values),
                     [](double value) { return std::isfinite(value); });
        reduced.basis = Basis::runs;
        return reduced;
    }
    std::map<std::uint32_t, std::vector<double>> by_launch;
    for (std::size_t i = 0; i < metric.samples.size() && i < metric.launches.size(); ++i) {
        if (std::isfinite(metric.samples[i])) {
            by_launch[metric.launches[i]].push_back(metric.samples[i]);
        }
    }
    if (by_launch.size() <= 1) {
        reduced.basis = Basis::repetitions;
        if (!by_launch.empty()) {
            reduced.values = std::move(by_launch.begin()->second);
        }
        return reduced;
    }
    reduced.basis = Basis::launches;
    for (auto& [launch, repetitions] : by_launch) {
        reduced.values.push_back(launch_value(metric, repetitions));
        reduced.launches.push_back(launch);
    }
    return reduced;
}

Judgement judge(std::span<const double> baseline,
                std::span<const double> current,
                const JudgeSettings& settings)
{
    Judgement judgement;
    if (baseline.size() < k_min_values || current.size() < k_min_values) {
        judgement.verdict = Verdict::inconclusive;
        judgement.notes.push_back(fmt::format("too few independent values ({} and {}): at "
                                              "least {} on each side are needed",
                                              baseline.size(),
                                              current.size(),
                                              k_min_values));
        if (!baseline.empty() && !current.empty() && core::median(baseline) != 0) {
            judgement.change = core::median(current) / core::median(baseline) - 1;
        }
        return judgement;
    }
    const double base = core::median(baseline);
    const double now = core::median(current);
    if (auto unstable = instability(baseline, current); !unstable.empty()) {
        judgement.notes.push_back(std::move(unstable));
    }
    const auto test = core::mann_whitney_u(current, baseline);
    judgement.deterministic = constant(baseline) && constant(current);
    if (!judgement.deterministic) {
        judgement.p_value = test.p_value;
    }

    if (base == 0) {
        // A change from zero has no ratio: any significant or exact rise is a worsening of
        // unbounded size (for a lower-is-better metric).
        const bool differs = judgement.deterministic ? now != base : test.p_value < settings.alpha;
        const double direction = oriented(now > base ? 1.0 : -1.0, settings.better);
        if (!differs || now == base) {
            judgement.verdict = Verdict::unchanged;
        } else if (direction > 0) {
            judgement.verdict = Verdict::regressed;
            judgement.level = level_of(std::numeric_limits<double>::infinity(), settings.policy);
            judgement.notes.push_back(fmt::format("rose from 0 to {:g}", now));
        } else {
            judgement.verdict = Verdict::improved;
        }
        return judgement;
    }

    judgement.change = now / base - 1;
    if (judgement.deterministic) {
        judgement.interval = core::Interval{*judgement.change, *judgement.change};
        const double worsening = oriented(*judgement.change, settings.better);
        classify(judgement,
                 {worsening, {worsening, worsening}},
                 std::abs(worsening) > settings.noise,
                 settings);
        return judgement;
    }
    judgement.interval = core::ratio_interval(baseline, current);
    if (!judgement.interval) {
        // Zero or negative values have no ratio: the interval of the shift, relative to the
        // baseline's median.
        const auto shift = core::shift_interval(baseline, current);
        judgement.interval =
            core::Interval{shift->low / std::abs(base), shift->high / std::abs(base)};
    }
    classify(judgement,
             orient(*judgement.change, *judgement.interval, settings.better),
             test.p_value < settings.alpha,
             settings);
    return judgement;
}

Judgement judge_paired(std::span<const double> log_ratios, const JudgeSettings& settings)
{
    Judgement judgement;
    const auto location = core::signed_rank_interval(log_ratios);
    if (location) {
        judgement.change = std::expm1(location->estimate);
    }
    if (log_ratios.size() < k_min_rounds || !location) {
        judgement.verdict = Verdict::inconclusive;
        judgement.notes.push_back(fmt::format(
            "too few paired rounds ({}): at least {} are needed", log_ratios.size(), k_min_rounds));
        return judgement;
    }
    judgement.interval =
        core::Interval{std::expm1(location->interval.low), std::expm1(location->interval.high)};
    judgement.deterministic = constant(log_ratios);
    const auto test = core::wilcoxon_signed_rank(log_ratios);
    if (!judgement.deterministic) {
        judgement.p_value = test.p_value;
    }
    const double worsening = oriented(*judgement.change, settings.better);
    const bool significant = judgement.deterministic ? std::abs(worsening) > settings.noise
                                                     : test.p_value < settings.alpha;
    classify(judgement,
             orient(*judgement.change, *judgement.interval, settings.better),
             significant,
             settings);
    return judgement;
}

} // namespace perfgate::baselines
