#pragma once

#include <core/config.hpp>
#include <runners/command_runner.hpp>
#include <runners/parameters.hpp>

#include <optional>
#include <string>
#include <vector>

namespace perfgate::runners {

// Hooks given on the command line: one for all benchmarks, or (prepare, conclude) one each.
struct Hooks
{
    std::optional<std::string> setup;
    std::vector<std::string> prepare;
    std::vector<std::string> conclude;
    std::optional<std::string> cleanup;
};

// Commands given on the command line (`perfgate run 'cmd1' 'cmd2'`).
struct AdHocCommands
{
    std::vector<std::string> commands;
    std::vector<std::string> names; // `--command-name`, one per command (may use `{param}`)
    std::vector<Parameter> parameters;
};

// Return one benchmark per command and parameter combination, named by `--command-name` or the
// command line with the values substituted. Throws Error(usage) for mismatched counts.
std::vector<CommandBenchmark> plan_ad_hoc(const AdHocCommands& commands, const Hooks& hooks);

// Return the `[[benchmark]]` command entries of `config`; hooks given on the command line
// replace the file's.
std::vector<CommandBenchmark> plan_configured(const core::Config& config, const Hooks& hooks);

// Keep the benchmarks whose id matches the ECMAScript regex `pattern` anywhere.
// Throws Error(usage) for an invalid pattern.
std::vector<CommandBenchmark> filter_benchmarks(std::vector<CommandBenchmark> benchmarks,
                                                const std::string& pattern);

} // namespace perfgate::runners
