#pragma once

// Google Benchmark JSON documents built the way the library writes them, for the tests of the
// readers and of ingestion.

#include <core/results.hpp>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <string>
#include <vector>

namespace perfgate::test {

// The context object of Google Benchmark 1.8's JSON output.
inline constexpr const char* k_context = R"({
  "context": {
    "date": "2024-05-14T10:21:07+00:00",
    "host_name": "ci-runner-7",
    "executable": "./build/sort_bench",
    "num_cpus": 2,
    "mhz_per_cpu": 2450,
    "cpu_scaling_enabled": false,
    "caches": [
      {
        "type": "Data",
        "level": 1,
        "size": 32768,
        "num_sharing": 1
      },
      {
        "type": "Unified",
        "level": 2,
        "size": 524288,
        "num_sharing": 1
      }
    ],
    "load_avg": [0.42,0.31,0.2],
    "library_version": "v1.8.3",
    "library_build_type": "release",
    "json_schema_version": 1
  },
  "benchmarks": [
)";

// One repetition of `name` as Google Benchmark writes it: `before` holds the error or skip
// fields (which come before `iterations`), `after` the counters (which follow `time_unit`).
inline std::string run(const std::string& name,
                       int repetition,
                       const std::string& real_time,
                       const std::string& cpu_time,
                       const std::string& time_unit = "ns",
                       const std::string& before = "",
                       const std::string& after = "")
{
    return fmt::format(R"(    {{
      "name": "{0}",
      "family_index": 0,
      "per_family_instance_index": 0,
      "run_name": "{0}",
      "run_type": "iteration",
      "repetitions": 3,
      "repetition_index": {1},
      "threads": 1,{5}
      "iterations": 1000,
      "real_time": {2},
      "cpu_time": {3},
      "time_unit": "{4}"{6}
    }})",
                       name,
                       repetition,
                       real_time,
                       cpu_time,
                       time_unit,
                       before,
                       after);
}

// One of the aggregates Google Benchmark adds after the repetitions of `name`.
inline std::string aggregate(const std::string& name,
                             const std::string& aggregate_name,
                             const std::string& unit = "time")
{
    return fmt::format(R"(    {{
      "name": "{0}_{1}",
      "family_index": 0,
      "per_family_instance_index": 0,
      "run_name": "{0}",
      "run_type": "aggregate",
      "repetitions": 3,
      "threads": 1,
      "aggregate_name": "{1}",
      "aggregate_unit": "{2}",
      "iterations": 3,
      "real_time": 999,
      "cpu_time": 999,
      "time_unit": "ns"
    }})",
                       name,
                       aggregate_name,
                       unit);
}

// A whole Google Benchmark JSON output with `runs` as its benchmark list.
inline std::string document(const std::vector<std::string>& runs)
{
    std::string text = k_context;
    for (std::size_t i = 0; i < runs.size(); ++i) {
        text += runs[i];
        text += i + 1 < runs.size() ? ",\n" : "\n";
    }
    return text + "  ]\n}\n";
}

// Return the samples of `metric` in `result`, which must have it.
inline std::vector<double> samples_of(const core::BenchmarkResult& result,
                                      const std::string& metric)
{
    const core::Metric* found = result.find_metric(metric);
    REQUIRE(found != nullptr);
    return found->samples;
}

} // namespace perfgate::test
