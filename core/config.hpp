#pragma once

#include <core/names.hpp>
#include <core/results.hpp>
#include <core/units.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace perfgate::core {

// The name of the configuration file, looked up like `.clang-format`.
inline constexpr std::string_view k_config_file_name = "perfgate.toml";

// `[run]`: how commands are sampled (durations in seconds).
struct RunSettings
{
    int warmup = 1;
    int min_runs = 10;
    int max_runs = 500;
    double min_time = 3.0;
    double timeout = 300.0;
    std::string metric = "auto"; // the gated metric; "auto": chosen per benchmark
};

// Regression severities, in increasing order.
enum class Level { none, warning, critical, blocker };

inline constexpr NameTable<Level, 4> k_level_names{{{Level::none, "none"},
                                                    {Level::warning, "warning"},
                                                    {Level::critical, "critical"},
                                                    {Level::blocker, "blocker"}}};

// The level at which the gate fails; `never` disables it.
enum class FailOn { warning, critical, blocker, never };

inline constexpr NameTable<FailOn, 4> k_fail_on_names{{{FailOn::warning, "warning"},
                                                       {FailOn::critical, "critical"},
                                                       {FailOn::blocker, "blocker"},
                                                       {FailOn::never, "never"}}};

// Relative thresholds (fractions: 0.15 for "15%"); unset means "inherit". A negative threshold
// is a required improvement ("-30%": at least 30% better than the baseline).
struct Thresholds
{
    std::optional<double> warning;
    std::optional<double> critical;
    std::optional<double> blocker;
};

// What an inconclusive verdict on a gated metric does to the gate.
enum class InconclusivePolicy { pass, warn, fail };

inline constexpr NameTable<InconclusivePolicy, 3> k_inconclusive_names{
    {{InconclusivePolicy::pass, "pass"},
     {InconclusivePolicy::warn, "warn"},
     {InconclusivePolicy::fail, "fail"}}};

// `[gate]`: how a comparison is judged.
struct GateSettings
{
    std::string baseline = "main";
    double warning = 0.15;
    double critical = 0.30;
    double blocker = 0.50;
    FailOn fail_on = FailOn::blocker;
    double alpha = 0.05;
    double noise = 0.01;
    double guard = 0.15; // a guard regresses only when at least this much slower (lower bound)
    InconclusivePolicy inconclusive = InconclusivePolicy::warn;
};

// `[discover]`: where Google Benchmark executables are looked for.
struct DiscoverSettings
{
    std::vector<std::string> paths{"build"};
    std::vector<std::string> include{"*_bench", "*_benchmark", "bench_*"};
    std::vector<std::string> exclude;
    int launches = 5;    // separate launches of each program: the independent samples
    int repetitions = 3; // Google Benchmark repetitions per launch
    double min_time = 0.1;
    double probe_timeout = 5.0; // seconds for `--benchmark_list_tests`
    bool reuse_listings = true; // false: list every program again (`perfgate list` does)
};

// What runs a `[[benchmark]]`: perfgate's command runner, a Google Benchmark program, or a
// command whose harness writes the results (criterion, pytest-benchmark, perfgate-samples/1).
enum class BenchmarkKind { command, google_benchmark, criterion, pytest_benchmark, samples };

inline constexpr NameTable<BenchmarkKind, 5> k_benchmark_kind_names{
    {{BenchmarkKind::command, "command"},
     {BenchmarkKind::google_benchmark, "google-benchmark"},
     {BenchmarkKind::criterion, "criterion"},
     {BenchmarkKind::pytest_benchmark, "pytest-benchmark"},
     {BenchmarkKind::samples, "samples"}}};

// True for the kinds whose command runs once and writes results that perfgate reads.
bool is_harness(BenchmarkKind kind);

// One `[[benchmark]]` entry.
struct BenchmarkConfig
{
    std::string name; // defaults to the command line (a Google Benchmark entry: its file stem)
    BenchmarkKind kind = BenchmarkKind::command;
    std::vector<std::string> argv;             // set when `command` is an array
    std::optional<std::string> command_string; // set when `command` is a string
    std::optional<std::string> setup;
    std::optional<std::string> prepare;
    std::optional<std::string> conclude;
    std::optional<std::string> cleanup;
    std::optional<std::string> metric;
    std::optional<double> timeout; // harness kinds: seconds for the whole command, else [run]'s
    std::optional<double> budget;  // seconds: a ceiling on `budget_statistic` of its wall time
    std::string budget_text;       // as written
    int budget_line = 0;
    std::string budget_statistic = "median";
    Thresholds thresholds;
    int line = 0; // where the entry starts in the file
};

