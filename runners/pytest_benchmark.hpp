#pragma once

#include <core/results.hpp>

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace perfgate::runners {

// True when `json` looks like pytest-benchmark's `--benchmark-json` output: a `benchmarks`
// array beside a `machine_info` object.
bool is_pytest_benchmark_json(const nlohmann::json& json);

// Turn pytest-benchmark's `--benchmark-json` output into results, one per test, with id the
// test's `fullname` (`path/test_x.py::test_y[param]`, unique in a session, unlike `name`),
// prefixed `prefix/` when `prefix` is not empty, and its `params` as parameters.
// With raw data (`--benchmark-save-data`), metric `time` holds the seconds per call of every
// round. Without it, only the file's summary is known: metric `median_time` holds one sample,
// the median of the rounds, so one file compares with another by the change of medians and
// is judged inconclusive (no test is possible on one value per side); merged runs add samples.
// A malformed document throws Error(usage) naming `origin` and the JSON path.
core::ResultsDocument import_pytest_benchmark(const nlohmann::json& json,
                                              const std::string& origin,
                                              std::string_view prefix = {});

// Return what a reader of a comparison must know when some of `results` (read from `origin`)
// hold only a pytest-benchmark summary, or nothing when none does.
std::optional<std::string> summary_only_warning(const std::vector<core::BenchmarkResult>& results,
                                                std::string_view origin);

} // namespace perfgate::runners
