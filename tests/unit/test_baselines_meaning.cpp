#include <baselines/meaning.hpp>
#include <core/config.hpp>

#include "test_support.hpp"
#include <doctest/doctest.h>

#include <string>

TEST_SUITE_BEGIN("baselines_meaning");

using namespace perfgate;
using namespace perfgate::baselines;
using core::Better;
using perfgate::test::error_of;

TEST_CASE("direction_from_name: the documented list")
{
    for (const char* name : {"items_per_second",
                             "bytes_per_second",
                             "hit_rate",
                             "cache_hit_ratio",
                             "hits",
                             "cacheHitRatio",
                             "throughput",
                             "net-bandwidth",
                             "speedup",
                             "success_rate",
                             "successes",
                             "qps",
                             "rps",
                             "iops"}) {
        CAPTURE(std::string(name));
        CHECK(direction_from_name(name) == Better::higher);
    }
    for (const char* name : {"error_rate",
                             "errors",
                             "errors_per_second",
                             "miss_rate",
                             "cache_misses",
                             "failures",
                             "fail_count",
                             "drops",
                             "timeouts",
                             "latency",
                             "p99Latency",
                             "hit_or_miss"}) {
        CAPTURE(std::string(name));
        CHECK(direction_from_name(name) == Better::lower);
    }
    for (const char* name : {"rate", "ratio", "bytes", "white", "shits", "per_second_x", ""}) {
        CAPTURE(std::string(name));
        CHECK_FALSE(direction_from_name(name).has_value());
    }
}

namespace {

core::BenchmarkResult counters(std::string id)
{
    core::BenchmarkResult result;
    result.id = std::move(id);
    result.source = core::Source::google_benchmark;
    result.metric("real_time", "ns", Better::lower).samples = {1, 2};
    result.metric("cache_hit_ratio", "", Better::lower).samples = {0.6, 0.4};
    result.metric("resident", "", Better::lower).samples = {1e6};
    result.metric("score", "", Better::lower).samples = {3};
    return result;
}

} // namespace

TEST_CASE("with_meanings: name defaults for Google Benchmark counters")
{
    const core::Config config;
    const auto described = with_meanings(config, counters("bench/BM_Cache"));
    REQUIRE(described);
    CHECK(described->find_metric("cache_hit_ratio")->better == Better::higher);
    CHECK(described->find_metric("score")->better == Better::lower);
    CHECK(described->find_metric("real_time")->better == Better::lower);
    CHECK(described->find_metric("cache_hit_ratio")->samples == std::vector<double>{0.6, 0.4});

    SUBCASE("commands and samples files state their own directions")
    {
        auto result = counters("cmd");
        result.source = core::Source::command;
        CHECK_FALSE(with_meanings(config, result));
    }
}

TEST_CASE("with_meanings: [[policy]] sets direction and unit, most specific last")
{
    const auto config = core::parse_config(R"([[policy]]
match = "*"
metrics = ["score", "cache_hit_ratio"]
better = "higher"

[[policy]]
match = "bench/BM_Cache"
metrics = ["cache_hit_ratio"]
better = "lower"

[[policy]]
match = "bench/*"
metrics = ["resident"]
unit = "B"
)",
                                           "perfgate.toml");
    const auto described = with_meanings(config, counters("bench/BM_Cache"));
    REQUIRE(described);
    CHECK(described->find_metric("score")->better == Better::higher);
    CHECK(described->find_metric("cache_hit_ratio")->better == Better::lower);
    CHECK(described->find_metric("resident")->unit == "B");
    const auto other = with_meanings(config, counters("bench/BM_Other"));
    CHECK(other->find_metric("cache_hit_ratio")->better == Better::higher);

    SUBCASE("nothing to change: no copy")
    {
        core::BenchmarkResult plain;
        plain.id = "x";
        plain.metric("wall", "s", Better::lower).samples = {1};
        CHECK_FALSE(with_meanings(config, plain));
    }
}

TEST_CASE("with_meanings: a unit for a metric that has another is an error naming the policy")
{
    const auto config = core::parse_config(
        "\n\n[[policy]]\nmatch = \"*\"\nmetrics = [\"real_time\"]\nunit = \"B\"\n", "p.toml");
    const Error error = error_of([&] { with_meanings(config, counters("bench/BM_Cache")); });
    CHECK(error.code() == ExitCode::usage);
    CHECK(std::string(error.what()) ==
          "p.toml:3: [[policy]] gives metric 'real_time' of 'bench/BM_Cache' the unit 'B', but "
          "it is measured in 'ns'; 'unit' is for metrics measured without one");
}

TEST_SUITE_END();
