#include <runners/plan.hpp>
#include <util/error.hpp>
#include <util/process.hpp>

namespace perfgate::runners {

std::size_t RunPlan::size() const
{
    std::size_t count = commands.size() + harnesses.size();
    for (const auto& program : programs) {
        count += program.benchmarks.size();
    }
    return count;
}

RunPlan make_plan(const core::Config& config,
                  const AdHocCommands& ad_hoc,
                  const Hooks& hooks,
                  const std::string& filter,
                  const Shard& shard)
{
    RunPlan plan;
    if (!ad_hoc.commands.empty()) {
        plan.commands = plan_ad_hoc(ad_hoc, hooks);
    } else {
        plan.commands = plan_configured(config, hooks);
        auto discovery = discover(config);
        plan.programs = std::move(discovery.programs);
        plan.skipped = std::move(discovery.skipped);
        plan.harnesses = plan_harnesses(config);
    }
    if (plan.size() == 0) {
        fail(ExitCode::measurement,
             "nothing to run: give commands (perfgate run 'sleep 0.1'), add [[benchmark]] entries "
             "to {}, or build Google Benchmark programs under {}",
             config.file ? config.file->string() : std::string(core::k_config_file_name),
             fmt::join(config.discover.paths, ", "));
    }
    if (!filter.empty()) {
        plan.commands = filter_benchmarks(std::move(plan.commands), filter);
        filter_programs(plan.programs, filter);
        for (auto& harness : plan.harnesses) {
            harness.filter = filter;
        }
        if (plan.size() == 0) {
            fail(ExitCode::measurement, "no benchmark matches --filter '{}'", filter);
        }
    }
    if (shard.count > 1) {
        std::erase_if(plan.commands,
                      [&](const CommandBenchmark& c) { return !shard.contains(c.id); });
        for (auto& program : plan.programs) {
            std::erase_if(program.benchmarks, [&](const std::string& name) {
                return !shard.contains(program.prefix + "/" + name);
            });
        }
        std::erase_if(plan.programs,
                      [](const BenchmarkProgram& p) { return p.benchmarks.empty(); });
        std::erase_if(plan.harnesses,
                      [&](const HarnessBenchmark& h) { return !shard.contains(h.name); });
    }
    return plan;
}

std::vector<core::BenchmarkResult> execute(const RunPlan& plan,
                                           const Sampling& sampling,
                                           const ShellChoice& shell,
                                           const GoogleBenchmarkSettings& google_benchmark,
                                           RunObserver& observer)
{
    observer.started(static_cast<int>(plan.size()));
    std::vector<core::BenchmarkResult> results;
    if (!plan.commands.empty()) {
        results = run_command_benchmarks(plan.commands, sampling, shell, observer);
    }
    for (const auto& program : plan.programs) {
        if (util::interrupt_requested()) {
            for (const auto& name : program.benchmarks) {
                core::BenchmarkResult skipped;
                skipped.id = program.prefix + "/" + name;
                skipped.source = core::Source::google_benchmark;
                skipped.executable = program.executable.string();
                skipped.status = core::Status::interrupted;
                skipped.message = "interrupted before it ran";
                results.push_back(std::move(skipped));
            }
            continue;
        }
        auto program_results = run_google_benchmark(program, google_benchmark, observer);
        results.insert(results.end(),
                       std::make_move_iterator(program_results.begin()),
                       std::make_move_iterator(program_results.end()));
    }
    auto planned = static_cast<int>(plan.size());
    for (const auto& harness : plan.harnesses) {
        auto found = run_harness(harness, shell);
        // Note: a harness counts as one benchmark until it has run.
        planned += static_cast<int>(found.size()) - 1;
        observer.started(planned);
        for (auto& result : found) {
            observer.finished(result);
            results.push_back(std::move(result));
        }
    }
    observer.done();
    return results;
}

} // namespace perfgate::runners
