#pragma once

#include <core/stats.hpp>

#include <optional>
#include <span>

namespace perfgate::core {

// The two-sided Mann-Whitney U test of `a` against `b` (design.md §6.3), computed as SciPy's
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

} // namespace perfgate::core
