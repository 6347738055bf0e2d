#pragma once

#include <core/results.hpp>
#include <core/units.hpp>

#include <optional>
#include <string>
#include <vector>

namespace perfgate::reporters {

struct RunTableOptions
{
    std::string metric = "wall";        // the metric shown for command benchmarks
    std::optional<core::TimeUnit> unit; // `--time-unit`; chosen per value when unset
    bool color = false;
    std::vector<std::string> stats; // `--stats`: more statistics of the shown metric
    bool resources = false;         // the median CPU time and peak RSS, where they were measured
    std::size_t width = 0;          // columns to fit (the terminal's); 0: no limit
};

// Speed of one benchmark relative to the fastest: the ratio of means and its uncertainty
// (standard deviations propagated as hyperfine does).
struct Relative
{
    double ratio = 1;
    double error = 0;
    bool fastest = false; // the one the others are relative to (shown as plain "1.00")
};

// Return each result's speed relative to the fastest on `metric` (nullopt where unmeasured).
std::vector<std::optional<Relative>>
relative_speeds(const std::vector<core::BenchmarkResult>& results, const std::string& metric);

// Return the console table of a run without a baseline: median, mean ± σ, min … max, runs, the
// `stats`, with `resources` the median CPU time and peak RSS where they were measured, and for
// several benchmarks the speed relative to the fastest; failures with their reason. To fit
// `width`, the resources, the `stats` and min … max are left out (in that order), then long
// names are shortened with "…".
std::string render_run_table(const std::vector<core::BenchmarkResult>& results,
                             const RunTableOptions& options);

// Return one line per benchmark that ran under a shell, saying its start-up cost is included.
std::string render_shell_notes(const std::vector<core::BenchmarkResult>& results);

} // namespace perfgate::reporters
