#pragma once

#include <core/config.hpp>
#include <core/results.hpp>

#include <optional>
#include <string_view>

namespace perfgate::baselines {

// Return the direction that a counter's name implies, if it implies one: lower is better for a
// name with one of the words miss, error, fail, drop, timeout, latency (or their plurals); else
// higher is better for a name ending in `per_second` or with one of the words hit, throughput,
// bandwidth, speedup, success, qps, rps, iops (or their plurals). Words are separated by
// anything but letters and digits, and by a capital after a small letter or a digit
// ("cacheHitRatio", "p99Latency").
std::optional<core::Better> direction_from_name(std::string_view name);

// Return `result` with what the configuration says its metrics mean, or nullopt when that
// changes nothing: a Google Benchmark counter (not `real_time`, `cpu_time`) takes the direction
// of its name (direction_from_name), and the matching `[[policy]]` entries, most specific last,
// set `better` and `unit`. Applied to both sides of a comparison before anything is judged.
// Throws Error(usage) naming the policy's file and line when it gives a `unit` to a metric that
// has another one.
std::optional<core::BenchmarkResult> with_meanings(const core::Config& config,
                                                   const core::BenchmarkResult& result);

} // namespace perfgate::baselines
