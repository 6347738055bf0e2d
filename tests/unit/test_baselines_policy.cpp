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

} // namespace

TEST_CASE("gated_metrics defaults to each harness's own measure of the work")
{
    const core::Config config;
    CHECK(baselines::gated_metrics(config, result_of(Source::command, {"wall", "cpu"}), "") ==
          Names{"wall"});
    CHECK(baselines::gated_metrics(config,
                                   result_of(Source::google_benchmark, {"cpu_time", "real_time"}),
                                   "") == Names{"real_time"});
    CHECK(baselines::gated_metrics(config,
                                   result_of(Source::criterion, {"time", "bytes_per_second"}),
                                   "") == Names{"time"});
    CHECK(baselines::gated_metrics(config, result_of(Source::pytest_benchmark, {"time"}), "") ==
          Names{"time"});
    CHECK(baselines::gated_metrics(config,
                                   result_of(Source::pytest_benchmark, {"median_time"}),
                                   "") == Names{"median_time"});
    // A samples file lists only what its writer wants judged.
    CHECK(baselines::gated_metrics(config,
                                   result_of(Source::samples, {"latency", "throughput", "errors"}),
                                   "") == Names{"latency", "throughput", "errors"});
    CHECK(baselines::gated_metrics(config, result_of(Source::samples, {}), "") == Names{"samples"});
    CHECK(baselines::gated_metrics(config,
                                   result_of(Source::samples, {"latency", "errors"}),
                                   "errors") == Names{"errors"});
}

TEST_CASE("gated_metrics takes the metric of the entry whose name prefixes the ids")
{
    core::Config config;
    core::BenchmarkConfig entry;
    entry.name = "bench";
    entry.kind = core::BenchmarkKind::google_benchmark;
    entry.metric = "cpu_time";
    config.benchmarks.push_back(entry);
    CHECK(baselines::gated_metrics(config,
                                   result_of(Source::google_benchmark, {"real_time", "cpu_time"}),
                                   "") == Names{"cpu_time"});
    // A harness entry's results are NAME/<id> too.
    config.benchmarks.front().kind = core::BenchmarkKind::samples;
    config.benchmarks.front().metric = "errors";
    CHECK(baselines::gated_metrics(config, result_of(Source::samples, {"latency", "errors"}), "") ==
          Names{"errors"});
}
