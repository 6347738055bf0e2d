#include <baselines/budget.hpp>
#include <baselines/policy.hpp>
#include <util/file.hpp>

#include "test_support.hpp"
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>
#include <utility>
#include <vector>

TEST_SUITE_BEGIN("baselines_policy");

using namespace perfgate;
using namespace perfgate::baselines;
using core::Better;
using core::Level;
using core::Source;
using perfgate::test::TempDir;

namespace {

// Return a benchmark `id` from `source` with each named metric (unit "s", lower is better)
// holding `samples`.
core::BenchmarkResult
result(std::string id,
       Source source,
       const std::vector<std::pair<std::string, std::vector<double>>>& metrics)
{
    core::BenchmarkResult benchmark;
    benchmark.id = std::move(id);
    benchmark.source = source;
    for (const auto& [name, samples] : metrics) {
        benchmark.metric(name, "s", Better::lower).samples = samples;
    }
    return benchmark;
}

// A Google Benchmark result with real and CPU time.
core::BenchmarkResult google_benchmark(std::string id)
{
    return result(
        std::move(id), Source::google_benchmark, {{"real_time", {10, 11}}, {"cpu_time", {9, 10}}});
}

// A command with wall time `wall` and CPU time `cpu`.
core::BenchmarkResult command(std::string id, double wall, double cpu)
{
    return result(std::move(id),
                  Source::command,
                  {{"wall", {wall, wall}}, {"user", {cpu, cpu}}, {"cpu", {cpu, cpu}}});
}

// Return "name/role" for each judged metric.
std::vector<std::string> names(const std::vector<JudgedMetric>& metrics)
{
    std::vector<std::string> text;
    text.reserve(metrics.size());
    for (const auto& metric : metrics) {
        text.push_back(metric.name + "/" + std::string(to_string(metric.role)));
    }
    return text;
}

using Names = std::vector<std::string>;

core::BenchmarkResult harness_result(Source source, const std::vector<std::string>& metrics)
{
    core::BenchmarkResult result;
    result.id = "bench/x";
    result.source = source;
    for (const auto& name : metrics) {
        result.metric(name, "s", Better::lower).samples = {1.0};
    }
    return result;
}

// Return the names of the metrics judged for `result`.
Names judged_names(const core::Config& config,
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

TEST_CASE("judged_metrics: automatic for Google Benchmark")
{
    const core::Config config;
    SUBCASE("single-threaded: CPU time, with real time as a guard")
    {
        const auto metrics =
            judged_metrics(config, google_benchmark("b/BM_Sort/1024"), nullptr, "");
        CHECK(names(metrics) == Names{"cpu_time/primary", "real_time/guard"});
        CHECK(metrics[0].reason ==
              "single-threaded: CPU time measures its work and is not inflated by other load");
        CHECK(metrics[1].reason ==
              "guard for slowdowns that only real time shows (waiting, I/O, locks)");
    }
    SUBCASE("the run name decides, segment by segment")
    {
        const std::vector<std::pair<std::string, std::string>> cases{
            {"b/BM_Pool/threads:4", "real time measures its work: it runs 4 threads"},
            {"b/BM_Pool/8/threads:2", "real time measures its work: it runs 2 threads"},
            {"b/BM_Io/real_time", "real time measures its work: it uses real time (UseRealTime)"},
            {"b/BM_Io/64/manual_time",
             "real time measures its work: it measures its own time (UseManualTime)"},
        };
        for (const auto& entry : cases) {
            // Note: not a structured binding, which CAPTURE's lambda cannot capture under clang 14.
            const std::string& id = entry.first;
            const std::string& reason = entry.second;
            CAPTURE(id);
            const auto metrics = judged_metrics(config, google_benchmark(id), nullptr, "");
            CHECK(names(metrics) == Names{"real_time/primary"});
            CHECK(metrics[0].reason == reason);
        }
        for (const std::string id :
             {"b/BM_Pool/threads:1", "b/BM_real_time_clock/8", "b/BM_x/manual_timer"}) {
            CAPTURE(id);
            CHECK(names(judged_metrics(config, google_benchmark(id), nullptr, "")) ==
                  Names{"cpu_time/primary", "real_time/guard"});
        }
    }
    SUBCASE("no CPU time: real time")
    {
        const auto only_real = result("b/BM_X", Source::google_benchmark, {{"real_time", {1, 2}}});
        const auto metrics = judged_metrics(config, only_real, nullptr, "");
        CHECK(names(metrics) == Names{"real_time/primary"});
        CHECK(metrics[0].reason == "no CPU time was measured");
    }
}

TEST_CASE("judged_metrics: automatic for commands")
{
    const core::Config config;
    SUBCASE("CPU-bound: CPU time, with wall time as a guard")
    {
        const auto metrics = judged_metrics(config, command("c", 1.0, 0.9), nullptr, "");
        CHECK(names(metrics) == Names{"cpu/primary", "wall/guard"});
        CHECK(metrics[0].reason ==
              "CPU-bound (CPU time is 90% of wall time): CPU time is not inflated by other load");
    }
    SUBCASE("exactly half of wall time is CPU-bound")
    {
        CHECK(names(judged_metrics(config, command("c", 1.0, 0.5), nullptr, "")) ==
              Names{"cpu/primary", "wall/guard"});
    }
    SUBCASE("not CPU-bound: wall time")
    {
        CHECK(names(judged_metrics(config, command("c", 1.0, 0.45), nullptr, "")) ==
              Names{"wall/primary"});
        const auto metrics = judged_metrics(config, command("c", 1.0, 0.2), nullptr, "");
        CHECK(names(metrics) == Names{"wall/primary"});
        CHECK(metrics[0].reason == "not CPU-bound (CPU time is 20% of wall time)");
    }
    SUBCASE("the baseline's share decides, so both sides are judged on one metric")
    {
        const auto baseline = command("c", 1.0, 0.2);
        const auto metrics = judged_metrics(config, command("c", 1.0, 0.9), &baseline, "");
        CHECK(names(metrics) == Names{"wall/primary"});
        CHECK(metrics[0].reason == "not CPU-bound (CPU time is 20% of wall time in the baseline)");
        const auto bound = command("c", 1.0, 0.8);
        CHECK(names(judged_metrics(config, command("c", 1.0, 0.1), &bound, "")) ==
              Names{"cpu/primary", "wall/guard"});
    }
    SUBCASE("a baseline without CPU time: the current run's share")
    {
        const auto baseline = result("c", Source::command, {{"wall", {1, 1}}});
        CHECK(names(judged_metrics(config, command("c", 1.0, 0.9), &baseline, "")) ==
              Names{"cpu/primary", "wall/guard"});
    }
    SUBCASE("wall time only (a hyperfine import)")
    {
        const auto imported = result("c", Source::command, {{"wall", {1, 1}}});
        const auto metrics = judged_metrics(config, imported, nullptr, "");
        CHECK(names(metrics) == Names{"wall/primary"});
        CHECK(metrics[0].reason == "only wall time was measured");
    }
    SUBCASE("other sources: every metric")
    {
        const auto samples =
            result("s", Source::command, {{"latency", {1, 2}}, {"throughput", {3, 4}}});
        const auto metrics = judged_metrics(config, samples, nullptr, "");
        CHECK(names(metrics) == Names{"latency/primary", "throughput/primary"});
        CHECK(metrics[0].reason == "every metric of the benchmark is judged");
    }
}

TEST_CASE("judged_metrics: chosen metrics, in order of precedence")
{
    TempDir directory;
    util::write_file_atomic(directory / "gate.toml",
                            "[run]\n"
                            "metric = \"user\"\n"
                            "\n"
                            "[[benchmark]]\n"
                            "name = \"c\"\n"
                            "command = \"true\"\n"
                            "metric = \"wall\"\n"
                            "\n"
                            "[[benchmark]]\n"
                            "name = \"prog\"\n"
                            "kind = \"google-benchmark\"\n"
                            "command = \"build/prog\"\n"
                            "metric = \"real_time\"\n"
                            "\n"
                            "[[policy]]\n"
                            "match = \"p*\"\n"
                            "metrics = [\"cpu\", \"peak_rss\"]\n"
                            "\n"
                            "[[policy]]\n"
                            "match = \"pol\"\n"
                            "metrics = [\"wall\", \"cpu\"]\n");
    const auto config = core::load_config(directory / "gate.toml");
    SUBCASE("--metric when the benchmark measures it")
    {
        const auto metrics = judged_metrics(config, command("pol", 1, 0.9), nullptr, "sys");
        CHECK(names(metrics) == Names{"cpu/primary", "wall/primary"});
        auto with_sys = command("pol", 1, 0.9);
        with_sys.metric("sys", "s", Better::lower).samples = {0.1};
        const auto chosen = judged_metrics(config, with_sys, nullptr, "sys", "because");
        CHECK(names(chosen) == Names{"sys/primary"});
        CHECK(chosen[0].reason == "because");
        CHECK(judged_metrics(config, with_sys, nullptr, "sys")[0].reason == "chosen with --metric");
    }
    SUBCASE("[[policy]] metrics the benchmark has, once each, naming the file and line")
    {
        const auto metrics = judged_metrics(config, command("pol", 1, 0.9), nullptr, "");
        CHECK(names(metrics) == Names{"cpu/primary", "wall/primary"});
        CHECK(metrics[0].reason == "named by [[policy]] 'p*' (gate.toml:15)");
        CHECK(metrics[1].reason == "named by [[policy]] 'pol' (gate.toml:19)");
    }
    SUBCASE("[[benchmark]] metric")
    {
        const auto metrics = judged_metrics(config, command("c", 1, 0.9), nullptr, "");
        CHECK(names(metrics) == Names{"wall/primary"});
        CHECK(metrics[0].reason == "named by [[benchmark]] 'c' (gate.toml:4)");
        const auto program = judged_metrics(config, google_benchmark("prog/BM_A/1"), nullptr, "");
        CHECK(names(program) == Names{"real_time/primary"});
        CHECK(program[0].reason == "named by [[benchmark]] 'prog' (gate.toml:9)");
    }
    SUBCASE("[run].metric")
    {
        // A command's name is no prefix: only a program's ids start with its name.
        CHECK(names(judged_metrics(config, command("c/sub", 1, 0.9), nullptr, "")) ==
              Names{"user/primary"});
        const auto metrics = judged_metrics(config, command("other", 1, 0.9), nullptr, "");
        CHECK(names(metrics) == Names{"user/primary"});
        CHECK(metrics[0].reason == "named by [run].metric");
    }
    SUBCASE("automatic when no chosen metric was measured")
    {
        CHECK(names(judged_metrics(config, google_benchmark("other/BM_A"), nullptr, "")) ==
              Names{"cpu_time/primary", "real_time/guard"});
    }
}

TEST_CASE("policy_for: [gate], then [[benchmark]], then [[policy]] from least to most specific")
{
    // The most specific policies come first in the file: the order in the file does not matter.
    const auto config = core::parse_config("[gate]\n"
                                           "warning = \"10%\"\n"
                                           "critical = \"20%\"\n"
                                           "blocker = \"40%\"\n"
                                           "\n"
                                           "[[benchmark]]\n"
                                           "name = \"parse\"\n"
                                           "command = \"true\"\n"
                                           "warning = \"5%\"\n"
                                           "\n"
                                           "[[policy]]\n"
                                           "match = \"*\"\n"
                                           "metrics = [\"cpu\"]\n"
                                           "warning = \"2%\"\n"
                                           "critical = \"12%\"\n"
                                           "\n"
                                           "[[policy]]\n"
                                           "match = \"parse\"\n"
                                           "blocker = \"60%\"\n"
                                           "\n"
                                           "[[policy]]\n"
                                           "match = \"pars*\"\n"
                                           "critical = \"22%\"\n"
                                           "\n"
                                           "[[policy]]\n"
                                           "match = \"*\"\n"
                                           "critical = \"25%\"\n",
                                           "perfgate.toml");
    const auto check = [](const core::Config& in,
                          const std::string& id,
                          const std::string& metric,
                          MetricPolicy expected) {
        CAPTURE(id);
        CAPTURE(metric);
        const auto policy = policy_for(in, id, metric);
        CHECK(policy.warning == doctest::Approx(expected.warning));
        CHECK(policy.critical == doctest::Approx(expected.critical));
        CHECK(policy.blocker == doctest::Approx(expected.blocker));
    };
    check(config, "other", "wall", {0.10, 0.25, 0.40});
    check(config, "parse", "wall", {0.05, 0.22, 0.60});
    check(config, "parsers", "wall", {0.10, 0.22, 0.40});
    // A policy naming metrics outranks any glob, for those metrics only.
    check(config, "parse", "cpu", {0.02, 0.12, 0.60});
    check(config, "other", "cpu", {0.02, 0.12, 0.40});
    check(config, "other", "sys", {0.10, 0.25, 0.40});

    const core::Config defaults;
    check(defaults, "any", "wall", {0.15, 0.30, 0.50});
}

TEST_CASE("budgets_for: the [[benchmark]] budget shorthand, in the metric's unit")
{
    const auto config = core::parse_config("[[benchmark]]\n"
                                           "name = \"c\"\n"
                                           "command = \"true\"\n"
                                           "budget = \"200ms\"\n"
                                           "budget_statistic = \"p95\"\n"
                                           "\n"
                                           "[[benchmark]]\n"
                                           "name = \"prog\"\n"
                                           "kind = \"google-benchmark\"\n"
                                           "command = \"build/prog\"\n"
                                           "budget = \"2us\"\n"
                                           "\n"
                                           "[[benchmark]]\n"
                                           "name = \"free\"\n"
                                           "command = \"true\"\n",
                                           "perfgate.toml");
    const auto c = command("c", 0.1, 0.1);
    const auto wall = budgets_for(config, c);
    REQUIRE(wall.size() == 1);
    CHECK(wall[0].metric == "wall");
    CHECK(wall[0].limit == doctest::Approx(0.2));
    CHECK(wall[0].statistic == "p95");
    CHECK(wall[0].level == Level::blocker);

    auto in_ms = command("c", 0.1, 0.1);
    in_ms.metrics.front().unit = "ms";
    const auto converted = budgets_for(config, in_ms);
    REQUIRE(converted.size() == 1);
    CHECK(converted[0].limit == doctest::Approx(200));

    const auto program = budgets_for(config, google_benchmark("prog/BM_A"));
    REQUIRE(program.size() == 1);
    CHECK(program[0].metric == "real_time");
    CHECK(program[0].statistic == "median");

    CHECK(budgets_for(config, command("free", 1, 1)).empty());
    CHECK(budgets_for(config, command("unlisted", 1, 1)).empty());
}

TEST_CASE("level_of: the highest threshold reached")
{
    const MetricPolicy policy{0.25, 0.5, 0.75};
    const double infinity = std::numeric_limits<double>::infinity();
    const std::vector<std::pair<double, Level>> cases{
        {-0.5, Level::none},
        {0.0, Level::none},
        {0.2499, Level::none},
        {0.25, Level::warning},
        {0.4999, Level::warning},
        {0.5, Level::critical},
        {0.75, Level::blocker},
        {infinity, Level::blocker},
        {std::nan(""), Level::none},
    };
    for (const auto& entry : cases) {
        // Note: not a structured binding, which CAPTURE's lambda cannot capture under clang 14.
        const double worsening = entry.first;
        const Level level = entry.second;
        CAPTURE(worsening);
        CHECK(std::string(core::to_string(level_of(worsening, policy))) ==
              std::string(core::to_string(level)));
    }
    // A change on a threshold, up to rounding, reaches it.
    CHECK(level_of(115.0 / 100 - 1, MetricPolicy{}) == Level::warning);
    CHECK(level_of(130.0 / 100 - 1, MetricPolicy{}) == Level::critical);
    // A negative threshold is a requirement: a change on it meets it.
    const double speedup = 1 / 1.5 - 1;
    const MetricPolicy requirement{speedup, speedup, speedup};
    CHECK(level_of(100.0 / 150 - 1, requirement) == Level::none);
    CHECK(level_of(-0.3, requirement) == Level::blocker);
    CHECK(level_of(-0.4, requirement) == Level::none);
}

TEST_CASE("judged_metrics defaults to each harness's own measure of the work")
{
    const core::Config config;
    // The samples are 1 s of CPU time in 1 s of wall time: CPU-bound, wall time the guard.
    CHECK(judged_names(config, harness_result(Source::command, {"wall", "cpu"}), "") ==
          Names{"cpu", "wall"});
    CHECK(judged_names(config,
                       harness_result(Source::google_benchmark, {"cpu_time", "real_time"}),
                       "") == Names{"cpu_time", "real_time"});
    CHECK(judged_names(config,
                       harness_result(Source::criterion, {"time", "bytes_per_second"}),
                       "") == Names{"time"});
    CHECK(judged_names(config, harness_result(Source::pytest_benchmark, {"time"}), "") ==
          Names{"time"});
    CHECK(judged_names(config, harness_result(Source::pytest_benchmark, {"median_time"}), "") ==
          Names{"median_time"});
    // A samples file lists only what its writer wants judged.
    CHECK(judged_names(config,
                       harness_result(Source::samples, {"latency", "throughput", "errors"}),
                       "") == Names{"latency", "throughput", "errors"});
    CHECK(judged_names(config, harness_result(Source::samples, {"latency", "errors"}), "errors") ==
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
    CHECK(judged_names(config,
                       harness_result(Source::google_benchmark, {"real_time", "cpu_time"}),
                       "") == Names{"cpu_time"});
    // A harness entry's results are NAME/<id> too.
    config.benchmarks.front().kind = core::BenchmarkKind::samples;
    config.benchmarks.front().metric = "errors";
    CHECK(judged_names(config, harness_result(Source::samples, {"latency", "errors"}), "") ==
          Names{"errors"});
}

TEST_CASE("parse_speedup reads a factor, with or without its x")
{
    CHECK(parse_speedup("1.5x") == 1.5);
    CHECK(parse_speedup("2") == 2.0);
    for (const std::string text : {"0x", "-2x", "fast", "x", "1e7x", "1.5xx", "inf"}) {
        CAPTURE(text);
        const Error error = perfgate::test::error_of([&] { parse_speedup(text); });
        CHECK(error.code() == ExitCode::usage);
        CHECK(std::string(error.what()).find("--expect-speedup") != std::string::npos);
    }
}

TEST_CASE("require_speedup: every level requires the factor, and no policy overrides it")
{
    core::Config config;
    core::Policy lenient;
    lenient.match = "*";
    lenient.thresholds.warning = 0.5;
    config.policies.push_back(lenient);
    require_speedup(config, 2.0);
    CHECK(config.gate.warning == doctest::Approx(-0.5));
    CHECK(config.gate.critical == doctest::Approx(-0.5));
    CHECK(config.gate.blocker == doctest::Approx(-0.5));
    CHECK(config.policies.empty());
    const auto policy = policy_for(config, "app", "wall");
    // Twice as fast meets it; 1.5x faster (a worsening of -33%) falls short, at blocker.
    CHECK(level_of(-0.5, policy) == Level::none);
    CHECK(level_of(1 / 1.5 - 1, policy) == Level::blocker);
}

TEST_SUITE_END();
