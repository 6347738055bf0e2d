#include <runners/launches.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace perfgate::runners {

void add_launch(std::vector<core::BenchmarkResult>& merged,
                std::vector<core::BenchmarkResult> launch_results,
                std::uint32_t launch)
{
    for (auto& result : launch_results) {
        for (auto& metric : result.metrics) {
            metric.launches.assign(metric.samples.size(), launch);
        }
        const auto found = std::find_if(
            merged.begin(), merged.end(), [&](const auto& r) { return r.id == result.id; });
        if (found == merged.end()) {
            merged.push_back(std::move(result));
            continue;
        }
        for (const auto& metric : result.metrics) {
            auto& into = found->metric(metric.name, metric.unit, metric.better);
            into.samples.insert(into.samples.end(), metric.samples.begin(), metric.samples.end());
            into.launches.insert(
                into.launches.end(), metric.launches.begin(), metric.launches.end());
        }
        if (found->status == core::Status::ok && result.status != core::Status::ok) {
            found->status = result.status;
            found->message =
                fmt::format("launch {} of the program: {}", launch + 1, result.message);
        }
    }
}

void mark_single_launch(std::vector<core::BenchmarkResult>& results)
{
    for (auto& result : results) {
        for (auto& metric : result.metrics) {
            metric.launches.assign(metric.samples.size(), 0);
        }
    }
}

} // namespace perfgate::runners