// One `[[policy]]`: thresholds for benchmarks whose id matches `match` (a glob), and what its
// `metrics` mean: their direction and unit.
struct Policy
{
    std::string match;
    std::vector<std::string> metrics; // empty: every metric
    Thresholds thresholds;
    std::optional<Better> better;    // set: the direction of `metrics`
    std::optional<std::string> unit; // set: the unit of `metrics` that have none
    int line = 0;
};

// One absolute budget: a `[[budget]]`, or the `budget` shorthand of a `[[benchmark]]`.
struct BudgetConfig
{
    std::string match;                 // a glob on ids; empty for a shorthand
    std::string benchmark;             // a shorthand: the name of its `[[benchmark]]`
    std::optional<std::string> metric; // unset: the wall time (`wall`, or `real_time`)
    std::string statistic = "median";  // one of k_statistic_names
    std::optional<Quantity> max;       // a ceiling
    std::optional<Quantity> min;       // a floor
    Level level = Level::blocker;      // what a breach counts as
    double warn_headroom = 0;          // closer than this fraction to a limit is a warning; 0: no
    int line = 0;
};

// One `[profile.NAME]`: sampling settings that `--profile NAME` puts over `[run]` and
// `[discover]` (durations in seconds).
struct Profile
{
    std::string name;
    std::optional<int> warmup;
    std::optional<int> min_runs;
    std::optional<int> max_runs;
    std::optional<double> min_time;
    std::optional<double> timeout;
    std::optional<int> launches;
    std::optional<int> repetitions;
    std::optional<double> benchmark_min_time; // [discover].min_time
    std::optional<std::string> filter;        // a regex on ids, as `--filter`
    int line = 0;
};

// The report formats of `--format` and `[report].formats` (README, "Reports").
enum class ReportFormat { console, markdown, html, json, junit };

inline constexpr NameTable<ReportFormat, 5> k_report_format_names{
    {{ReportFormat::console, "console"},
     {ReportFormat::markdown, "markdown"},
     {ReportFormat::html, "html"},
     {ReportFormat::json, "json"},
     {ReportFormat::junit, "junit"}}};

// Parse a comma-separated list of formats such as "console,markdown", without repeats; throws
// Error(usage) naming an unknown format and the known ones.
std::vector<ReportFormat> parse_report_formats(std::string_view list);

// `[report]`: what reports show unless the command line says otherwise.
struct ReportSettings
{
    std::vector<std::string> formats; // as `--format`; empty: console
    std::vector<std::string> stats;   // as `--stats`: statistics shown as extra columns
};

// The whole configuration; defaults everywhere when there is no file.
struct Config
{
    std::optional<std::filesystem::path> file; // the file it came from
    std::string origin = "perfgate.toml";      // how errors name it
    std::filesystem::path root;                // its directory (or the working directory)
    RunSettings run;
    GateSettings gate;
    DiscoverSettings discover;
    std::vector<BenchmarkConfig> benchmarks;
    std::vector<Policy> policies;
    std::vector<BudgetConfig> budgets; // `[[budget]]` entries, then the shorthands
    std::vector<Profile> profiles;
    ReportSettings report;
};

// Return the first perfgate.toml in `start` or one of its parents.
std::optional<std::filesystem::path> find_config(const std::filesystem::path& start);

// Parse perfgate.toml text. Syntax errors, unknown keys, wrong types and invalid values throw
// Error(usage) as "ORIGIN:LINE:COLUMN: <what is wrong with which key>".
Config parse_config(std::string_view text, const std::string& origin);

// Read and parse `file`; `root` becomes its directory.
Config load_config(const std::filesystem::path& file);

// Return where `line` of `config`'s file is, as errors name it: "FILE:LINE".
std::string config_location(const Config& config, int line);

// Put profile `name` over `config`'s `[run]` and `[discover]` and return its filter (empty when
// it sets none). Throws Error(usage) naming the defined profiles when there is no such profile.
std::string apply_profile(Config& config, std::string_view name);

// Parse a comma-separated list of statistics ("p50,p95,p99"); throws Error(usage) naming an
// unknown one and the known ones.
std::vector<std::string> parse_statistics(std::string_view list);

// Parse "warning", "critical", "blocker" or "never"; throws Error(usage) otherwise.
FailOn parse_fail_on(std::string_view text);

std::string_view to_string(Level level);
std::string_view to_string(FailOn fail_on);
std::string_view to_string(InconclusivePolicy policy);

} // namespace perfgate::core

namespace perfgate::core {

// Load `explicit_file` when given, else the perfgate.toml found from the working directory,
// else the defaults with `root` = the working directory.
Config load_project_config(const std::string& explicit_file);

} // namespace perfgate::core
