#pragma once

#include <core/stats.hpp>

#include <optional>
#include <span>

namespace perfgate::core {

// The two-sided Mann-Whitney U test of `a` against `b` (docs/statistics.md), computed as SciPy's
// `mannwhitneyu(a, b, alternative="two-sided", method="auto")`: the exact distribution when
// min(n_a, n_b) <= 8 and there are no ties, else the normal approximation with tie and
// continuity corrections.
struct MannWhitney
{
    double u = 0;       // U statistic of `a` (SciPy's U1)
    double p_value = 1; // two-sided; 1 when either side is empty
    bool exact = false;
};

MannWhitney mann_whitney_u(std::span<const double> a, std::span<const double> b);

// A distribution-free confidence interval for the ratio of `current` to `baseline`
// (current/baseline - 1), from the Hodges-Lehmann method on logarithms: the interval of the
// shift in log(value) that the Mann-Whitney test would not reject, transformed back. Exact
// critical values for small samples, the normal approximation otherwise. Deterministic.
// Requires positive values; returns nullopt when a side is empty or a value is not positive.
std::optional<Interval> ratio_interval(std::span<const double> baseline,
                                       std::span<const double> current,
                                       double confidence = 0.95);

// The same interval for the shift current - baseline, for values that may be zero or negative
// (counters); nullopt when a side is empty or a value is not finite.
std::optional<Interval> shift_interval(std::span<const double> baseline,
                                       std::span<const double> current,
                                       double confidence = 0.95);

// The two-sided Wilcoxon signed-rank test of paired `differences` against zero, computed as
// SciPy's `wilcoxon(differences, alternative="two-sided")` (zeros dropped, "wilcox"): the exact
// distribution of T+ when there are at most 50 differences, none zero and no two of equal size;
// else the normal approximation with the tie correction (and, as SciPy's default, no continuity
// correction). (SciPy 1.10 keeps the exact
// distribution for tied sizes, truncating a midrank sum; perfgate approximates instead.)
struct SignedRank
{
    double t_plus = 0;  // sum of the ranks of the positive differences
    double p_value = 1; // two-sided; 1 without a non-zero difference
    bool exact = false;
};

SignedRank wilcoxon_signed_rank(std::span<const double> differences);

// The Hodges-Lehmann estimate of the center of `differences` (the median of the Walsh averages
// (d_i + d_j) / 2, i <= j) and its `confidence` interval: the shifts that the signed-rank test
// does not reject, exact for up to 50 values, the normal approximation beyond. nullopt when
// `differences` is empty or holds a value that is not finite.
struct Location
{
    double estimate = 0;
    Interval interval;
};

std::optional<Location> signed_rank_interval(std::span<const double> differences,
                                             double confidence = 0.95);

} // namespace perfgate::core
