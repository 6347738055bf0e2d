#include <baselines/policy.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace perfgate;
using core::Better;
using core::Source;

namespace {

core::BenchmarkResult result_of(Source source, const std::vector<std::string>& metrics)
{
    core::BenchmarkResult result;
    result.id = "bench/x";
    result.source = source;
    for (const auto& name : metrics) {
        result.metric(name, "s", Better::lower).samples = {1.0};
    }
    return result;
}

using Names = std::vector<std::string>;

// Return the names of the metrics judged for `result`.
Names judged(const core::Config& config,
             const core::BenchmarkResult& result,
             const std::string& metric_override)
{
    Names names;
    for (const auto& metric : baselines::judged_metrics(config, result, nullptr, metric_override)) {
        names.push_back(metric.name);
    }
    return names;
}

} // namespace

TEST_CASE("judged_metrics defaults to each harness's own measure of the work")
{
    const core::Config config;
    // The samples are 1 s of CPU time in 1 s of wall time: CPU-bound, wall time the guard.
    CHECK(judged(config, result_of(Source::command, {"wall", "cpu"}), "") == Names{"cpu", "wall"});
    CHECK(judged(config, result_of(Source::google_benchmark, {"cpu_time", "real_time"}), "") ==
          Names{"cpu_time", "real_time"});
    CHECK(judged(config, result_of(Source::criterion, {"time", "bytes_per_second"}), "") ==
          Names{"time"});
    CHECK(judged(config, result_of(Source::pytest_benchmark, {"time"}), "") == Names{"time"});
    CHECK(judged(config, result_of(Source::pytest_benchmark, {"median_time"}), "") ==
          Names{"median_time"});
    // A samples file lists only what its writer wants judged.
    CHECK(judged(config, result_of(Source::samples, {"latency", "throughput", "errors"}), "") ==
          Names{"latency", "throughput", "errors"});
    CHECK(judged(config, result_of(Source::samples, {"latency", "errors"}), "errors") ==
          Names{"errors"});
}

TEST_CASE("judged_metrics takes the metric of the entry whose name prefixes the ids")
{
    core::Config config;
    core::BenchmarkConfig entry;
    entry.name = "bench";
    entry.kind = core::BenchmarkKind::google_benchmark;
    entry.metric = "cpu_time";
    config.benchmarks.push_back(entry);
    CHECK(judged(config, result_of(Source::google_benchmark, {"real_time", "cpu_time"}), "") ==
          Names{"cpu_time"});
    // A harness entry's results are NAME/<id> too.
    config.benchmarks.front().kind = core::BenchmarkKind::samples;
    config.benchmarks.front().metric = "errors";
    CHECK(judged(config, result_of(Source::samples, {"latency", "errors"}), "") == Names{"errors"});
}
