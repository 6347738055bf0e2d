#include <baselines/baseline_store.hpp>
#include <baselines/gate.hpp>
#include <cli/round_loop.hpp>
#include <cli/run_pipeline.hpp>
#include <core/config.hpp>
#include <core/environment.hpp>
#include <core/units.hpp>
#include <core/version.hpp>
#include <core/workspace.hpp>
#include <reporters/comparison_text.hpp>
#include <reporters/hyperfine_export.hpp>
#include <reporters/progress.hpp>
#include <reporters/run_table.hpp>
#include <reporters/run_warnings.hpp>
#include <runners/id_filter.hpp>
#include <runners/importers.hpp>
#include <runners/plan.hpp>
#include <runners/rounds.hpp>
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

// Set where the measured commands read and write, from `--input` and `--output` as hyperfine
// has them. Throws Error(usage) for an input that cannot be read or an output that is a folder.
void set_output(runners::Sampling& sampling, const RunRequest& request)
{
    using runners::CommandOutput;
    const auto& output = request.output;
    std::error_code error;
    if (output.empty() || output == "null") {
        sampling.output = CommandOutput::null;
    } else if (output == "pipe") {
        sampling.output = CommandOutput::pipe;
    } else if (output == "inherit") {
        sampling.output = CommandOutput::inherit;
    } else if (std::filesystem::is_directory(output, error)) {
        fail(ExitCode::usage,
             "--output '{}' is a folder: --output says where the commands' output goes (null, "
             "pipe, inherit or a FILE); report files go to --report-dir",
             output);
    } else {
        sampling.output = CommandOutput::file;
        sampling.output_file = std::filesystem::absolute(output).string();
    }
    if (!request.input.empty() && request.input != "null") {
        if (!std::filesystem::is_regular_file(request.input, error) ||
            ::access(request.input.c_str(), R_OK) != 0) {
            fail(ExitCode::usage,
                 "--input '{}': {}",
                 request.input,
                 std::filesystem::exists(request.input, error) ? "not a readable file"
                                                               : "no such file");
        }
        sampling.input_file = std::filesystem::absolute(request.input).string();
    }
}

