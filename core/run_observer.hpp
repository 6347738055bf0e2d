#pragma once

#include <core/results.hpp>

#include <string>
#include <vector>

namespace perfgate::core {

// Progress of one benchmark while it is being sampled.
struct RunProgress
{
    const std::string& id;
    int runs = 0;                       // measured runs done
    int planned = 0;                    // current estimate of the runs it will take
    double elapsed = 0;                 // seconds since the benchmark started
    const std::vector<double>& samples; // the wall times so far (the display takes their median)
    std::string_view unit;              // their unit
};

// Receives progress from runners; the CLI passes a progress display.
class RunObserver
{
public:
    virtual ~RunObserver() = default;

    // Called before anything runs, with the number of benchmarks; again with the new number
    // when a harness has run (it counts as one until then).
    virtual void started(int benchmarks) { static_cast<void>(benchmarks); }

    // Called after each measured run.
    virtual void progressed(const RunProgress& progress) { static_cast<void>(progress); }

    // Called when a benchmark has its final result.
    virtual void finished(const BenchmarkResult& result) { static_cast<void>(result); }

    // Called when everything is done, before results are printed.
    virtual void done() {}
};

} // namespace perfgate::core
