#pragma once

#include <core/config.hpp>
#include <runners/command_plan.hpp>
#include <runners/command_runner.hpp>
#include <runners/discovery.hpp>
#include <runners/google_benchmark.hpp>
#include <runners/harness_run.hpp>
#include <runners/shard.hpp>

#include <string>
#include <vector>

namespace perfgate::runners {

// Everything one `perfgate run` will measure.
struct RunPlan
{
    std::vector<CommandBenchmark> commands;
    std::vector<BenchmarkProgram> programs;
    std::vector<HarnessBenchmark> harnesses; // each counts as one until it has run
    std::vector<SkippedFile> skipped;        // what discovery passed over, and why
    std::vector<UnlistedProgram> unlisted;   // programs that could not list their benchmarks
    ListingProblems listing;                 // what `unlisted` means for this run

    std::size_t size() const;
};

// Plan a run: the ad-hoc commands when there are any; otherwise the configured commands, the
// configured Google Benchmark programs and those discovered, and the harness entries.
// `filter` (a regex, may be empty) narrows it (a harness's results, once it has run); then only
// the ids of `shard` are kept (a harness entry as a whole, by its name; a shard may be empty).
// Programs that could not be listed are judged against `known_ids` (the baseline's ids): the
// caller decides what `listing` errors mean. Throws Error(measurement) when there is nothing to
// run (naming the programs that could not be listed), or the filter matches nothing.
RunPlan make_plan(const core::Config& config,
                  const AdHocCommands& ad_hoc,
                  const Hooks& hooks,
                  const std::string& filter,
                  const Shard& shard = {},
                  const std::vector<std::string>& known_ids = {});

// Run the plan: the commands interleaved, then each program, then each harness entry; results
// in that order.
std::vector<core::BenchmarkResult> execute(const RunPlan& plan,
                                           const Sampling& sampling,
                                           const ShellChoice& shell,
                                           const GoogleBenchmarkSettings& google_benchmark,
                                           core::RunObserver& observer);

} // namespace perfgate::runners
