#include <core/merge.hpp>
#include <util/error.hpp>

#include <map>

namespace perfgate::core {
namespace {

// Fold `from` (of document `origin`) into `into`, which came first from `first_origin`.
void merge_into(BenchmarkResult& into,
                const BenchmarkResult& from,
                const std::string& first_origin,
                const std::string& origin)
{
    for (const auto& metric : from.metrics) {
        if (const auto* existing = into.find_metric(metric.name);
            existing != nullptr &&
            (existing->unit != metric.unit || existing->better != metric.better)) {
            fail(ExitCode::usage,
                 "cannot merge '{}': metric '{}' is in '{}' ({} is better) in '{}' but in '{}' ({} "
                 "is "
                 "better) in '{}'",
                 from.id,
                 metric.name,
                 existing->unit,
                 to_string(existing->better),
                 first_origin,
                 metric.unit,
                 to_string(metric.better),
                 origin);
        }
        auto& samples = into.metric(metric.name, metric.unit, metric.better).samples;
        samples.insert(samples.end(), metric.samples.begin(), metric.samples.end());
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
