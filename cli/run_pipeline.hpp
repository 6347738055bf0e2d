#pragma once

#include <cli/present.hpp>
#include <runners/command_plan.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace perfgate::cli {

// Everything `perfgate run` was asked to do, as the user wrote it; the pipeline parses and
// checks the values, so that every caller gets the same errors.
struct RunRequest
{
    std::vector<std::string> commands; // ad-hoc commands; empty: the configured benchmarks
    std::string config;                // perfgate.toml; empty: found upwards
    std::string filter;                // regex on ids; empty: the profile's
    std::string profile;               // a [profile.NAME] of the configuration
    std::optional<int> warmup;
    std::optional<int> runs;
    std::optional<int> min_runs;
    std::optional<int> max_runs;
    std::string min_time;
    std::string timeout;
    std::string precision;
    runners::Hooks hooks;
    std::string shell; // "none": never
    bool no_shell = false;
    bool ignore_failure = false;
    std::vector<std::string> command_names;
    std::vector<std::string> parameter_scan; // NAME MIN MAX
    std::string parameter_step = "1";
    std::vector<std::pair<std::string, std::string>> parameter_lists; // NAME VALUES
    bool show_output = false;
    std::string output; // hyperfine's --output: null, pipe, inherit or a file; empty: null
    std::string input;  // hyperfine's --input: null or a file; empty: null
    std::string export_json;
    std::string export_markdown;
    std::string export_csv;
    std::string export_asciidoc;
    std::string export_orgmode;
    std::string sort = "auto"; // auto, command or mean-time
    std::string time_unit;
    std::string style = "auto";
    bool quiet = false;
    bool verbose = false;
    std::string shard = "1/1";
    std::string baseline;       // a name, a results file, or "last"; empty: [gate].baseline
    std::string against;        // the root of the base checkout: interleaved base and head
    std::string reference;      // a reference command every other command is judged against
    std::string max_time;       // interleaved rounds stop after this long (default 5m)
    std::string expect_speedup; // with `reference`: each command at least this many times faster
    std::string save_baseline;  // store this run as that baseline
    bool allow_failed = false;
    GateRequest gate;
    ReportRequest report;
};

// Run the benchmarks of `request`, save the results (and the baseline asked for), compare them
// with the baseline, report and return the exit code: 130 when interrupted, 3 when a benchmark
// could not be measured, else what the gate decided. With `against` (or `reference`) the base
// checkout's benchmarks (or the reference command) run in interleaved rounds with the current
// ones until each is decided or `max_time` runs out, and are judged on the paired rounds. Bad
// input throws Error(usage) before anything runs.
int run_pipeline(RunRequest request);

} // namespace perfgate::cli
