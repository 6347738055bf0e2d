#include <core/stats.hpp>
#include <core/units.hpp>
#include <reporters/run_warnings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace perfgate::reporters {

std::vector<double> modified_zscores(std::span<const double> samples)
{
    if (samples.empty()) {
        return {};
    }
    const double median = core::median(samples);
    std::vector<double> deviations;
    deviations.reserve(samples.size());
    for (const double sample : samples) {
        deviations.push_back(std::abs(sample - median));
    }
    double mad = core::median(deviations);
    if (!(mad > 0)) {
        mad = std::numeric_limits<double>::epsilon();
    }
    std::vector<double> scores;
    scores.reserve(samples.size());
    for (const double sample : samples) {
        scores.push_back((sample - median) / mad);
    }
    return scores;
}

std::vector<std::string> run_warnings(const core::BenchmarkResult& result,
                                      const NoiseMeasures& measures)
{
    const auto* wall = result.find_metric("wall");
    if (result.source != core::Source::command || result.status != core::Status::ok ||
        wall == nullptr || wall->samples.size() < 2) {
        return {};
    }
    const auto scores = modified_zscores(wall->samples);
    if (scores.front() > k_outlier_threshold) {
        std::string_view advice;
        if (measures.warmup && measures.prepare) {
            advice = "You already use both --warmup and --prepare: re-run it on a quiet system "
                     "(it may have been a random outlier) or increase the warmup count.";
        } else if (measures.warmup) {
            advice = "You already use --warmup, which fills those caches before measuring: "
                     "increase the warmup count, re-run it on a quiet system in case it was a "
                     "random outlier, or clear the caches before every run with --prepare.";
        } else if (measures.prepare) {
            advice = "You already use --prepare, which can clear caches: if it does not, make it "
                     "do so, or fill the caches before measuring with --warmup.";
        } else {
            advice = "Fill those caches before measuring with --warmup, or clear them before "
                     "every run with --prepare.";
        }
        return {fmt::format("'{}': the first run was much slower than the rest ({}); "
                            "(filesystem) caches that only the first run filled may be the "
                            "cause. {}",
                            result.id,
                            core::format_time(wall->samples.front()),
                            advice)};
    }
    if (std::any_of(scores.begin(), scores.end(), [](double score) {
            return std::abs(score) > k_outlier_threshold;
        })) {
        return {fmt::format(
            "'{}': statistical outliers were detected; consider re-running it on "
            "a quiet system without interference from other programs.{}",
            result.id,
            measures.warmup && measures.prepare ? "" : " --warmup or --prepare might help.")};
    }
    return {};
}

} // namespace perfgate::reporters
