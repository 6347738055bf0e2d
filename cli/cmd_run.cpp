#include <baselines/baseline_store.hpp>
#include <cli/commands.hpp>
#include <cli/gate_options.hpp>
#include <core/config.hpp>
#include <core/environment.hpp>
#include <core/units.hpp>
#include <core/version.hpp>
#include <core/workspace.hpp>
#include <reporters/hyperfine_export.hpp>
#include <reporters/progress.hpp>
#include <reporters/report_files.hpp>
#include <reporters/run_table.hpp>
#include <runners/id_filter.hpp>
#include <runners/importers.hpp>
#include <runners/plan.hpp>
#include <util/clock.hpp>
#include <util/error.hpp>
#include <util/file.hpp>
#include <util/process.hpp>
#include <util/shell_words.hpp>
#include <util/terminal.hpp>

#include <fmt/format.h>
#include <unistd.h>

#include <memory>
#include <random>

namespace perfgate::cli {
namespace {

struct RunOptions
{
    std::vector<std::string> commands;
    std::string config;
    std::string filter;
    std::optional<int> warmup;
    std::optional<int> runs;
    std::optional<int> min_runs;
    std::optional<int> max_runs;
    std::string min_time;
    std::string timeout;
    std::string precision;
    runners::Hooks hooks;
    std::string shell;
    bool no_shell = false;
    bool ignore_failure = false;
    std::vector<std::string> command_names;
    std::vector<std::string> parameter_scan; // NAME MIN MAX
    std::string parameter_step = "1";
    std::vector<std::pair<std::string, std::string>> parameter_lists; // NAME VALUES
    bool show_output = false;
    std::string export_json;
    std::string export_markdown;
    std::string time_unit;
    std::string style = "auto";
    std::string color = "auto";
    bool quiet = false;
    bool verbose = false;
    std::string shard = "1/1";
    std::string baseline;
    std::string save_baseline;
    bool allow_failed = false;
    GateOptions gate;
};

// A baseline to compare with, and what to call it.
struct LoadedBaseline
{
    core::ResultsDocument document;
    std::string label;
};

// Return the baseline named by `--baseline` (a stored name, or a results file), else the
// configured one when it exists. A named one that does not exist is an error listing those that do.
std::optional<LoadedBaseline> load_baseline(const RunOptions& options,
                                            const core::Config& config,
                                            const baselines::BaselineStore& store)
{
    const auto& name = options.baseline.empty() ? config.gate.baseline : options.baseline;
    const std::filesystem::path as_file(name);
    const bool file_like = name.find('/') != std::string::npos || as_file.extension() == ".json";
    if (file_like && std::filesystem::exists(as_file)) {
        return LoadedBaseline{runners::load_any_results(as_file), name};
    }
    if (!options.baseline.empty() || store.contains(name)) {
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
runners::Sampling make_sampling(const RunOptions& options, const core::RunSettings& run)
{
    runners::Sampling sampling;
    sampling.warmup = options.warmup.value_or(run.warmup);
    sampling.min_runs = options.min_runs.value_or(run.min_runs);
    sampling.max_runs = options.max_runs.value_or(run.max_runs);
    sampling.min_time =
        options.min_time.empty() ? run.min_time : core::parse_duration(options.min_time);
    sampling.timeout =
        options.timeout.empty() ? run.timeout : core::parse_duration(options.timeout);
    if (options.runs) {
        sampling.min_runs = sampling.max_runs = *options.runs;
        sampling.min_time = 0;
    } else if (options.min_runs && !options.max_runs) {
        sampling.max_runs = std::max(sampling.max_runs, sampling.min_runs);
    } else if (options.max_runs && !options.min_runs) {
        sampling.min_runs = std::min(sampling.min_runs, sampling.max_runs);
    }
    if (!options.precision.empty()) {
        sampling.precision = core::parse_percent(options.precision);
    }
    sampling.ignore_failure = options.ignore_failure;
    sampling.show_output = options.show_output;
    sampling.seed = std::random_device{}();
    runners::validate(sampling);
    return sampling;
}

runners::ShellChoice make_shell(const RunOptions& options)
{
    runners::ShellChoice shell;
    if (options.no_shell || options.shell == "none") {
        shell.mode = runners::ShellChoice::Mode::never;
    } else if (!options.shell.empty()) {
        shell.mode = runners::ShellChoice::Mode::always;
        shell.path = options.shell;
    }
    return shell;
}

runners::RunPlan plan(const RunOptions& options, const core::Config& config)
{
    runners::AdHocCommands ad_hoc{options.commands, options.command_names, {}};
    if (!options.parameter_scan.empty()) {
        const auto& scan = options.parameter_scan;
        ad_hoc.parameters.push_back(
            runners::scan_parameter(scan[0],
                                    parse_number(scan[1], "--parameter-scan minimum"),
                                    parse_number(scan[2], "--parameter-scan maximum"),
                                    parse_number(options.parameter_step, "--parameter-step-size")));
    }
    for (const auto& [name, values] : options.parameter_lists) {
        ad_hoc.parameters.push_back(runners::list_parameter(name, values));
    }
    return runners::make_plan(
        config, ad_hoc, options.hooks, options.filter, runners::parse_shard(options.shard));
}

reporters::ProgressStyle progress_style(const RunOptions& options)
{
    if (options.quiet || options.style == "none") {
        return reporters::ProgressStyle::none;
    }
    if (options.style == "basic" || options.style == "nocolor" ||
        !util::is_terminal(STDERR_FILENO)) {
        return reporters::ProgressStyle::lines;
    }
    return reporters::ProgressStyle::bars;
}

int run(const RunOptions& options)
{
    util::install_interrupt_handlers();
    auto color_mode = util::parse_color_mode(options.color);
    if (options.style == "nocolor" || options.style == "basic") {
        color_mode = util::ColorMode::never;
    } else if (options.style == "color") {
        color_mode = util::ColorMode::always;
    }
    const auto time_unit = options.time_unit.empty()
                               ? std::nullopt
                               : std::optional(core::time_unit_named(options.time_unit));
    const auto config = core::load_project_config(options.config);
    const auto sampling = make_sampling(options, config.run);
    const auto shell = make_shell(options);
    // Bad report options are bad input: refused before anything runs.
    static_cast<void>(reporters::parse_formats(options.gate.formats));
    static_cast<void>(reporters::load_templates(options.gate.templates));
    const core::Workspace workspace(config.root);
    const baselines::BaselineStore store(workspace.baselines_directory());
    if (!options.save_baseline.empty()) {
        baselines::BaselineStore::validate_name(options.save_baseline);
    }
    auto baseline = load_baseline(options, config, store);
    if (baseline && !options.filter.empty()) {
        // What the filter leaves out was not run, so it is not "missing".
        const runners::IdFilter filter(options.filter);
        std::erase_if(baseline->document.benchmarks, [&](const core::BenchmarkResult& result) {
            return !filter.matches(result.id);
        });
    }
    auto compare_settings =
        compare_options(options.gate, baseline ? baseline->label : "", "current");
    // Note: a run may add benchmarks or be filtered; sharing nothing with the baseline is said,
    // not refused.
    compare_settings.require_common = false;
    const auto run_plan = plan(options, config);
    if (options.verbose) {
        for (const auto& benchmark : run_plan.commands) {
            const auto [argv, used_shell] = runners::resolve_command(benchmark.command, shell);
            fmt::print(
                stderr, "perfgate: '{}' runs {}\n", benchmark.id, util::join_shell_words(argv));
        }
    }

    core::ResultsDocument document;
    document.perfgate_version = std::string(k_version);
    document.created = util::utc_now_iso8601();
    document.environment = core::capture_environment(config.root);
    reporters::ProgressDisplay progress(
        stderr, progress_style(options), util::use_color(color_mode, STDERR_FILENO));
    const runners::GoogleBenchmarkSettings google_benchmark{.repetitions =
                                                                config.discover.repetitions,
                                                            .min_time = config.discover.min_time,
                                                            .timeout = sampling.timeout};
    document.benchmarks = runners::execute(run_plan, sampling, shell, google_benchmark, progress);

    const auto run_directory = workspace.save_run(document);
    if (!options.export_json.empty()) {
        util::write_file_atomic(options.export_json,
                                reporters::to_hyperfine_json(document.benchmarks).dump(2) + "\n");
    }
    if (!options.export_markdown.empty()) {
        util::write_file_atomic(options.export_markdown,
                                reporters::to_hyperfine_markdown(document.benchmarks, time_unit));
    }

    const bool color = util::use_color(color_mode, STDOUT_FILENO);
    const bool interrupted = util::interrupt_requested();
    auto warnings = runners::context_warnings(document.benchmarks);
    int exit_code = static_cast<int>(ExitCode::passed);
    if (baseline && !interrupted) {
        auto comparison =
            baselines::compare(baseline->document, document, config, compare_settings);
        comparison.warnings.insert(comparison.warnings.end(), warnings.begin(), warnings.end());
        exit_code = present(comparison, options.gate, run_directory, color);
    } else {
        const reporters::RunTableOptions table{
            .metric = config.run.metric, .unit = time_unit, .color = color};
        fmt::print("{}", reporters::render_run_table(document.benchmarks, table));
        for (const auto& warning : warnings) {
            fmt::print("warning: {}\n", warning);
        }
        // Note: without a baseline the report files still come, every benchmark "new".
        write_report_files(baselines::compare({}, document, config, compare_settings),
                           options.gate,
                           run_directory);
        if (!baseline && !interrupted) {
            fmt::print(
                "no baseline '{}' to compare with yet; save one with 'perfgate baseline save {}'\n",
                config.gate.baseline,
                config.gate.baseline);
        }
    }
    fmt::print("{}", reporters::render_shell_notes(document.benchmarks));
    std::fflush(stdout);
    if (!options.quiet) {
        fmt::print(stderr, "results: {}\n", (run_directory / "results.json").string());
    }

    int broken = 0;
    for (const auto& result : document.benchmarks) {
        if (result.status != core::Status::ok && result.status != core::Status::interrupted) {
            fmt::print(stderr,
                       "perfgate: error: benchmark '{}' {}: {}\n",
                       result.id,
                       result.status == core::Status::timeout ? "timed out"
                                                              : core::to_string(result.status),
                       result.message);
            ++broken;
        }
    }
    if (!options.save_baseline.empty()) {
        try {
            save_checked(store, options.save_baseline, document, options.allow_failed);
            fmt::print(stderr, "saved as baseline '{}'\n", options.save_baseline);
        } catch (const Error& error) {
            fmt::print(stderr, "perfgate: error: {}\n", error.what());
            exit_code = std::max(exit_code, static_cast<int>(error.code()));
        }
    }
    if (interrupted) {
        fmt::print(
            stderr, "perfgate: interrupted; partial results are in {}\n", run_directory.string());
        return static_cast<int>(ExitCode::interrupted);
    }
    // Note: a broken run (3) outranks a failed gate (1): it must never look like a regression.
    return broken > 0 ? static_cast<int>(ExitCode::measurement) : exit_code;
}

} // namespace

Handler setup_run(CLI::App& app)
{
    auto options = std::make_shared<RunOptions>();
    auto& o = *options;
    app.add_option("commands", o.commands, "Commands to benchmark (default: perfgate.toml's)");
    app.add_option(
        "--config", o.config, "Configuration file (default: perfgate.toml found upwards)");
    app.add_option("--filter", o.filter, "Only benchmarks whose id matches this regex");
    app.add_option("-w,--warmup", o.warmup, "Runs before measuring, not counted (default 1)");
    app.add_option("-r,--runs", o.runs, "Exactly this many measured runs");
    app.add_option("-m,--min-runs", o.min_runs, "At least this many measured runs (default 10)");
    app.add_option("-M,--max-runs", o.max_runs, "At most this many measured runs (default 500)");
    app.add_option(
        "--min-time", o.min_time, "Keep sampling until this much measured time (default 3s)");
    app.add_option(
        "--timeout", o.timeout, "Kill a run (and its process group) after this long (default 5m)");
    app.add_option(
        "--precision", o.precision, "Stop once the median's 95% interval is this tight, e.g. 2%");
    app.add_option("-s,--setup", o.hooks.setup, "Run once before each benchmark's runs");
    // Note: repeatable options take one value per occurrence, so they cannot swallow commands.
    app.add_option(
           "-p,--prepare", o.hooks.prepare, "Run before every run (once, or once per command)")
        ->allow_extra_args(false);
    app.add_option(
           "-c,--conclude", o.hooks.conclude, "Run after every run (once, or once per command)")
        ->allow_extra_args(false);
    app.add_option("-C,--cleanup", o.hooks.cleanup, "Run once after each benchmark's runs");
    app.add_option("-S,--shell", o.shell, "Run command strings under this shell ('none': never)");
    app.add_flag("-N", o.no_shell, "Never use a shell: split command strings into words");
    app.add_flag(
        "-i,--ignore-failure", o.ignore_failure, "Do not fail on non-zero exits or crashes");
    app.add_option("-n,--command-name", o.command_names, "Name of a command (once per command)")
        ->allow_extra_args(false);
    app.add_option(
           "-P,--parameter-scan", o.parameter_scan, "Scan NAME from MIN to MAX: {NAME} in commands")
        ->expected(3)
        ->allow_extra_args(false)
        ->type_name("NAME MIN MAX");
    app.add_option(
        "-D,--parameter-step-size", o.parameter_step, "Step of --parameter-scan (default 1)");
    app.add_option("-L,--parameter-list", o.parameter_lists, "NAME a,b,c: one benchmark per value")
        ->allow_extra_args(false)
        ->type_name("NAME VALUES");
    app.add_flag("--show-output", o.show_output, "Let the commands' output through");
    app.add_option("--export-json", o.export_json, "Also write hyperfine's JSON schema to FILE");
    app.add_option(
        "--export-markdown", o.export_markdown, "Also write a hyperfine-style Markdown table");
    app.add_option("-u,--time-unit", o.time_unit, "Time unit: microsecond, millisecond or second")
        ->check(CLI::IsMember({"microsecond", "millisecond", "second"}));
    app.add_option("--style", o.style, "Output style: auto, basic, full, nocolor, color or none")
        ->check(CLI::IsMember({"auto", "basic", "full", "nocolor", "color", "none"}));
    app.add_option("--color", o.color, "Colour: auto, always or never (NO_COLOR is honoured)")
        ->check(CLI::IsMember({"auto", "always", "never"}));
    app.add_flag("-q,--quiet", o.quiet, "No progress output");
    app.add_flag("-v,--verbose", o.verbose, "Say what runs");
    app.add_option("--shard",
                   o.shard,
                   "Run part I of N of the benchmarks (I/N, e.g. 2/4); see 'perfgate merge'");
    app.add_option("--baseline",
                   o.baseline,
                   "Compare with this baseline name or results file (default: [gate].baseline)");
    app.add_option("--save-baseline", o.save_baseline, "Store this run as baseline NAME");
    app.add_flag(
        "--allow-failed", o.allow_failed, "With --save-baseline: save even when benchmarks failed");
    add_gate_options(app, o.gate);
    return [options] { return run(*options); };
}

} // namespace perfgate::cli
