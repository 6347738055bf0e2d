#include <cli/commands.hpp>
#include <cli/gate_options.hpp>
#include <cli/run_pipeline.hpp>

#include <memory>

namespace perfgate::cli {

Handler setup_run(CLI::App& app)
{
    auto request = std::make_shared<RunRequest>();
    auto& o = *request;
    app.add_option("commands", o.commands, "Commands to benchmark (default: perfgate.toml's)");
    add_config_option(app, o.config);
    app.add_option("--filter", o.filter, "Only benchmarks whose id matches this regex");
    app.add_option("--profile",
                   o.profile,
                   "Sample as [profile.NAME] of perfgate.toml says (runs, launches, filter, ...)");
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
           "-C,--conclude", o.hooks.conclude, "Run after every run (once, or once per command)")
        ->allow_extra_args(false);
    app.add_option("-c,--cleanup", o.hooks.cleanup, "Run once after each benchmark's runs");
    app.add_option("-S,--shell",
                   o.shell,
                   "Run command strings under this shell, with its arguments ('bash --norc'; "
                   "'none': never)");
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
    app.add_option("--output",
                   o.output,
                   "The commands' stdout: null (default), pipe (read and dropped), inherit, or "
                   "a FILE (rewritten every run); report files go to --report-dir");
    app.add_option("--input", o.input, "The commands' stdin: null (default) or a FILE");
    app.add_option("--export-json", o.export_json, "Also write hyperfine's JSON schema to FILE");
    app.add_option(
        "--export-markdown", o.export_markdown, "Also write a hyperfine-style Markdown table");
    app.add_option("--export-csv", o.export_csv, "Also write hyperfine's CSV summary to FILE");
    app.add_option(
        "--export-asciidoc", o.export_asciidoc, "Also write a hyperfine-style AsciiDoc table");
    app.add_option(
        "--export-orgmode", o.export_orgmode, "Also write a hyperfine-style Emacs org-mode table");
    app.add_option("--sort",
                   o.sort,
                   "Order of the table and exports: auto (table by speed, exports as given), "
                   "command or mean-time")
        ->check(CLI::IsMember({"auto", "command", "mean-time"}));
    app.add_option("-u,--time-unit", o.time_unit, "Time unit: microsecond, millisecond or second")
        ->check(CLI::IsMember({"microsecond", "millisecond", "second"}));
    app.add_option("--style", o.style, "Output style: auto, basic, full, nocolor, color or none")
        ->check(CLI::IsMember({"auto", "basic", "full", "nocolor", "color", "none"}));
    app.add_flag("-q,--quiet", o.quiet, "No progress output");
    app.add_flag("-v,--verbose", o.verbose, "Say what runs");
    app.add_option("--shard",
                   o.shard,
                   "Run part I of N of the benchmarks (I/N, e.g. 2/4); see 'perfgate merge'");
    app.add_option("--baseline",
                   o.baseline,
                   "Compare with this baseline name or results file (default: [gate].baseline)");
    app.add_option("--save-baseline", o.save_baseline, "Store this run as baseline NAME");
    app.add_option("--against",
                   o.against,
                   "Interleave with the same benchmarks in another checkout (the base) and judge "
                   "the paired rounds");
    app.add_option(
        "--reference",
        o.reference,
        "Interleave every command with this reference command and judge each against it");
    app.add_option("--max-time",
                   o.max_time,
                   "With --against/--reference: stop adding rounds after this long (default 5m)");
    app.add_option("--expect-speedup",
                   o.expect_speedup,
                   "With --reference: each command must be at least this much faster, e.g. 1.5x");
    app.add_flag(
        "--allow-failed", o.allow_failed, "With --save-baseline: save even when benchmarks failed");
    add_gate_options(app, o.gate);
    add_report_options(app, o.report);
    return [request] { return run_pipeline(*request); };
}

} // namespace perfgate::cli
