#pragma once

#include <core/config.hpp>
#include <core/results.hpp>
#include <runners/command_runner.hpp>

#include <string>
#include <vector>

namespace perfgate::runners {

// A `[[benchmark]]` entry whose own harness measures and writes the results: criterion,
// pytest-benchmark, or a program writing perfgate-samples/1.
struct HarnessBenchmark
{
    std::string name; // its results are `name/<id>`
    core::BenchmarkKind kind = core::BenchmarkKind::samples;
    CommandLine command;
    std::string working_directory; // the configuration's folder
    double timeout = 300.0;        // seconds for the whole command; its process group is killed
    std::string filter;            // `--filter`: only the results it matches are kept
};

// Return the source that results of `kind` have.
core::Source source_of(core::BenchmarkKind kind);

// Return the harness entries of `config`, in the file's order, run in its folder with their
// own `timeout` or else `[run].timeout`.
std::vector<HarnessBenchmark> plan_harnesses(const core::Config& config);

// Run the entry's command once, telling it where to write through its environment, then read
// what it wrote: criterion output in $CRITERION_HOME, pytest-benchmark's `--benchmark-json`
// (added to $PYTEST_ADDOPTS), or the perfgate-samples/1 file named by $PERFGATE_SAMPLES.
// Ids are `name/<id>`. A command that cannot start, fails, times out or writes no or malformed
// output yields a result `name` with that status and a message naming the command (what it
// wrote before failing is kept); it never throws for it.
std::vector<core::BenchmarkResult> run_harness(const HarnessBenchmark& benchmark,
                                               const ShellChoice& shell);

} // namespace perfgate::runners