// Return the sampling settings: the file's, overridden by flags.
runners::Sampling make_sampling(const RunRequest& request, const core::RunSettings& run)
{
    runners::Sampling sampling;
    sampling.warmup = request.warmup.value_or(run.warmup);
    sampling.min_runs = request.min_runs.value_or(run.min_runs);
    sampling.max_runs = request.max_runs.value_or(run.max_runs);
    sampling.min_time =
        request.min_time.empty() ? run.min_time : core::parse_duration_argument(request.min_time);
    sampling.timeout =
        request.timeout.empty() ? run.timeout : core::parse_duration_argument(request.timeout);
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
    set_output(sampling, request);
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

runners::RunPlan make_plan(const RunRequest& request,
                           const core::Config& config,
                           const std::vector<std::string>& known_ids = {})
{
    runners::AdHocCommands ad_hoc{request.commands, request.command_names, {}};
    if (!request.parameter_scan.empty()) {
        const auto& scan = request.parameter_scan;
        ad_hoc.parameters.push_back(runners::scan_parameter(
            scan[0],
            core::parse_number(scan[1], "--parameter-scan minimum"),
            core::parse_number(scan[2], "--parameter-scan maximum"),
            core::parse_number(request.parameter_step, "--parameter-step-size")));
    }
    for (const auto& [name, values] : request.parameter_lists) {
        ad_hoc.parameters.push_back(runners::list_parameter(name, values));
    }
    auto plan = runners::make_plan(config,
                                   ad_hoc,
                                   request.hooks,
                                   request.filter,
                                   runners::parse_shard(request.shard),
                                   known_ids);
    // Note: a program that could not list its benchmarks is never a source of "missing".
    if (!plan.listing.errors.empty()) {
        fail(ExitCode::measurement, "{}", fmt::join(plan.listing.errors, "\n"));
    }
    for (const auto& warning : plan.listing.warnings) {
        fmt::print(stderr, "warning: {}\n", util::sanitize(warning));
    }
    return plan;
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

void print_commands(const runners::RunPlan& plan,
                    const runners::ShellChoice& shell,
                    const runners::GoogleBenchmarkSettings& google_benchmark)
{
    for (const auto& benchmark : plan.commands) {
        const auto [argv, used_shell] = runners::resolve_command(benchmark.command, shell);
        fmt::print(stderr,
                   "{}\n",
                   util::sanitize(fmt::format(
                       "perfgate: '{}' runs {}", benchmark.id, util::join_shell_words(argv))));
    }
    for (const auto& program : plan.programs) {
        const auto argv = runners::benchmark_command(
            program, program.benchmarks, google_benchmark, "<a temporary file>");
        fmt::print(stderr,
                   "{}\n",
                   util::sanitize(fmt::format("perfgate: '{}' runs {} (launched {} times)",
                                              program.prefix,
                                              util::join_shell_words(argv),
                                              google_benchmark.launches)));
    }
}

// Return the order `--sort` asks for: of the table (`auto`: fastest first, as hyperfine's
// summary) or of the exports (`auto`: as given, as hyperfine's tables).
reporters::SortOrder sort_order(const RunRequest& request, bool table)
{
    if (request.sort == "mean-time" || (request.sort == "auto" && table)) {
        return reporters::SortOrder::mean_time;
    }
    return reporters::SortOrder::command;
}

// Write the hyperfine-compatible exports that were asked for.
void write_exports(const RunRequest& request, const core::ResultsDocument& document)
{
    const auto unit = request.time_unit.empty()
                          ? std::nullopt
                          : std::optional(core::time_unit_named(request.time_unit));
    const auto order = sort_order(request, false);
    if (!request.export_json.empty()) {
        util::write_file_atomic(request.export_json,
                                reporters::to_hyperfine_json(document.benchmarks).dump(2) + "\n");
    }
    if (!request.export_csv.empty()) {
        util::write_file_atomic(
            request.export_csv,
            reporters::to_hyperfine_csv(reporters::sorted_results(document.benchmarks, order)));
    }
    const std::pair<const std::string*, reporters::Markup> tables[] = {
        {&request.export_markdown, reporters::Markup::markdown},
        {&request.export_asciidoc, reporters::Markup::asciidoc},
        {&request.export_orgmode, reporters::Markup::orgmode}};
    for (const auto& [file, markup] : tables) {
        if (!file->empty()) {
            util::write_file_atomic(
                *file, reporters::to_hyperfine_table(document.benchmarks, markup, unit, order));
        }
    }
}

// Print hyperfine's warnings about slow first runs and outliers of the command benchmarks.
void print_run_warnings(const core::ResultsDocument& document,
                        const runners::RunPlan& plan,
                        const runners::Sampling& sampling)
{
    for (const auto& result : document.benchmarks) {
        const auto spec =
            std::find_if(plan.commands.begin(), plan.commands.end(), [&](const auto& command) {
                return command.id == result.id;
            });
        const reporters::NoiseMeasures measures{.warmup = sampling.warmup > 0,
                                                .prepare = spec != plan.commands.end() &&
                                                           spec->prepare.has_value()};
        for (const auto& warning : reporters::run_warnings(result, measures)) {
            fmt::print(stderr, "warning: {}\n", util::sanitize(warning));
        }
    }
}

// Print one error line per benchmark that could not be measured; return how many.
int report_broken(const core::ResultsDocument& document)
{
    int broken = 0;
    for (const auto& result : document.benchmarks) {
        if (result.status == core::Status::failed || result.status == core::Status::timeout) {
            print_error(fmt::format("benchmark '{}' {}: {}",
                                    result.id,
                                    result.status == core::Status::timeout ? "timed out" : "failed",
                                    result.message));
            ++broken;
        }
    }
    return broken;
}

// Everything decided before anything runs.
struct Setup
{
    core::Config config;
    runners::Sampling sampling;
    runners::ShellChoice shell;
    util::ColorMode colors = util::ColorMode::automatic;
    std::optional<LoadedBaseline> baseline;
    baselines::CompareOptions compare;
    runners::GoogleBenchmarkSettings google_benchmark;
};

// What was measured: the current run, and for interleaved rounds the base side too.
struct Measured
{
    core::ResultsDocument document;
    std::optional<core::ResultsDocument> base; // paired with `document`, round by round
    std::string base_label;
    std::vector<std::string> notes; // how the rounds ended
};

core::ResultsDocument new_document(const std::filesystem::path& root)
{
    core::ResultsDocument document;
    document.perfgate_version = std::string(k_version);
    document.created = util::utc_now_iso8601();
    document.environment = core::capture_environment(root);
    return document;
}

// Return `plan`'s commands set to run in the folder of `root` that corresponds to the working
// directory's place under `project_root`.
void run_commands_in(runners::RunPlan& plan,
                     const std::filesystem::path& root,
                     const std::filesystem::path& project_root)
{
    auto relative = std::filesystem::current_path().lexically_relative(project_root);
    if (relative.empty() || *relative.begin() == "..") {
        relative = ".";
    }
    const auto directory = (root / relative).lexically_normal().string();
    for (auto& command : plan.commands) {
        command.working_directory = directory;
    }
}

// Return where the project's configuration folder is in the base checkout at `checkout`: at the
// same place relative to the checkout's root (the nearest folder with .git) as here.
std::filesystem::path base_root(const std::filesystem::path& checkout,
                                const std::filesystem::path& project_root)
{
    std::error_code error;
    for (auto folder = project_root; !folder.empty(); folder = folder.parent_path()) {
        if (std::filesystem::exists(folder / ".git", error)) {
            return (checkout / project_root.lexically_relative(folder)).lexically_normal();
        }
        if (folder == folder.parent_path()) {
            break;
        }
    }
    return checkout;
}

// Return the base checkout's plan for `--against`: the same configuration applied to the base.
runners::RunPlan base_plan(const RunRequest& request, const Setup& setup)
{
    std::error_code error;
    const auto checkout = std::filesystem::absolute(request.against).lexically_normal();
    if (!std::filesystem::is_directory(checkout, error)) {
        fail(ExitCode::usage,
             "--against '{}': not a folder (expected the root of the base checkout)",
             request.against);
    }
    const auto root = base_root(checkout, setup.config.root);
    if (!std::filesystem::is_directory(root, error)) {
        fail(ExitCode::usage,
             "--against '{}': the base has no folder '{}' for this project's perfgate.toml",
             request.against,
             root.string());
    }
    auto config = setup.config;
    config.root = root;
    auto plan = make_plan(request, config);
    run_commands_in(plan, root, setup.config.root);
    return plan;
}

// Return the results of `reference` (one benchmark) copied under the id of every result of
// `current`: the baseline each is judged against.
core::ResultsDocument reference_baseline(const core::ResultsDocument& base,
                                         const core::ResultsDocument& current)
{
    core::ResultsDocument copies = base;
    copies.benchmarks.clear();
    if (base.benchmarks.empty()) {
        return copies;
    }
    for (const auto& result : current.benchmarks) {
        auto copy = base.benchmarks.front();
        copy.id = result.id;
        copies.benchmarks.push_back(std::move(copy));
    }
    return copies;
}

// Return the comparison of what was measured, judged on the rounds when they were paired.
baselines::Comparison compare_measured(const Setup& setup,
                                       const Measured& measured,
                                       const core::ResultsDocument& baseline)
{
    auto options = setup.compare;
    options.paired = measured.base.has_value();
    return baselines::compare(baseline, measured.document, setup.config, options);
}

Measured measure_interleaved(const RunRequest& request,
                             const Setup& setup,
                             const runners::RunPlan& head_plan)
{
    const bool against = !request.against.empty();
    runners::RunPlan reference_plan;
    if (!against) {
        reference_plan.commands =
            runners::plan_ad_hoc({{request.reference}, {}, {}}, request.hooks);
    }
    const auto base = against ? base_plan(request, setup) : std::move(reference_plan);
    runners::PlanLauncher base_launcher(base, setup.sampling, setup.shell, setup.google_benchmark);
    runners::PlanLauncher head_launcher(
        head_plan, setup.sampling, setup.shell, setup.google_benchmark);
    runners::Rounds rounds(base_launcher, head_launcher, setup.sampling.seed);

    Measured measured;
    measured.document = new_document(setup.config.root);
    measured.base =
        new_document(against ? std::filesystem::path(request.against) : setup.config.root);
    measured.base_label = against ? fmt::format("base ({})", request.against)
                                  : fmt::format("reference '{}'", request.reference);
    const auto documents = [&](const runners::Rounds& r) {
        measured.document.benchmarks = r.results(runners::Side::head);
        measured.base->benchmarks = r.results(runners::Side::base);
    };
    const auto undecided = [&](const runners::Rounds& r) {
        documents(r);
        const auto baseline =
            against ? *measured.base : reference_baseline(*measured.base, measured.document);
        return baselines::undecided(compare_measured(setup, measured, baseline));
    };
    const auto progress = [&](int done, std::optional<std::size_t> left) {
        if (!request.quiet) {
            fmt::print(stderr,
                       "round {}: {}\n",
                       done,
                       left ? fmt::format("{} undecided", *left)
                            : fmt::format("judged from round {}", RoundLimits{}.min_rounds));
        }
    };
    RoundLimits limits;
    limits.max_time = request.max_time.empty() ? limits.max_time
                                               : core::parse_duration_argument(request.max_time);
    limits.max_rounds = std::max(limits.min_rounds, setup.sampling.max_runs);

    rounds.start();
    const auto outcome =
        run_until_decided(rounds, limits, undecided, util::monotonic_seconds, progress);
    rounds.finish();
    documents(rounds);
    if (!against) {
        measured.base = reference_baseline(*measured.base, measured.document);
    }
    if (outcome.out_of_time) {
        measured.notes.push_back(
            fmt::format("--max-time {} ran out after {} rounds; undecided benchmarks stay "
                        "inconclusive",
                        core::format_time(limits.max_time),
                        outcome.rounds));
    } else if (!outcome.decided && !outcome.interrupted) {
        measured.notes.push_back(fmt::format(
            "stopped after {} rounds ([run].max_runs); undecided benchmarks stay inconclusive",
            outcome.rounds));
    }
    return measured;
}

// Decide everything before anything runs. A profile's filter and `[report]`'s settings fill in
// what `request` leaves unset.
Setup prepare(RunRequest& request)
{
    Setup setup;
    setup.colors = color_mode(request);
    if (!request.time_unit.empty()) {
        static_cast<void>(core::time_unit_named(request.time_unit));
    }
    setup.config = core::load_project_config(request.config);
    if (!request.profile.empty()) {
        auto filter = core::apply_profile(setup.config, request.profile);
        if (request.filter.empty()) {
            request.filter = std::move(filter);
        }
    }
    request.report = with_settings(request.report, setup.config.report);
    setup.sampling = make_sampling(request, setup.config.run);
    setup.shell = make_shell(request);
    check(request.report);
    if (!request.save_baseline.empty()) {
        baselines::BaselineStore::validate_name(request.save_baseline);
    }
    if (!request.against.empty() && !request.reference.empty()) {
        fail(ExitCode::usage, "--against and --reference cannot be combined");
    }
    if ((!request.against.empty() || !request.reference.empty()) && !request.baseline.empty()) {
        fail(ExitCode::usage,
             "--baseline cannot be combined with {}: the base is measured in this run",
             request.against.empty() ? "--reference" : "--against");
    }
    if (!request.reference.empty() && request.commands.empty()) {
        fail(ExitCode::usage, "--reference needs commands to compare with it");
    }
    if (!request.expect_speedup.empty()) {
        if (request.reference.empty()) {
            fail(ExitCode::usage, "--expect-speedup needs --reference");
        }
        baselines::require_speedup(setup.config, baselines::parse_speedup(request.expect_speedup));
    }
    if (!request.max_time.empty()) {
        static_cast<void>(core::parse_duration_argument(request.max_time));
    }
    const core::Workspace workspace(setup.config.root);
    for (const auto& line : workspace.remove_leftovers()) {
        fmt::print(stderr, "perfgate: {}\n", util::sanitize(line));
    }
    const baselines::BaselineStore store(workspace.baselines_directory());
    if (request.against.empty() && request.reference.empty()) {
        setup.baseline = load_baseline(request, setup.config, workspace, store);
    }
    if (setup.baseline && !request.filter.empty()) {
        // What the filter leaves out was not run, so it is not "missing".
        const runners::IdFilter filter(request.filter);
        std::erase_if(
            setup.baseline->document.benchmarks,
            [&](const core::BenchmarkResult& result) { return !filter.matches(result.id); });
    }
    setup.compare =
        compare_options(request.gate, setup.baseline ? setup.baseline->label : "", "current");
    if (!request.reference.empty() && request.gate.metric.empty()) {
        // Note: against a reference, as hyperfine does, wall time is what "faster" means.
        setup.compare.metric = "wall";
        setup.compare.metric_reason = "against a reference, wall time says which is faster";
    }
    // Note: a run may add benchmarks or be filtered; sharing nothing with the baseline is said,
    // not refused.
    setup.compare.require_common = false;
    setup.google_benchmark = {.launches = setup.config.discover.launches,
                              .repetitions = setup.config.discover.repetitions,
                              .min_time = setup.config.discover.min_time,
                              .timeout = setup.sampling.timeout};
    return setup;
}

} // namespace

int run_pipeline(RunRequest request)
{
    util::install_interrupt_handlers();
    auto setup = prepare(request);
    const auto& config = setup.config;
    std::vector<std::string> known_ids;
    if (setup.baseline) {
        for (const auto& result : setup.baseline->document.benchmarks) {
            known_ids.push_back(result.id);
        }
    }
    const auto plan = make_plan(request, config, known_ids);
    if (request.verbose) {
        print_commands(plan, setup.shell, setup.google_benchmark);
    }

    Measured measured;
    if (!request.against.empty() || !request.reference.empty()) {
        measured = measure_interleaved(request, setup, plan);
        setup.compare.baseline_label = measured.base_label;
    } else {
        measured.document = new_document(config.root);
        reporters::ProgressDisplay progress(stderr,
                                            progress_style(request),
                                            util::use_color(setup.colors, STDERR_FILENO),
                                            util::terminal_width(STDERR_FILENO).value_or(0));
        measured.document.benchmarks =
            runners::execute(plan, setup.sampling, setup.shell, setup.google_benchmark, progress);
    }
    const auto& document = measured.document;
    if (!request.quiet && !util::interrupt_requested()) {
        print_run_warnings(document, plan, setup.sampling);
    }

    // Note: results and the baseline are on disk before anything is printed, so that a closed
    // or full output never costs them.
    const core::Workspace workspace(config.root);
    const baselines::BaselineStore store(workspace.baselines_directory());
    const auto run_directory = workspace.save_run(document);
    if (measured.base) {
        core::save_results(*measured.base, run_directory / "base-results.json");
    }
    const bool interrupted = util::interrupt_requested();
    ExitCode exit_code = ExitCode::passed;
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
            print_error(error.what());
            exit_code = error.code();
        }
    }
    write_exports(request, document);

    const bool color = util::use_color(setup.colors, STDOUT_FILENO);
    auto warnings = runners::context_warnings(document.benchmarks);
    warnings.insert(warnings.end(), measured.notes.begin(), measured.notes.end());
    const bool ad_hoc = !request.commands.empty();
    const bool silent = request.style == "none";
    const core::ResultsDocument* baseline = measured.base    ? &*measured.base
                                            : setup.baseline ? &setup.baseline->document
                                                             : nullptr;
    if (!baseline || interrupted || ad_hoc) {
        const auto time_unit = request.time_unit.empty()
                                   ? std::nullopt
                                   : std::optional(core::time_unit_named(request.time_unit));
        const reporters::RunTableOptions table{
            .metric = config.run.metric == "auto" ? "wall" : config.run.metric,
            .unit = time_unit,
            .color = color,
            .stats = request.report.stats.empty() ? std::vector<std::string>{}
                                                  : core::parse_statistics(request.report.stats),
            .resources = true,
            .width = util::terminal_width(STDOUT_FILENO).value_or(0)};
        if (!silent) {
            fmt::print(
                "{}",
                reporters::render_run_table(
                    reporters::sorted_results(document.benchmarks, sort_order(request, true)),
                    table));
        }
    }
    if (baseline && !interrupted) {
        auto comparison = compare_measured(setup, measured, *baseline);
        comparison.warnings.insert(comparison.warnings.end(), warnings.begin(), warnings.end());
        show_stats(comparison, request.report);
        if (ad_hoc && !silent) {
            fmt::print("\ncompared with {}:\n", util::sanitize(comparison.baseline.label));
        }
        const int gate = silent ? (write_report_files(comparison, request.report, run_directory),
                                   static_cast<int>(comparison.gate.exit_code))
                                : present(comparison, request.report, run_directory);
        exit_code = most_severe(exit_code, static_cast<ExitCode>(gate));
    } else {
        // Note: without a baseline the report files still come, every benchmark "new", and the
        // budgets still gate.
        auto comparison = baselines::compare({}, document, config, setup.compare);
        comparison.warnings.insert(comparison.warnings.end(), warnings.begin(), warnings.end());
        show_stats(comparison, request.report);
        for (const auto& warning : comparison.warnings) {
            fmt::print(stderr, "warning: {}\n", util::sanitize(warning));
        }
        if (!interrupted && !silent) {
            fmt::print("{}", reporters::render_budgets(comparison));
        }
        write_report_files(comparison, request.report, run_directory);
        if (!interrupted) {
            exit_code = most_severe(exit_code, comparison.gate.exit_code);
        }
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
    const int broken =
        report_broken(document) + (measured.base ? report_broken(*measured.base) : 0);
    if (interrupted) {
        fmt::print(
            stderr, "perfgate: interrupted; partial results are in {}\n", run_directory.string());
        return static_cast<int>(ExitCode::interrupted);
    }
    return static_cast<int>(
        most_severe(exit_code, broken > 0 ? ExitCode::measurement : ExitCode::passed));
}

} // namespace perfgate::cli
