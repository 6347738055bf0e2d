#include <runners/launches.hpp>
#include <runners/plan.hpp>
#include <util/error.hpp>
#include <util/file.hpp>
#include <util/process.hpp>

#include <algorithm>
#include <filesystem>
#include <numeric>
#include <random>

namespace perfgate::runners {

std::size_t RunPlan::size() const
{
    std::size_t count = commands.size() + harnesses.size();
    for (const auto& program : programs) {
        count += program.benchmarks.size();
    }
    return count;
}

namespace {

// Return what discovery passed over, one file per line, or why it found no file at all.
std::string why_nothing_found(const core::Config& config, const RunPlan& plan)
{
    const auto shown = [&](const std::filesystem::path& path) {
        return util::shown_path(path, config.root);
    };
    std::vector<std::string> lines;
    for (const auto& program : plan.unlisted) {
        lines.push_back(fmt::format("  {}: {}", shown(program.executable), program.reason));
    }
    for (const auto& file : plan.skipped) {
        lines.push_back(fmt::format("  {}: {}", shown(file.path), file.reason));
    }
    if (!lines.empty()) {
        return fmt::format("no benchmark is configured, and discovery passed over every "
                           "candidate:\n{}",
                           fmt::join(lines, "\n"));
    }
    std::vector<std::string> missing;
    for (const auto& path : config.discover.paths) {
        std::error_code error;
        if (!std::filesystem::is_directory(config.root / path, error)) {
            missing.push_back(fmt::format("{} does not exist", path));
        }
    }
    return fmt::format("no benchmark is configured, and no file under {} is named like {}{}",
                       fmt::join(config.discover.paths, ", "),
                       fmt::join(config.discover.include, " or "),
                       missing.empty() ? "" : fmt::format(" ({})", fmt::join(missing, "; ")));
}

} // namespace

RunPlan make_plan(const core::Config& config,
                  const AdHocCommands& ad_hoc,
                  const Hooks& hooks,
                  const std::string& filter,
                  const Shard& shard,
                  const std::vector<std::string>& known_ids)
{
    RunPlan plan;
    if (!ad_hoc.commands.empty()) {
        plan.commands = plan_ad_hoc(ad_hoc, hooks);
    } else {
        plan.commands = plan_configured(config, hooks);
        auto discovery = discover(config);
        plan.programs = std::move(discovery.programs);
        plan.skipped = std::move(discovery.skipped);
        plan.unlisted = std::move(discovery.unlisted);
        plan.listing = judge_unlisted(plan.unlisted, filter, known_ids);
        plan.listing.warnings.insert(
            plan.listing.warnings.end(), discovery.warnings.begin(), discovery.warnings.end());
        plan.harnesses = plan_harnesses(config);
    }
    if (plan.size() == 0 && !plan.listing.errors.empty()) {
        fail(ExitCode::measurement, "{}", fmt::join(plan.listing.errors, "\n"));
    }
    if (plan.size() == 0) {
        fail(ExitCode::measurement,
             "nothing to run: {}\ngive commands (perfgate run 'sleep 0.1'), add [[benchmark]] "
             "entries to {}, or build Google Benchmark programs under {}",
             why_nothing_found(config, plan),
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

namespace {

// Receives nothing: a single launch's results are reported once all launches are merged.
class Silent : public core::RunObserver
{};

std::vector<core::BenchmarkResult> interrupted_before_running(const BenchmarkProgram& program)
{
    std::vector<core::BenchmarkResult> results;
    for (const auto& name : program.benchmarks) {
        core::BenchmarkResult skipped;
        skipped.id = program.prefix + "/" + name;
        skipped.source = core::Source::google_benchmark;
        skipped.executable = program.executable.string();
        skipped.status = core::Status::interrupted;
        skipped.message = "interrupted before it ran";
        results.push_back(std::move(skipped));
    }
    return results;
}

} // namespace

std::vector<core::BenchmarkResult> execute(const RunPlan& plan,
                                           const Sampling& sampling,
                                           const ShellChoice& shell,
                                           const GoogleBenchmarkSettings& google_benchmark,
                                           core::RunObserver& observer)
{
    observer.started(static_cast<int>(plan.size()));
    std::vector<core::BenchmarkResult> results;
    if (!plan.commands.empty()) {
        results = run_command_benchmarks(plan.commands, sampling, shell, observer);
    }
    // Note: every program is launched several times, in a shuffled order each round, so that
    // drift of the machine's load hits all of them alike; launches are the independent samples.
    std::vector<std::vector<core::BenchmarkResult>> launched(plan.programs.size());
    std::vector<std::size_t> order(plan.programs.size());
    std::iota(order.begin(), order.end(), 0);
    std::mt19937_64 random(sampling.seed);
    Silent silent;
    const int launches = std::max(1, google_benchmark.launches);
    for (int launch = 0; launch < launches && !util::interrupt_requested(); ++launch) {
        std::shuffle(order.begin(), order.end(), random);
        for (const std::size_t i : order) {
            if (util::interrupt_requested()) {
                break;
            }
            add_launch(launched[i],
                       run_google_benchmark(plan.programs[i], google_benchmark, silent),
                       static_cast<std::uint32_t>(launch));
        }
    }
    for (std::size_t i = 0; i < plan.programs.size(); ++i) {
        if (launched[i].empty()) {
            launched[i] = interrupted_before_running(plan.programs[i]);
        }
        for (auto& result : launched[i]) {
            if (util::interrupt_requested() && result.status == core::Status::ok) {
                result.status = core::Status::interrupted;
                result.message = "interrupted before all its launches ran";
            }
            observer.finished(result);
            results.push_back(std::move(result));
        }
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
