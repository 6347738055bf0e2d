#pragma once

#include <core/config.hpp>
#include <runners/command_plan.hpp>
#include <runners/command_runner.hpp>
#include <runners/discovery.hpp>
#include <runners/google_benchmark.hpp>
#include <runners/shard.hpp>

#include <string>
#include <vector>

namespace perfgate::runners {

// Everything one `perfgate run` will measure.
struct RunPlan
{
    std::vector<CommandBenchmark> commands;
    std::vector<BenchmarkProgram> programs;
    std::vector<SkippedFile> skipped; // what discovery passed over, and why

    std::size_t size() const;
};

// Plan a run: the ad-hoc commands when there are any; otherwise the configured commands, the
// configured Google Benchmark programs and those discovered. `filter` (a regex, may be empty)
// narrows it; then only the ids of `shard` are kept (a shard may be empty). Throws
// Error(measurement) when there is nothing to run, or the filter matches nothing.
RunPlan make_plan(const core::Config& config,
                  const AdHocCommands& ad_hoc,
                  const Hooks& hooks,
                  const std::string& filter,
                  const Shard& shard = {});

// Run the plan: the commands interleaved, then each program; results in that order.
std::vector<core::BenchmarkResult> execute(const RunPlan& plan,
                                           const Sampling& sampling,
                                           const ShellChoice& shell,
                                           const GoogleBenchmarkSettings& google_benchmark,
                                           core::RunObserver& observer);

} // namespace perfgate::runners
