#pragma once

#include <core/results.hpp>
#include <runners/plan.hpp>

#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <vector>

namespace perfgate::runners {

// The two sides of an interleaved comparison.
enum class Side { base, head };

// Launches the benchmarks of one side, unit by unit: a unit is a command (one run per launch) or
// a Google Benchmark program (one process per launch, all its benchmarks).
class Launcher
{
public:
    virtual ~Launcher() = default;

    // The number of units.
    virtual std::size_t size() const = 0;

    // Run every unit's setup and warmup.
    virtual void start() {}

    // Launch unit `unit` once; return its results holding the samples of this launch alone.
    virtual std::vector<core::BenchmarkResult> launch(std::size_t unit) = 0;

    // Run every unit's cleanup.
    virtual void finish() {}
};

// Launches the units of a run plan for real.
class PlanLauncher : public Launcher
{
public:
    PlanLauncher(const RunPlan& plan,
                 const Sampling& sampling,
                 const ShellChoice& shell,
                 const GoogleBenchmarkSettings& google_benchmark);

    std::size_t size() const override;
    void start() override;
    std::vector<core::BenchmarkResult> launch(std::size_t unit) override;
    void finish() override;

private:
    const RunPlan* m_plan;
    GoogleBenchmarkSettings m_google_benchmark;
    std::vector<CommandSession> m_sessions;
};

// Base and head launched in interleaved rounds: each round launches every unit of both sides
// once, in a freshly shuffled order, so that the machine's drift hits both alike. Samples keep
// their round as launch index: launch i of base and of head are a pair.
class Rounds
{
public:
    Rounds(Launcher& base, Launcher& head, std::uint64_t seed);

    // Run the setup and warmups of both sides.
    void start();

    // Run one more round; stops early when interrupted.
    void run_round();

    // Run the cleanups of both sides.
    void finish();

    int rounds() const { return m_rounds; }

    // Every launch so far, merged per benchmark.
    const std::vector<core::BenchmarkResult>& results(Side side) const;

    // The order of the last round: which side and unit ran when.
    const std::vector<std::pair<Side, std::size_t>>& last_order() const { return m_order; }

private:
    Launcher* m_base;
    Launcher* m_head;
    std::mt19937_64 m_random;
    int m_rounds = 0;
    std::vector<core::BenchmarkResult> m_base_results;
    std::vector<core::BenchmarkResult> m_head_results;
    std::vector<std::pair<Side, std::size_t>> m_order;
};

} // namespace perfgate::runners
