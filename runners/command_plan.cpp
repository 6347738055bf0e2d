#include <runners/command_plan.hpp>
#include <runners/id_filter.hpp>
#include <util/error.hpp>
#include <util/shell_words.hpp>

#include <fmt/format.h>

#include <limits>

namespace perfgate::runners {
namespace {

// Return hook `i` of a list given once for all or once per command.
std::optional<std::string> pick(const std::vector<std::string>& hooks,
                                std::size_t i,
                                std::size_t commands,
                                std::string_view flag)
{
    if (hooks.empty()) {
        return std::nullopt;
    }
    if (hooks.size() != 1 && hooks.size() != commands) {
        fail(ExitCode::usage,
             "{} was given {} times for {} commands: give it once, or once per command",
             flag,
             hooks.size(),
             commands);
    }
    return hooks.size() == 1 ? hooks.front() : hooks[i];
}

std::optional<CommandLine> as_line(const std::optional<std::string>& text,
                                   const std::map<std::string, std::string>& values = {})
{
    if (!text) {
        return std::nullopt;
    }
    return CommandLine{{}, substitute(*text, values)};
}

// Return "'NAME' (N values)" for each parameter.
std::vector<std::string> parameter_sizes(const std::vector<Parameter>& parameters)
{
    std::vector<std::string> sizes;
    sizes.reserve(parameters.size());
    for (const auto& parameter : parameters) {
        sizes.push_back(fmt::format("'{}' ({} values)", parameter.name, parameter.values.size()));
    }
    return sizes;
}

} // namespace

std::vector<CommandBenchmark> plan_ad_hoc(const AdHocCommands& commands, const Hooks& hooks)
{
    const auto count = commands.commands.size();
    if (!commands.names.empty() && commands.names.size() != count) {
        fail(ExitCode::usage,
             "--command-name was given {} times for {} commands",
             commands.names.size(),
             count);
    }
    // Note: counted before anything is built, so that a huge plan is refused at once.
    if (const auto planned = count_benchmarks(commands.parameters, count);
        !commands.parameters.empty() && planned > k_max_parameter_benchmarks) {
        fail(ExitCode::usage,
             "{} command(s) × {} would make {} benchmarks; at most {} can come from parameters",
             count,
             fmt::join(parameter_sizes(commands.parameters), " × "),
             planned == std::numeric_limits<std::size_t>::max() ? "too many"
                                                                : std::to_string(planned),
             k_max_parameter_benchmarks);
    }
    std::vector<CommandBenchmark> benchmarks;
    for (const auto& values : combinations(commands.parameters)) {
        for (std::size_t i = 0; i < count; ++i) {
            CommandBenchmark benchmark;
            benchmark.command = {{}, substitute(commands.commands[i], values)};
            benchmark.id = commands.names.empty() ? benchmark.command.text
                                                  : substitute(commands.names[i], values);
            benchmark.setup = as_line(hooks.setup, values);
            benchmark.prepare = as_line(pick(hooks.prepare, i, count, "--prepare"), values);
            benchmark.conclude = as_line(pick(hooks.conclude, i, count, "--conclude"), values);
            benchmark.cleanup = as_line(hooks.cleanup, values);
            benchmark.parameters = values;
            benchmarks.push_back(std::move(benchmark));
        }
    }
    return benchmarks;
}

std::vector<CommandBenchmark> plan_configured(const core::Config& config, const Hooks& hooks)
{
    std::vector<CommandBenchmark> benchmarks;
    std::size_t count = 0;
    for (const auto& entry : config.benchmarks) {
        count += entry.kind == core::BenchmarkKind::command ? 1 : 0;
    }
    std::size_t i = 0;
    for (const auto& entry : config.benchmarks) {
        if (entry.kind != core::BenchmarkKind::command) {
            continue;
        }
        CommandBenchmark benchmark;
        benchmark.id = entry.name;
        benchmark.command = {entry.argv, entry.command_string.value_or("")};
        benchmark.setup = as_line(hooks.setup ? hooks.setup : entry.setup);
        benchmark.prepare = as_line(
            hooks.prepare.empty() ? entry.prepare : pick(hooks.prepare, i, count, "--prepare"));
        benchmark.conclude = as_line(
            hooks.conclude.empty() ? entry.conclude : pick(hooks.conclude, i, count, "--conclude"));
        benchmark.cleanup = as_line(hooks.cleanup ? hooks.cleanup : entry.cleanup);
        benchmark.working_directory = config.root.string();
        benchmarks.push_back(std::move(benchmark));
        ++i;
    }
    return benchmarks;
}

std::vector<CommandBenchmark> filter_benchmarks(std::vector<CommandBenchmark> benchmarks,
                                                const std::string& pattern)
{
    const IdFilter filter(pattern);
    std::erase_if(benchmarks, [&](const CommandBenchmark& b) { return !filter.matches(b.id); });
    return benchmarks;
}

} // namespace perfgate::runners
