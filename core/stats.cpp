#include <core/stats.hpp>

#include <algorithm>
#include <cassert>
#include <cmath>
#include <iterator>
#include <limits>
#include <numbers>
#include <numeric>

namespace perfgate::core {

namespace {

constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();

// Return the median of `values`, reordering them.
double median_in_place(std::span<double> values)
{
    const auto middle = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
    std::nth_element(values.begin(), middle, values.end());
    if (values.size() % 2 == 1) {
        return *middle;
    }
    // nth_element leaves the lower half before `middle`: its largest is the other middle value.
    const double below = *std::max_element(values.begin(), middle);
    return below + (*middle - below) / 2;
}

// Return `samples` without NaNs, which have no place in an order and would break sorting.
std::vector<double> copy_comparable(std::span<const double> samples)
{
    std::vector<double> copy;
    copy.reserve(samples.size());
    std::copy_if(samples.begin(), samples.end(), std::back_inserter(copy), [](double sample) {
        return !std::isnan(sample);
    });
    return copy;
}

} // namespace

Summary summarize(std::span<const double> samples)
{
    std::vector<double> sorted = copy_comparable(samples);
    if (sorted.empty()) {
        return {};
    }
    std::sort(sorted.begin(), sorted.end());

    Summary summary;
    const std::size_t n = sorted.size();
    summary.n = n;
    summary.min = sorted.front();
    summary.max = sorted.back();
    summary.median = quantile_sorted(sorted, 0.5);
    summary.p90 = quantile_sorted(sorted, 0.90);
    summary.p95 = quantile_sorted(sorted, 0.95);
    summary.p99 = quantile_sorted(sorted, 0.99);

    const double q1 = quantile_sorted(sorted, 0.25);
    const double q3 = quantile_sorted(sorted, 0.75);
    const double iqr = q3 - q1;
    const auto below = std::lower_bound(sorted.begin(), sorted.end(), q1 - 1.5 * iqr);
    const auto above = std::upper_bound(sorted.begin(), sorted.end(), q3 + 1.5 * iqr);
    summary.outliers = static_cast<std::size_t>((below - sorted.begin()) + (sorted.end() - above));

    summary.mean = std::accumulate(sorted.begin(), sorted.end(), 0.0) / static_cast<double>(n);
    if (n > 1) {
        // Two passes rather than a running sum of squares, which loses precision when the
        // spread is small next to the mean (typical of timings).
        double squares = 0;
        for (const double sample : sorted) {
            squares += (sample - summary.mean) * (sample - summary.mean);
        }
        summary.stddev = std::sqrt(squares / static_cast<double>(n - 1));
    }

    // The sorted copy is no longer needed: reuse it for the absolute deviations.
    for (double& sample : sorted) {
        sample = std::fabs(sample - summary.median);
    }
    summary.mad = median_in_place(sorted);
    return summary;
}

double quantile_sorted(std::span<const double> sorted, double q)
{
    assert(!sorted.empty());
    if (sorted.empty()) {
        return k_nan;
    }
    const double position = static_cast<double>(sorted.size() - 1) * std::clamp(q, 0.0, 1.0);
    const auto lower = static_cast<std::size_t>(position);
    const std::size_t upper = std::min(lower + 1, sorted.size() - 1);
    const double fraction = position - static_cast<double>(lower);
    const double low = sorted[lower];
    const double high = sorted[upper];
    // Interpolate from the nearer end, as NumPy does, so that equal neighbours and
    // fractions near 1 give exact results.
    if (fraction < 0.5) {
        return low + (high - low) * fraction;
    }
    return high - (high - low) * (1 - fraction);
}

double median(std::span<const double> samples)
{
    std::vector<double> copy = copy_comparable(samples);
    assert(!copy.empty());
    if (copy.empty()) {
        return k_nan;
    }
    return median_in_place(copy);
}

std::optional<double> statistic_of(const Summary& summary, std::string_view name)
{
    for (const auto& [candidate, member] : k_statistics) {
        if (candidate == name) {
            return summary.*member;
        }
    }
    return std::nullopt;
}

Interval median_interval_sorted(std::span<const double> sorted, double confidence)
{
    if (sorted.empty()) {
        return {};
    }
    if (confidence >= 1) {
        return {sorted.front(), sorted.back()};
    }
    const double n = static_cast<double>(sorted.size());
    const double z = confidence > 0 ? normal_quantile((1 + confidence) / 2) : 0;
    const double half_width = z * std::sqrt(n) / 2;
    // 1-based ranks of the order statistics that bound the interval.
    const double lower_rank = std::clamp(std::floor(n / 2 - half_width), 1.0, n);
    const double upper_rank = std::clamp(std::ceil(n / 2 + 1 + half_width), 1.0, n);
    return {sorted[static_cast<std::size_t>(lower_rank) - 1],
            sorted[static_cast<std::size_t>(upper_rank) - 1]};
}

// Note: Acklam's rational approximation, refined by one Halley step to full double precision.
double normal_quantile(double p)
{
    constexpr double a[] = {-3.969683028665376e+01,
                            2.209460984245205e+02,
                            -2.759285104469687e+02,
                            1.383577518672690e+02,
                            -3.066479806614716e+01,
                            2.506628277459239e+00};
    constexpr double b[] = {-5.447609879822406e+01,
                            1.615858368580409e+02,
                            -1.556989798598866e+02,
                            6.680131188771972e+01,
                            -1.328068155288572e+01};
    constexpr double c[] = {-7.784894002430293e-03,
                            -3.223964580411365e-01,
                            -2.400758277161838e+00,
                            -2.549732539343734e+00,
                            4.374664141464968e+00,
                            2.938163982698783e+00};
    constexpr double d[] = {
        7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00};
    constexpr double p_low = 0.02425;

    const auto tail = [&](double q) {
        return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
               ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    };
    double x = 0;
    if (p < p_low) {
        x = tail(std::sqrt(-2 * std::log(p)));
    } else if (p <= 1 - p_low) {
        const double q = p - 0.5;
        const double r = q * q;
        x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
            (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    } else {
        x = -tail(std::sqrt(-2 * std::log(1 - p)));
    }
    const double error = 0.5 * std::erfc(-x / std::sqrt(2.0)) - p;
    const double u = error * std::sqrt(2 * std::numbers::pi) * std::exp(x * x / 2);
    return x - u / (1 + x * u / 2);
}

} // namespace perfgate::core
