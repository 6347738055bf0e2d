#include <core/config_section.hpp>

#include <filesystem>

namespace perfgate::core {
namespace config_reading {
namespace {

// Return the name a benchmark gets when it has none: the command line, or for a Google
// Benchmark program its file stem, as for a discovered one (docs/formats.md).
std::string default_name(const BenchmarkConfig& benchmark)
{
    if (benchmark.kind == BenchmarkKind::google_benchmark) {
        std::string program = benchmark.command_string
                                  ? benchmark.command_string->substr(
                                        0, benchmark.command_string->find_first_of(" \t"))
                                  : benchmark.argv.front();
        return std::filesystem::path(program).stem().string();
    }
    return benchmark.command_string ? *benchmark.command_string
                                    : fmt::format("{}", fmt::join(benchmark.argv, " "));
}

// A harness entry runs its command once and reads what it wrote: it needs a name (the prefix of
// its ids) and has no per-run hooks.
void check_harness(const Section& section, const BenchmarkConfig& benchmark)
{
    const auto kind = name_of(k_benchmark_kind_names, benchmark.kind);
    for (std::string_view hook : {"setup", "prepare", "conclude", "cleanup"}) {
        if (section.find(hook) != nullptr) {
            section.fail(section.where(hook),
                         "'{}' in [[benchmark]] applies to commands; a benchmark of kind '{}' "
                         "runs its command once",
                         hook,
                         kind);
        }
    }
    if (section.find("name") == nullptr) {
        section.fail(section.where(),
                     "[[benchmark]] of kind '{}' needs a 'name': its results are named "
                     "NAME/<id>",
                     kind);
    }
}

// Read the `budget` shorthand: a ceiling on wall time.
void read_budget_shorthand(const Section& section, BenchmarkConfig& benchmark)
{
    auto budget = section.quantity("budget");
    if (!budget) {
        return;
    }
    if (budget->kind != QuantityKind::time && budget->kind != QuantityKind::number) {
        section.fail(section.where("budget"),
                     "'budget' in [[benchmark]] is a ceiling on wall time, and '{}' is {}: "
                     "limit other metrics with a [[budget]] that names its 'metric' (such as "
                     "metric = \"peak_rss\")",
                     budget->text,
                     core::describe(budget->kind));
    }
    section.rethrow_at("budget", [&] { return check_duration(budget->value, budget->text); });
    if (budget->value == 0) {
        section.fail(section.where("budget"),
                     "'budget' in [[benchmark]] must be greater than zero");
    }
    benchmark.budget = budget->value;
    benchmark.budget_text = budget->text;
    benchmark.budget_line = static_cast<int>(section.where("budget").begin.line);
}

} // namespace

BenchmarkConfig read_benchmark(const Section& section)
{
    BenchmarkConfig benchmark;
    benchmark.line = section.line();
    assign(benchmark.kind, section.named("kind", k_benchmark_kind_names));
    const toml::node* command = section.find("command");
    if (command == nullptr) {
        section.fail(section.where(),
                     "[[benchmark]] needs a 'command': an array of arguments or one string");
    }
    if (command->is_string()) {
        benchmark.command_string = section.string("command");
    } else if (command->is_array()) {
        benchmark.argv = *section.strings("command");
        if (benchmark.argv.empty() || benchmark.argv.front().empty()) {
            section.fail(command->source(), "'command' in [[benchmark]] must name a program");
        }
    } else {
        section.fail_type("command", "an array of strings or a string");
    }
    assign(benchmark.setup, section.string("setup"));
    assign(benchmark.prepare, section.string("prepare"));
    assign(benchmark.conclude, section.string("conclude"));
    assign(benchmark.cleanup, section.string("cleanup"));
    assign(benchmark.metric, section.string("metric"));
    read_budget_shorthand(section, benchmark);
    assign(benchmark.budget_statistic, section.choice("budget_statistic", k_statistic_names));
    assign(benchmark.timeout, section.duration("timeout", Zero::rejected));
    benchmark.thresholds = section.thresholds();
    section.check_increasing(benchmark.thresholds);
    if (is_harness(benchmark.kind)) {
        check_harness(section, benchmark);
    } else if (benchmark.timeout) {
        section.fail(section.where("timeout"),
                     "'timeout' in [[benchmark]] is for kinds criterion, pytest-benchmark and "
                     "samples; [run].timeout limits each run of a command or program");
    }
    benchmark.name = section.string("name").value_or(default_name(benchmark));
    return benchmark;
}

} // namespace config_reading

bool is_harness(BenchmarkKind kind)
{
    return kind == BenchmarkKind::criterion || kind == BenchmarkKind::pytest_benchmark ||
           kind == BenchmarkKind::samples;
}

} // namespace perfgate::core
