#include <baselines/baseline_store.hpp>
#include <cli/run_pipeline.hpp>
#include <core/config.hpp>
#include <core/environment.hpp>
#include <core/units.hpp>
#include <core/version.hpp>
#include <core/workspace.hpp>
#include <reporters/hyperfine_export.hpp>
#include <reporters/progress.hpp>
#include <reporters/run_table.hpp>
#include <runners/id_filter.hpp>
#include <runners/importers.hpp>
#include <runners/plan.hpp>
#include <util/clock.hpp>
#include <util/error.hpp>
#include <util/file.hpp>
#include <util/process.hpp>
#include <util/sanitize.hpp>
#include <util/shell_words.hpp>
#include <util/terminal.hpp>

#include <fmt/format.h>
#include <unistd.h>

#include <random>

namespace perfgate::cli {
namespace {

// A baseline to compare with, and what to call it.
struct LoadedBaseline
{
    core::ResultsDocument document;
    std::string label;
};

// Return the baseline named by `--baseline` (a stored name, a results file, or "last" for the
// previous run), else the configured one when it exists. A named one that does not exist is an
// error listing those that do.
std::optional<LoadedBaseline> load_baseline(const RunRequest& request,
                                            const core::Config& config,
                                            const core::Workspace& workspace,
                                            const baselines::BaselineStore& store)
{
    const auto& name = request.baseline.empty() ? config.gate.baseline : request.baseline;
    if (request.baseline == "last" && !store.contains("last")) {
        const auto previous = workspace.last_run() / "results.json";
        if (!std::filesystem::exists(previous)) {
            fail(ExitCode::usage,
                 "--baseline last: there is no previous run in {}",
                 workspace.directory().string());
        }
        return LoadedBaseline{core::load_results(previous), "last run"};
    }
    const std::filesystem::path as_file(name);
    const bool file_like = name.find('/') != std::string::npos || as_file.extension() == ".json";
    if (file_like && std::filesystem::exists(as_file)) {
        return LoadedBaseline{runners::load_any_results(as_file), name};
    }
    if (!request.baseline.empty() || store.contains(name)) {
        return LoadedBaseline{store.load(name), name};
    }
    return std::nullopt;
}

double parse_number(const std::string& text, std::string_view what)
{
    try {
        std::size_t used = 0;
        const double value = std::stod(text, &used);
        if (used == text.size()) {
            return value;
        }
    } catch (const std::exception&) {
    }
    fail(ExitCode::usage, "invalid {} '{}': expected a number", what, text);
}

// Return the sampling settings: the file's, overridden by flags.
runners::Sampling make_sampling(const RunRequest& request, const core::RunSettings& run)
{
    runners::Sampling sampling;
    sampling.warmup = request.warmup.value_or(run.warmup);
    sampling.min_runs = request.min_runs.value_or(run.min_runs);
    sampling.max_runs = request.max_runs.value_or(run.max_runs);
    sampling.min_time =
        request.min_time.empty() ? run.min_time : core::parse_duration(request.min_time);
    sampling.timeout =
        request.timeout.empty() ? run.timeout : core::parse_duration(request.timeout);
    if (request.runs) {
        sampling.min_runs = sampling.max_runs = *request.runs;
        sampling.min_time = 0;
    } else if (request.min_runs && !request.max_runs) {
        sampling.max_runs = std::max(sampling.max_runs, sampling.min_runs);
    } else if (request.max_runs && !request.min_runs) {
        sampling.min_runs = std::min(sampling.min_runs, sampling.max_runs);
    }
    if (!request.precision.empty()) {
        sampling.precision = core::parse_percent(request.precision);
    }
    sampling.ignore_failure = request.ignore_failure;
    sampling.show_output = request.show_output;
    sampling.seed = std::random_device{}();
    runners::validate(sampling);
    return sampling;
}

runners::ShellChoice make_shell(const RunRequest& request)
{
    runners::ShellChoice shell;
    if (request.no_shell || request.shell == "none") {
        shell.mode = runners::ShellChoice::Mode::never;
    } else if (!request.shell.empty()) {
        shell.mode = runners::ShellChoice::Mode::always;
        shell.path = request.shell;
    }
    return shell;
}

runners::RunPlan make_plan(const RunRequest& request, const core::Config& config)
{
    runners::AdHocCommands ad_hoc{request.commands, request.command_names, {}};
    if (!request.parameter_scan.empty()) {
        const auto& scan = request.parameter_scan;
        ad_hoc.parameters.push_back(
            runners::scan_parameter(scan[0],
                                    parse_number(scan[1], "--parameter-scan minimum"),
                                    parse_number(scan[2], "--parameter-scan maximum"),
                                    parse_number(request.parameter_step, "--parameter-step-size")));
    }
    for (const auto& [name, values] : request.parameter_lists) {
        ad_hoc.parameters.push_back(runners::list_parameter(name, values));
    }
    return runners::make_plan(
        config, ad_hoc, request.hooks, request.filter, runners::parse_shard(request.shard));
}

reporters::ProgressStyle progress_style(const RunRequest& request)
{
    if (request.quiet || request.style == "none") {
        return reporters::ProgressStyle::none;
    }
    if (request.style == "basic" || request.style == "nocolor" ||
        !util::is_terminal(STDERR_FILENO)) {
        return reporters::ProgressStyle::lines;
    }
    return reporters::ProgressStyle::bars;
}

util::ColorMode color_mode(const RunRequest& request)
{
    if (request.style == "nocolor" || request.style == "basic") {
        return util::ColorMode::never;
    }
    if (request.style == "color") {
        return util::ColorMode::always;
    }
    return util::parse_color_mode(request.report.color);
}

void print_commands(const runners::RunPlan& plan, const runners::ShellChoice& shell)
{
    for (const auto& benchmark : plan.commands) {
        const auto [argv, used_shell] = runners::resolve_command(benchmark.command, shell);
        fmt::print(stderr,
                   "{}\n",
                   util::sanitize(fmt::format(
                       "perfgate: '{}' runs {}", benchmark.id, util::join_shell_words(argv))));
    }
}

// Write the hyperfine-compatible exports that were asked for.
void write_exports(const RunRequest& request, const core::ResultsDocument& document)
{
    if (!request.export_json.empty()) {
        util::write_file_atomic(request.export_json,
                                reporters::to_hyperfine_json(document.benchmarks).dump(2) + "\n");
    }
    if (!request.export_markdown.empty()) {
        const auto unit = request.time_unit.empty()
                              ? std::nullopt
                              : std::optional(core::time_unit_named(request.time_unit));
        util::write_file_atomic(request.export_markdown,
                                reporters::to_hyperfine_markdown(document.benchmarks, unit));
    }
}

// Print one error line per benchmark that could not be measured; return how many.
int report_broken(const core::ResultsDocument& document)
{
    int broken = 0;
    for (const auto& result : document.benchmarks) {
        if (result.status == core::Status::failed || result.status == core::Status::timeout) {
            fmt::print(stderr,
                       "perfgate: error: {}\n",
                       util::sanitize(fmt::format(
                           "benchmark '{}' {}: {}",
                           result.id,
                           result.status == core::Status::timeout ? "timed out" : "failed",
                           result.message)));
            ++broken;
        }
    }
    return broken;
}

} // namespace

int run_pipeline(const RunRequest& request)
{
    util::install_interrupt_handlers();
    const auto colors = color_mode(request);
    const auto time_unit = request.time_unit.empty()
                               ? std::nullopt
                               : std::optional(core::time_unit_named(request.time_unit));
    const auto config = core::load_project_config(request.config);
    const auto sampling = make_sampling(request, config.run);
    const auto shell = make_shell(request);
    check(request.report);
    const core::Workspace workspace(config.root);
    for (const auto& line : workspace.remove_leftovers()) {
        fmt::print(stderr, "perfgate: {}\n", util::sanitize(line));
    }
    const baselines::BaselineStore store(workspace.baselines_directory());
    if (!request.save_baseline.empty()) {
        baselines::BaselineStore::validate_name(request.save_baseline);
    }
    auto baseline = load_baseline(request, config, workspace, store);
    if (baseline && !request.filter.empty()) {
        // What the filter leaves out was not run, so it is not "missing".
        const runners::IdFilter filter(request.filter);
        std::erase_if(baseline->document.benchmarks, [&](const core::BenchmarkResult& result) {
            return !filter.matches(result.id);
        });
    }
    auto compare_settings =
        compare_options(request.gate, baseline ? baseline->label : "", "current");
    // Note: a run may add benchmarks or be filtered; sharing nothing with the baseline is said,
    // not refused.
    compare_settings.require_common = false;
    const auto plan = make_plan(request, config);
    if (request.verbose) {
        print_commands(plan, shell);
    }

    core::ResultsDocument document;
    document.perfgate_version = std::string(k_version);
    document.created = util::utc_now_iso8601();
    document.environment = core::capture_environment(config.root);
    reporters::ProgressDisplay progress(
        stderr, progress_style(request), util::use_color(colors, STDERR_FILENO));
    const runners::GoogleBenchmarkSettings google_benchmark{.launches = config.discover.launches,
                                                            .repetitions =
                                                                config.discover.repetitions,
                                                            .min_time = config.discover.min_time,
                                                            .timeout = sampling.timeout};
    document.benchmarks = runners::execute(plan, sampling, shell, google_benchmark, progress);

    // Note: results and the baseline are on disk before anything is printed, so that a closed
    // or full output never costs them.
    const auto run_directory = workspace.save_run(document);
    const bool interrupted = util::interrupt_requested();
    int exit_code = static_cast<int>(ExitCode::passed);
    if (!request.save_baseline.empty()) {
        try {
            const auto replaced = store.save_checked(
                request.save_baseline,
                document,
                request.allow_failed ? baselines::AllowFailed::yes : baselines::AllowFailed::no);
            if (replaced) {
                fmt::print(stderr, "perfgate: {}\n", util::sanitize(*replaced));
            }
            fmt::print(stderr, "saved as baseline '{}'\n", request.save_baseline);
        } catch (const Error& error) {
            fmt::print(stderr, "perfgate: error: {}\n", util::sanitize_lines(error.what()));
            exit_code = static_cast<int>(error.code());
        }
    }
    write_exports(request, document);

    const bool color = util::use_color(colors, STDOUT_FILENO);
    auto warnings = runners::context_warnings(document.benchmarks);
    const bool ad_hoc = !request.commands.empty();
    const bool silent = request.style == "none";
    if (!baseline || interrupted || ad_hoc) {
        const reporters::RunTableOptions table{
            .metric = config.run.metric == "auto" ? "wall" : config.run.metric,
            .unit = time_unit,
            .color = color};
        if (!silent) {
            fmt::print("{}", reporters::render_run_table(document.benchmarks, table));
        }
    }
    if (baseline && !interrupted) {
        auto comparison =
            baselines::compare(baseline->document, document, config, compare_settings);
        comparison.warnings.insert(comparison.warnings.end(), warnings.begin(), warnings.end());
        if (ad_hoc && !silent) {
            fmt::print("\ncompared with baseline '{}':\n", util::sanitize(baseline->label));
        }
        const int gate = silent ? (write_report_files(comparison, request.report, run_directory),
                                   static_cast<int>(comparison.gate.exit_code))
                                : present(comparison, request.report, run_directory);
        // Note: the gate's verdict (1, or 3 for a broken run) outranks a failed save (2).
        exit_code = gate != 0 ? gate : exit_code;
    } else {
        for (const auto& warning : warnings) {
            fmt::print(stderr, "warning: {}\n", util::sanitize(warning));
        }
        // Note: without a baseline the report files still come, every benchmark "new".
        write_report_files(baselines::compare({}, document, config, compare_settings),
                           request.report,
                           run_directory);
        if (!baseline && !interrupted && request.save_baseline.empty() && !request.quiet) {
            fmt::print(stderr,
                       "no baseline '{}' to compare with yet; save one with 'perfgate baseline "
                       "save {}' or 'perfgate run --save-baseline {}'\n",
                       config.gate.baseline,
                       config.gate.baseline,
                       config.gate.baseline);
        }
    }
    if (!silent) {
        fmt::print("{}", reporters::render_shell_notes(document.benchmarks));
    }
    if (!request.quiet) {
        fmt::print(stderr, "results: {}\n", (run_directory / "results.json").string());
    }
    const int broken = report_broken(document);
    if (interrupted) {
        fmt::print(
            stderr, "perfgate: interrupted; partial results are in {}\n", run_directory.string());
        return static_cast<int>(ExitCode::interrupted);
    }
    // Note: a broken run (3) outranks a failed gate (1): it must never look like a regression.
    return broken > 0 ? static_cast<int>(ExitCode::measurement) : exit_code;
}

} // namespace perfgate::cli
