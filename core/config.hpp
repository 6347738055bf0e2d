#pragma once

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

// The level at which the gate fails; `never` disables it.
enum class FailOn { warning, critical, blocker, never };

// Relative thresholds (fractions: 0.15 for "15%"); unset means "inherit".
struct Thresholds
{
    std::optional<double> warning;
    std::optional<double> critical;
    std::optional<double> blocker;
};

// What an inconclusive verdict on a gated metric does to the gate.
enum class InconclusivePolicy { pass, warn, fail };

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
    double guard = 0.10; // a guard regresses only when at least this much slower (lower bound)
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
};

// What runs a `[[benchmark]]`: perfgate's command runner, a Google Benchmark program, or a
// command whose harness writes the results (criterion, pytest-benchmark, perfgate-samples/1).
enum class BenchmarkKind { command, google_benchmark, criterion, pytest_benchmark, samples };

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
    std::optional<double> budget;  // absolute limit on `budget_statistic`, in the metric's unit
    std::string budget_statistic = "median";
    Thresholds thresholds;
    int line = 0; // where the entry starts in the file
};

// One `[[policy]]`: thresholds for benchmarks whose id matches `match` (a glob).
struct Policy
{
    std::string match;
    std::vector<std::string> metrics; // empty: every metric
    Thresholds thresholds;
    int line = 0;
};

// The whole configuration; defaults everywhere when there is no file.
struct Config
{
    std::optional<std::filesystem::path> file; // the file it came from
    std::filesystem::path root;                // its directory (or the working directory)
    RunSettings run;
    GateSettings gate;
    DiscoverSettings discover;
    std::vector<BenchmarkConfig> benchmarks;
    std::vector<Policy> policies;
};

// Return the first perfgate.toml in `start` or one of its parents.
std::optional<std::filesystem::path> find_config(const std::filesystem::path& start);

// Parse perfgate.toml text. Syntax errors, unknown keys, wrong types and invalid values throw
// Error(usage) as "ORIGIN:LINE:COLUMN: <what is wrong with which key>".
Config parse_config(std::string_view text, const std::string& origin);

// Read and parse `file`; `root` becomes its directory.
Config load_config(const std::filesystem::path& file);

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
