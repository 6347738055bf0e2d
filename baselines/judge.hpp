#pragma once

#include <baselines/policy.hpp>
#include <core/config.hpp>
#include <core/results.hpp>
#include <core/stats.hpp>

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace perfgate::baselines {

// The verdict on one judged metric of one benchmark (docs/statistics.md).
enum class Verdict {
    regressed,     // significantly worse, at or above `warning`: it carries a level
    slower,        // significantly worse, below `warning`: a small slowdown, never gated
    inconclusive,  // the run cannot rule out a change at `warning`: too few or too noisy samples
    unchanged,     // the interval rules out a change at `warning`, or lies within ±noise
    faster,        // significantly better, by less than `warning`: a small speedup
    improved,      // significantly better, by `warning` or more
    new_benchmark, // only in the current run
    missing,       // only in the baseline
    failed,        // the current run could not measure it
    skipped        // the benchmark skipped itself (Google Benchmark's SkipWithMessage)
};

inline constexpr std::array k_verdict_names{
    std::pair{Verdict::regressed, std::string_view("regressed")},
    std::pair{Verdict::slower, std::string_view("slower")},
    std::pair{Verdict::inconclusive, std::string_view("inconclusive")},
    std::pair{Verdict::unchanged, std::string_view("unchanged")},
    std::pair{Verdict::faster, std::string_view("faster")},
    std::pair{Verdict::improved, std::string_view("improved")},
    std::pair{Verdict::new_benchmark, std::string_view("new")},
    std::pair{Verdict::missing, std::string_view("missing")},
    std::pair{Verdict::failed, std::string_view("failed")},
    std::pair{Verdict::skipped, std::string_view("skipped")},
};

std::string_view to_string(Verdict verdict);

// What the independent values of one side of a comparison are.
enum class Basis {
    launches,    // one value per launch of a program: its least disturbed repetition
    repetitions, // the repetitions of a single launch (an imported file): not independent
    runs,        // one value per run of a command
    rounds       // paired: one ratio per interleaved round of base and head
};

inline constexpr std::array k_basis_names{
    std::pair{Basis::launches, std::string_view("launches")},
    std::pair{Basis::repetitions, std::string_view("repetitions")},
    std::pair{Basis::runs, std::string_view("runs")},
    std::pair{Basis::rounds, std::string_view("rounds")},
};

std::string_view to_string(Basis basis);

// One side's samples reduced to independent values.
struct Reduced
{
    std::vector<double> values;
    std::vector<std::uint32_t> launches; // the launch of each value (basis `launches`)
    Basis basis = Basis::runs;
};

// Reduce `metric`'s finite samples to independent values. Samples of several launches give one
// value per launch, its least disturbed repetition: interference from other processes only adds
// time, so that is the minimum of a time and the maximum of a higher-is-better rate (the median
// for other metrics). Samples of one launch are its repetitions; samples without launch indices
// are runs.
Reduced reduce(const core::Metric& metric);

// Which estimate of a worsening sets the level of a regression.
enum class Evidence {
    point,      // the point estimate (the primary metric)
    lower_bound // the interval's lower bound: the slowdown is at least this large (a guard)
};

// How to judge one metric.
struct JudgeSettings
{
    double alpha = 0.05;
    double noise = 0.01;
    core::Better better = core::Better::lower;
    MetricPolicy policy;
    Evidence evidence = Evidence::point;
    double guard = 0.15; // lower_bound evidence must also reach this to be a regression
};

// The values a verdict rests on.
struct Judgement
{
    std::optional<double> change;           // median(current) / median(baseline) - 1
    std::optional<core::Interval> interval; // its 95% interval
    std::optional<double> p_value;          // two-sided
    std::optional<double> resolution;       // inconclusive: the interval's half-width
    bool deterministic = false;             // no variation on either side: judged on size alone
    Verdict verdict = Verdict::unchanged;
    core::Level level = core::Level::none; // of a regression
    std::vector<std::string> notes;        // why inconclusive, unstable, ...
};

// Fewer independent values than this on a side make a verdict inconclusive: a two-sided rank
// test cannot reach p < 0.05 with fewer than 4 on each side.
inline constexpr std::size_t k_min_values = 4;

// Fewer paired rounds than this make a paired verdict inconclusive: the two-sided signed-rank
// test cannot reach p < 0.05 with fewer than 6.
inline constexpr std::size_t k_min_rounds = 6;

// Judge independent `current` values against `baseline` values (docs/statistics.md):
// Mann-Whitney U test and Hodges-Lehmann interval of the ratio of medians.
Judgement judge(std::span<const double> baseline,
                std::span<const double> current,
                const JudgeSettings& settings);

// Judge paired rounds: `log_ratios` holds log(current / baseline) of each interleaved round
// (docs/statistics.md): Wilcoxon signed-rank test, Hodges-Lehmann estimate and interval of the
// ratio.
Judgement judge_paired(std::span<const double> log_ratios, const JudgeSettings& settings);

// Return the relative change `change` oriented so that positive is worse for `better`.
double oriented(double change, core::Better better);

} // namespace perfgate::baselines
