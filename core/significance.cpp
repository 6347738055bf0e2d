#include <core/significance.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <numbers>
#include <utility>
#include <vector>

namespace perfgate::core {

namespace {

// SciPy's `method="auto"`: the exact distribution unless both samples have more than this many.
constexpr std::size_t k_exact_max_size = 8;

// The ranks of two samples pooled together.
struct RankSum
{
    std::size_t n_a = 0;
    std::size_t n_b = 0;
    double u_a = 0;     // R_a - n_a (n_a + 1) / 2, with midranks for ties
    double tie_sum = 0; // sum of t^3 - t over the groups of t equal values
};

// Rank `a` and `b` together, skipping NaNs, which have no rank.
RankSum rank_sum(std::span<const double> a, std::span<const double> b)
{
    std::vector<std::pair<double, bool>> pooled; // value, from `a`
    pooled.reserve(a.size() + b.size());
    RankSum ranks;
    for (const double value : a) {
        if (!std::isnan(value)) {
            pooled.emplace_back(value, true);
            ++ranks.n_a;
        }
    }
    for (const double value : b) {
        if (!std::isnan(value)) {
            pooled.emplace_back(value, false);
            ++ranks.n_b;
        }
    }
    std::sort(pooled.begin(), pooled.end(), [](const auto& left, const auto& right) {
        return left.first < right.first;
    });

    double rank_sum_a = 0;
    for (std::size_t first = 0; first < pooled.size();) {
        std::size_t last = first;
        std::size_t from_a = 0;
        for (; last < pooled.size() && pooled[last].first == pooled[first].first; ++last) {
            from_a += pooled[last].second ? 1 : 0;
        }
        // 1-based ranks first + 1 .. last share their mean.
        const double midrank = static_cast<double>(first + 1 + last) / 2;
        rank_sum_a += static_cast<double>(from_a) * midrank;
        const auto t = static_cast<double>(last - first);
        ranks.tie_sum += t * t * t - t;
        first = last;
    }
    const auto n_a = static_cast<double>(ranks.n_a);
    ranks.u_a = rank_sum_a - n_a * (n_a + 1) / 2;
    return ranks;
}

bool use_exact(const RankSum& ranks)
{
    return std::min(ranks.n_a, ranks.n_b) <= k_exact_max_size && ranks.tie_sum == 0;
}

// Return the standard deviation of U under the null hypothesis, corrected for ties.
double u_sigma(const RankSum& ranks)
{
    const auto n_a = static_cast<double>(ranks.n_a);
    const auto n_b = static_cast<double>(ranks.n_b);
    const double n = n_a + n_b;
    return std::sqrt(n_a * n_b / 12 * ((n + 1) - ranks.tie_sum / (n * (n - 1))));
}

// Return how many of the C(m + n, m) orderings of two samples of sizes m and n without ties give
// U = 0, 1, ..., m n: the coefficients of the Gaussian binomial, built as the product over
// i = 1..min(m, n) of (1 - q^(max(m, n) + i)) / (1 - q^i). Every partial product is itself a
// Gaussian binomial, so the coefficients stay integers bounded by the final ones: exact in a
// long double while C(m + n, m) < 2^64 (sizes up to 8 x 1,600 or 30 x 30), then rounded but
// without overflow for any size that the exact test is used for.
std::vector<long double> u_frequencies(std::size_t m, std::size_t n)
{
    if (m > n) {
        std::swap(m, n);
    }
    const std::size_t max_u = m * n;
    std::vector<long double> frequencies(max_u + 1, 0);
    frequencies[0] = 1;
    for (std::size_t i = 1; i <= m; ++i) {
        // Note: working modulo q^(max_u + 1) is exact, as every quotient has degree <= max_u.
        for (std::size_t u = max_u; u >= n + i; --u) {
            frequencies[u] -= frequencies[u - (n + i)];
        }
        for (std::size_t u = i; u <= max_u; ++u) {
            frequencies[u] += frequencies[u - i];
        }
    }
    return frequencies;
}

// Return k, the 1-based rank among the m n sorted differences of the lower bound of the
// `confidence` interval; the upper bound has rank m n + 1 - k.
std::size_t critical_rank(const RankSum& ranks, double confidence)
{
    const std::size_t pairs = ranks.n_a * ranks.n_b;
    const double tail = (1 - confidence) / 2;
    double k = 0;
    if (tail <= 0) {
        k = 1;
    } else if (use_exact(ranks)) {
        // The largest k with P(U < k) <= tail.
        const std::vector<long double> frequencies = u_frequencies(ranks.n_a, ranks.n_b);
        long double total = 0;
        for (const long double frequency : frequencies) {
            total += frequency;
        }
        long double below = 0;
        for (const long double frequency : frequencies) {
            below += frequency;
            if (below / total > tail) {
                break;
            }
            ++k;
        }
    } else {
        const double z = tail < 0.5 ? normal_quantile(1 - tail) : 0;
        k = std::floor(static_cast<double>(pairs) / 2 - z * u_sigma(ranks));
    }
    // Too few samples for the confidence asked: widen to the whole range rather than fail.
    const std::size_t widest = (pairs + 1) / 2;
    return static_cast<std::size_t>(std::clamp(k, 1.0, static_cast<double>(widest)));
}

} // namespace

MannWhitney mann_whitney_u(std::span<const double> a, std::span<const double> b)
{
    const RankSum ranks = rank_sum(a, b);
    MannWhitney result;
    result.u = ranks.u_a;
    if (ranks.n_a == 0 || ranks.n_b == 0) {
        return result;
    }
    const std::size_t pairs = ranks.n_a * ranks.n_b;
    // Two-sided: the larger of U_a and U_b, doubling the upper tail.
    const double u = std::max(ranks.u_a, static_cast<double>(pairs) - ranks.u_a);
    result.exact = use_exact(ranks);
    if (result.exact) {
        // P(U >= u) = P(U <= m n - u) by symmetry; sum the short side, as SciPy does.
        const std::vector<long double> frequencies = u_frequencies(ranks.n_a, ranks.n_b);
        const auto last = pairs - static_cast<std::size_t>(std::llround(u));
        long double total = 0;
        long double tail = 0;
        for (std::size_t i = 0; i < frequencies.size(); ++i) {
            total += frequencies[i];
            tail += i <= last ? frequencies[i] : 0;
        }
        result.p_value = std::min(1.0, static_cast<double>(2 * tail / total));
        return result;
    }
    const double sigma = u_sigma(ranks);
    if (!(sigma > 0)) {
        return result; // all values equal: no evidence of a difference
    }
    const double z = (u - static_cast<double>(pairs) / 2 - 0.5) / sigma;
    result.p_value = std::min(1.0, std::erfc(z / std::numbers::sqrt2));
    return result;
}

namespace {

// Return the `confidence` interval of the shift of `transform(current)` against
// `transform(baseline)` that the rank test does not reject: Hodges & Lehmann (1963),
// Bauer (1972).
template <typename Transform>
Interval shift_interval_of(std::span<const double> baseline,
                           std::span<const double> current,
                           double confidence,
                           Transform transform)
{
    const RankSum ranks = rank_sum(baseline, current);
    const std::size_t k = critical_rank(ranks, confidence);

    std::vector<double> transformed_baseline(baseline.size());
    std::transform(baseline.begin(), baseline.end(), transformed_baseline.begin(), transform);
    std::vector<double> differences;
    differences.reserve(baseline.size() * current.size());
    for (const double value : current) {
        const double transformed = transform(value);
        for (const double base : transformed_baseline) {
            differences.push_back(transformed - base);
        }
    }

    // 0-based positions of the order statistics k and m n + 1 - k (the latter is not smaller).
    const auto lower = differences.begin() + static_cast<std::ptrdiff_t>(k - 1);
    const auto upper = differences.end() - static_cast<std::ptrdiff_t>(k);
    std::nth_element(differences.begin(), lower, differences.end());
    // Note: the second selection reorders [lower, end), so keep the lower bound first.
    const double low = *lower;
    std::nth_element(lower, upper, differences.end());
    return Interval{low, *upper};
}

bool all_finite(std::span<const double> values)
{
    return std::all_of(values.begin(), values.end(), [](double v) { return std::isfinite(v); });
}

} // namespace

std::optional<Interval>
ratio_interval(std::span<const double> baseline, std::span<const double> current, double confidence)
{
    const auto usable = [](double value) { return value > 0 && std::isfinite(value); };
    if (baseline.empty() || current.empty() ||
        !std::all_of(baseline.begin(), baseline.end(), usable) ||
        !std::all_of(current.begin(), current.end(), usable)) {
        return std::nullopt;
    }
    const Interval logs = shift_interval_of(
        baseline, current, confidence, [](double value) { return std::log(value); });
    return Interval{std::expm1(logs.low), std::expm1(logs.high)};
}

std::optional<Interval>
shift_interval(std::span<const double> baseline, std::span<const double> current, double confidence)
{
    if (baseline.empty() || current.empty() || !all_finite(baseline) || !all_finite(current)) {
        return std::nullopt;
    }
    return shift_interval_of(baseline, current, confidence, [](double value) { return value; });
}

namespace {

// Signed-rank tests use the exact distribution up to this many differences, as SciPy does.
constexpr std::size_t k_exact_signed_rank_max = 50;

// Return how many of the 2^n sign assignments of ranks 1..n give T+ = 0, 1, ..., n(n+1)/2.
std::vector<long double> t_plus_frequencies(std::size_t n)
{
    const std::size_t max_t = n * (n + 1) / 2;
    std::vector<long double> frequencies(max_t + 1, 0);
    frequencies[0] = 1;
    for (std::size_t rank = 1; rank <= n; ++rank) {
        for (std::size_t t = max_t; t >= rank; --t) {
            frequencies[t] += frequencies[t - rank];
        }
    }
    return frequencies;
}

// The ranks of |d| among the non-zero differences.
struct SignedRanks
{
    std::size_t n = 0;  // non-zero differences
    double t_plus = 0;  // rank sum of the positive ones
    double tie_sum = 0; // sum of t^3 - t over groups of t equal |d|
    bool zeros = false;
};

SignedRanks signed_ranks(std::span<const double> differences)
{
    std::vector<std::pair<double, bool>> magnitudes; // |d|, positive
    SignedRanks ranks;
    for (const double d : differences) {
        if (std::isnan(d)) {
            continue;
        }
        if (d == 0) {
            ranks.zeros = true;
            continue;
        }
        magnitudes.emplace_back(std::fabs(d), d > 0);
    }
    std::sort(magnitudes.begin(), magnitudes.end());
    ranks.n = magnitudes.size();
    for (std::size_t first = 0; first < magnitudes.size();) {
        std::size_t last = first;
        std::size_t positive = 0;
        for (; last < magnitudes.size() && magnitudes[last].first == magnitudes[first].first;
             ++last) {
            positive += magnitudes[last].second ? 1 : 0;
        }
        const double midrank = static_cast<double>(first + 1 + last) / 2;
        ranks.t_plus += static_cast<double>(positive) * midrank;
        const auto t = static_cast<double>(last - first);
        ranks.tie_sum += t * t * t - t;
        first = last;
    }
    return ranks;
}

bool exact_signed_rank(const SignedRanks& ranks)
{
    return ranks.n <= k_exact_signed_rank_max && !ranks.zeros && ranks.tie_sum == 0;
}

double t_plus_sigma(const SignedRanks& ranks)
{
    const auto n = static_cast<double>(ranks.n);
    return std::sqrt((n * (n + 1) * (2 * n + 1) - ranks.tie_sum / 2) / 24);
}

} // namespace

SignedRank wilcoxon_signed_rank(std::span<const double> differences)
{
    const SignedRanks ranks = signed_ranks(differences);
    SignedRank result;
    result.t_plus = ranks.t_plus;
    if (ranks.n == 0) {
        return result;
    }
    const auto n = static_cast<double>(ranks.n);
    const double mean = n * (n + 1) / 4;
    result.exact = exact_signed_rank(ranks);
    if (result.exact) {
        const auto frequencies = t_plus_frequencies(ranks.n);
        const auto t = static_cast<std::size_t>(std::llround(ranks.t_plus));
        if (2 * t == frequencies.size() - 1) {
            result.p_value = 1; // the center of the distribution
            return result;
        }
        long double total = 0;
        long double less = 0;
        long double greater = 0;
        for (std::size_t i = 0; i < frequencies.size(); ++i) {
            total += frequencies[i];
            less += i <= t ? frequencies[i] : 0;
            greater += i >= t ? frequencies[i] : 0;
        }
        result.p_value =
            std::clamp(static_cast<double>(2 * std::min(less, greater) / total), 0.0, 1.0);
        return result;
    }
    const double sigma = t_plus_sigma(ranks);
    if (!(sigma > 0)) {
        return result;
    }
    // Note: without a continuity correction, as SciPy's default (correction=False).
    const double z = (ranks.t_plus - mean) / sigma;
    result.p_value = std::min(1.0, std::erfc(std::fabs(z) / std::numbers::sqrt2));
    return result;
}

std::optional<Location> signed_rank_interval(std::span<const double> differences, double confidence)
{
    if (differences.empty() || !all_finite(differences)) {
        return std::nullopt;
    }
    const std::size_t n = differences.size();
    std::vector<double> walsh;
    walsh.reserve(n * (n + 1) / 2);
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = i; j < n; ++j) {
            walsh.push_back((differences[i] + differences[j]) / 2);
        }
    }
    const std::size_t count = walsh.size();
    const double tail = (1 - confidence) / 2;
    // c: the largest T+ count with P(T+ <= c) <= tail; the interval is [W_(c+1), W_(N-c)].
    double c = -1;
    if (n <= k_exact_signed_rank_max) {
        const auto frequencies = t_plus_frequencies(n);
        long double total = 0;
        for (const auto frequency : frequencies) {
            total += frequency;
        }
        long double below = 0;
        for (const auto frequency : frequencies) {
            below += frequency;
            if (below / total > tail) {
                break;
            }
            ++c;
        }
    } else {
        const auto size = static_cast<double>(n);
        const double sigma = std::sqrt(size * (size + 1) * (2 * size + 1) / 24);
        c = std::floor(static_cast<double>(count) / 2 - normal_quantile(1 - tail) * sigma) - 1;
    }
    const std::size_t widest = (count - 1) / 2;
    const auto k = static_cast<std::size_t>(std::clamp(c, 0.0, static_cast<double>(widest)));
    std::sort(walsh.begin(), walsh.end());
    Location location;
    location.interval = Interval{walsh[k], walsh[count - 1 - k]};
    location.estimate =
        count % 2 == 1 ? walsh[count / 2] : (walsh[count / 2 - 1] + walsh[count / 2]) / 2;
    return location;
}

} // namespace perfgate::core
