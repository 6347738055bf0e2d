#include <core/merge.hpp>
#include <util/error.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

namespace perfgate::core {
namespace {

bool same_samples(const std::vector<double>& a, const std::vector<double>& b)
{
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](double x, double y) {
        return x == y || (std::isnan(x) && std::isnan(y));
    });
}

// True when `a` and `b` hold the same run: created at the same time, with the same benchmarks,
// metrics and samples (a file given twice, or a copy of it). Empty runs (shards that drew no
// benchmark) are never the same: they add nothing that could count twice.
bool same_run(const ResultsDocument& a, const ResultsDocument& b)
{
    if (a.created != b.created || a.benchmarks.empty() ||
        a.benchmarks.size() != b.benchmarks.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.benchmarks.size(); ++i) {
        const auto& x = a.benchmarks[i];
        const auto& y = b.benchmarks[i];
        if (x.id != y.id || x.status != y.status || x.metrics.size() != y.metrics.size()) {
            return false;
        }
        for (std::size_t m = 0; m < x.metrics.size(); ++m) {
            if (x.metrics[m].name != y.metrics[m].name ||
                !same_samples(x.metrics[m].samples, y.metrics[m].samples)) {
                return false;
            }
        }
    }
    return true;
}

bool has_launches(const BenchmarkResult& result)
{
    return std::any_of(result.metrics.begin(), result.metrics.end(), [](const Metric& metric) {
        return !metric.launches.empty();
    });
}

// Return the launch of each sample of `metric`: its own, or one launch per sample.
std::vector<std::uint32_t> launches_of(const Metric& metric)
{
    if (!metric.launches.empty()) {
        return metric.launches;
    }
    std::vector<std::uint32_t> launches(metric.samples.size());
    std::iota(launches.begin(), launches.end(), 0U);
    return launches;
}

// Give every metric of `result` its launches, and return one past the largest.
std::uint32_t number_launches(BenchmarkResult& result)
{
    std::uint32_t next = 0;
    for (auto& metric : result.metrics) {
        metric.launches = launches_of(metric);
        for (const auto launch : metric.launches) {
            next = std::max(next, launch + 1);
        }
    }
    return next;
}

// Fold `from` (of document `origin`) into `into`, which came first from `first_origin`. When
// either carries launch indices, those of `from` are renumbered after the ones of `into`: the
// launches of two files are different launches.
void merge_into(BenchmarkResult& into,
                const BenchmarkResult& from,
                const std::string& first_origin,
                const std::string& origin)
{
    const bool launches = has_launches(into) || has_launches(from);
    const std::uint32_t offset = launches ? number_launches(into) : 0;
    for (const auto& metric : from.metrics) {
        if (const auto* existing = into.find_metric(metric.name);
            existing != nullptr &&
            (existing->unit != metric.unit || existing->better != metric.better)) {
            fail(ExitCode::usage,
                 "cannot merge '{}': metric '{}' is in '{}' ({} is better) in '{}' but in '{}' ({} "
                 "is better) in '{}'",
                 from.id,
                 metric.name,
                 existing->unit,
                 to_string(existing->better),
                 first_origin,
                 metric.unit,
                 to_string(metric.better),
                 origin);
        }
        auto& target = into.metric(metric.name, metric.unit, metric.better);
        target.samples.insert(target.samples.end(), metric.samples.begin(), metric.samples.end());
        if (launches) {
            for (const auto launch : launches_of(metric)) {
                target.launches.push_back(launch + offset);
            }
        }
    }
    into.exit_codes.insert(into.exit_codes.end(), from.exit_codes.begin(), from.exit_codes.end());
    if (from.status != Status::ok && into.status == Status::ok) {
        into.status = from.status;
        into.message = from.message;
    }
}

} // namespace

ResultsDocument merge_results(const std::vector<ResultsDocument>& documents,
                              const std::vector<std::string>& origins)
{
    ResultsDocument merged;
    if (documents.empty()) {
        return merged;
    }
    for (std::size_t d = 1; d < documents.size(); ++d) {
        for (std::size_t e = 0; e < d; ++e) {
            if (same_run(documents[e], documents[d])) {
                fail(ExitCode::usage,
                     "cannot merge '{}' with '{}': they hold the same run (the same samples), "
                     "which would count every sample twice",
                     origins[e],
                     origins[d]);
            }
        }
    }
    merged.perfgate_version = documents.front().perfgate_version;
    merged.created = documents.front().created;
    merged.environment = documents.front().environment;
    std::map<std::string, std::pair<std::size_t, std::size_t>> seen; // id -> (index, document)
    for (std::size_t d = 0; d < documents.size(); ++d) {
        for (const auto& result : documents[d].benchmarks) {
            const auto [it, added] = seen.try_emplace(result.id, merged.benchmarks.size(), d);
            if (added) {
                merged.benchmarks.push_back(result);
            } else {
                merge_into(merged.benchmarks[it->second.first],
                           result,
                           origins[it->second.second],
                           origins[d]);
            }
        }
    }
    return merged;
}

} // namespace perfgate::core
