#include <core/config.hpp>
#include <core/units.hpp>
#include <util/error.hpp>
#include <util/file.hpp>

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <climits>
#include <cmath>
#include <initializer_list>
#include <map>
#include <utility>

namespace perfgate::core {
namespace {

using Keys = std::initializer_list<std::string_view>;

// Zero is not a meaningful timeout or budget, but is a valid minimum time.
enum class Zero { allowed, rejected };

constexpr std::array<std::pair<std::string_view, FailOn>, 4> k_fail_on_names{{
    {"warning", FailOn::warning},
    {"critical", FailOn::critical},
    {"blocker", FailOn::blocker},
    {"never", FailOn::never},
}};

const Keys k_benchmark_keys = {"name",
                               "kind",
                               "command",
                               "setup",
                               "prepare",
                               "conclude",
                               "cleanup",
                               "metric",
                               "timeout",
                               "budget",
                               "budget_statistic",
                               "warning",
                               "critical",
                               "blocker"};

const Keys k_kind_names = {
    "command", "google-benchmark", "criterion", "pytest-benchmark", "samples"};

// Return the kind called `name`, one of k_kind_names.
BenchmarkKind kind_named(std::string_view name)
{
    constexpr std::array<std::pair<std::string_view, BenchmarkKind>, 5> k_kinds{{
        {"command", BenchmarkKind::command},
        {"google-benchmark", BenchmarkKind::google_benchmark},
        {"criterion", BenchmarkKind::criterion},
        {"pytest-benchmark", BenchmarkKind::pytest_benchmark},
        {"samples", BenchmarkKind::samples},
    }};
    for (const auto& [candidate, kind] : k_kinds) {
        if (candidate == name) {
            return kind;
        }
    }
    return BenchmarkKind::command;
}

const Keys k_statistics = {"mean", "median", "p50", "p90", "p95", "p99", "min", "max"};

const Keys k_formats = {"console", "markdown", "html", "json", "junit"};

const Keys k_budget_keys = {"match", "metric", "statistic", "max", "min", "level", "warn_headroom"};

const Keys k_profile_keys = {"warmup",
                             "min_runs",
                             "max_runs",
                             "min_time",
                             "timeout",
                             "launches",
                             "repetitions",
                             "benchmark_min_time",
                             "filter"};

const Keys k_units = {"s", "ms", "us", "ns", "B", "B/s", "1/s", "%", ""};

// Return "a, b or c".
std::string join_choices(Keys choices)
{
    std::string text;
    std::size_t index = 0;
    for (std::string_view choice : choices) {
        if (index > 0) {
            text += index + 1 == choices.size() ? " or " : ", ";
        }
        text += choice;
        ++index;
    }
    return text;
}

// Return the type of `node` as an error message names it ("an integer").
std::string_view describe(const toml::node& node)
{
    // Indexed by toml::node_type.
    constexpr std::array<std::string_view, 10> k_names{"nothing",
                                                       "a table",
                                                       "an array",
                                                       "a string",
                                                       "an integer",
                                                       "a float",
                                                       "a boolean",
                                                       "a date",
                                                       "a time",
                                                       "a date-time"};
    return k_names.at(static_cast<std::size_t>(node.type()));
}

// Throw Error(usage) with the message prefixed by "ORIGIN:LINE:COLUMN: " of `where`.
template <typename... Args>
[[noreturn]] void fail_at(const std::string& origin,
                          const toml::source_region& where,
                          fmt::format_string<Args...> format,
                          Args&&... args)
{
    fail(ExitCode::usage,
         "{}:{}:{}: {}",
         origin,
         where.begin.line,
         where.begin.column,
         fmt::format(format, std::forward<Args>(args)...));
}

// One table of the file, named in messages as the user wrote it ("[run]", "[[benchmark]]").
class Section
{
public:
    Section(const toml::table& table, std::string name, const std::string& origin)
        : m_table(table), m_name(std::move(name)), m_origin(origin)
    {}

    int line() const { return static_cast<int>(m_table.source().begin.line); }
    const toml::node* find(std::string_view key) const { return m_table.get(key); }

    // Return where `key` is, or where the table starts when the key is not set.
    const toml::source_region& where(std::string_view key = {}) const
    {
        const toml::node* node = key.empty() ? nullptr : find(key);
        return node != nullptr ? node->source() : m_table.source();
    }

    template <typename... Args>
    [[noreturn]] void
    fail(const toml::source_region& where, fmt::format_string<Args...> format, Args&&... args) const
    {
        fail_at(m_origin, where, format, std::forward<Args>(args)...);
    }

    // Fail on the first key of the table that is not `allowed`.
    void check_keys(Keys allowed) const
    {
        for (const auto& [key, node] : m_table) {
            if (std::find(allowed.begin(), allowed.end(), key.str()) == allowed.end()) {
                fail(key.source(), "unknown key '{}' in {}", key.str(), m_name);
            }
        }
    }

    // Return how messages name `key`: "'min_runs' in [run]".
    std::string quote(std::string_view key) const { return fmt::format("'{}' in {}", key, m_name); }

    [[noreturn]] void fail_type(std::string_view key, std::string_view expected) const
    {
        fail(where(key), "{} must be {}, not {}", quote(key), expected, describe(*find(key)));
    }

    // The readers return nothing when `key` is not set, and fail on a wrong type or value.
    std::optional<std::string> string(std::string_view key) const
    {
        const toml::node* node = find(key);
        if (node == nullptr) {
            return std::nullopt;
        }
        if (!node->is_string()) {
            fail_type(key, "a string");
        }
        std::string value = node->as_string()->get();
        if (value.empty()) {
            fail(node->source(), "{} must not be empty", quote(key));
        }
        return value;
    }

    std::optional<std::string> choice(std::string_view key, Keys choices) const
    {
        std::optional<std::string> value = string(key);
        if (value && std::find(choices.begin(), choices.end(), *value) == choices.end()) {
            fail(where(key),
                 "invalid value '{}' for {}: expected {}",
                 *value,
                 quote(key),
                 join_choices(choices));
        }
        return value;
    }

    std::optional<int> integer(std::string_view key, int minimum) const
    {
        const toml::node* node = find(key);
        if (node == nullptr) {
            return std::nullopt;
        }
        if (!node->is_integer()) {
            fail_type(key, "an integer");
        }
        std::int64_t value = node->as_integer()->get();
        if (value < minimum || value > INT_MAX) {
            fail(node->source(),
                 "{} must be between {} and {}, not {}",
                 quote(key),
                 minimum,
                 INT_MAX,
                 value);
        }
        return static_cast<int>(value);
    }

    std::optional<double> number(std::string_view key) const
    {
        const toml::node* node = find(key);
        if (node == nullptr) {
            return std::nullopt;
        }
        if (const auto* integer = node->as_integer()) {
            return static_cast<double>(integer->get());
        }
        if (const auto* floating = node->as_floating_point()) {
            return floating->get();
        }
        fail_type(key, "a number");
    }

    // Read a duration string ("3s") or a plain number of seconds.
    std::optional<double> duration(std::string_view key, Zero zero) const
    {
        const toml::node* node = find(key);
        if (node == nullptr) {
            return std::nullopt;
        }
        double seconds = 0;
        if (const auto* text = node->as_string()) {
            seconds = rethrow_at(key, [&] { return parse_duration(text->get()); });
        } else if (node->is_number()) {
            seconds = *number(key);
            if (!std::isfinite(seconds) || seconds < 0) {
                fail(node->source(),
                     "invalid duration '{}' for {}: expected a non-negative number of seconds",
                     seconds,
                     quote(key));
            }
            rethrow_at(key, [&] { return check_duration(seconds, fmt::format("{}", seconds)); });
        } else {
            fail_type(key, "a duration such as \"3s\" or a number of seconds");
        }
        if (zero == Zero::rejected && seconds == 0) {
            fail(node->source(), "{} must be greater than zero", quote(key));
        }
        return seconds;
    }

    std::optional<double> percent(std::string_view key) const
    {
        const toml::node* node = find(key);
        if (node == nullptr) {
            return std::nullopt;
        }
        if (!node->is_string()) {
            fail_type(key, "a percentage such as \"15%\"");
        }
        return rethrow_at(key, [&] { return parse_percent(node->as_string()->get()); });
    }

    std::optional<double> signed_percent(std::string_view key) const
    {
        const toml::node* node = find(key);
        if (node == nullptr) {
            return std::nullopt;
        }
        if (!node->is_string()) {
            fail_type(key, "a percentage such as \"15%\" or \"-30%\"");
        }
        return rethrow_at(key, [&] { return parse_signed_percent(node->as_string()->get()); });
    }

    // Read a value with an optional unit ("500MB", "50/s") or a plain non-negative number.
    std::optional<Quantity> quantity(std::string_view key) const
    {
        const toml::node* node = find(key);
        if (node == nullptr) {
            return std::nullopt;
        }
        if (const auto* text = node->as_string()) {
            return rethrow_at(key, [&] { return parse_quantity(text->get()); });
        }
        if (!node->is_number()) {
            fail_type(key, "a value such as \"100ms\", \"500MB\", \"50/s\", \"5%\" or a number");
        }
        const double value = *number(key);
        if (!std::isfinite(value) || value < 0) {
            fail(node->source(),
                 "invalid value '{}' for {}: expected a non-negative number",
                 value,
                 quote(key));
        }
        return Quantity{value, QuantityKind::number, fmt::format("{}", value)};
    }

    std::optional<std::vector<std::string>> strings(std::string_view key) const
    {
        const toml::node* node = find(key);
        if (node == nullptr) {
            return std::nullopt;
        }
        if (!node->is_array()) {
            fail_type(key, "an array of strings");
        }
        std::vector<std::string> values;
        for (const toml::node& element : *node->as_array()) {
            if (!element.is_string()) {
                fail(element.source(),
                     "{} must hold only strings, not {}",
                     quote(key),
                     describe(element));
            }
            values.push_back(element.as_string()->get());
        }
        return values;
    }

    Thresholds thresholds() const
    {
        return {signed_percent("warning"), signed_percent("critical"), signed_percent("blocker")};
    }

    // Note: only the levels in `thresholds` are compared; the others are inherited later. A
    // level that is not in this table (a default) is named as such, and the error points at
    // the one that is.
    void check_increasing(const Thresholds& thresholds) const
    {
        const std::array<std::pair<std::string_view, std::optional<double>>, 3> levels{{
            {"warning", thresholds.warning},
            {"critical", thresholds.critical},
            {"blocker", thresholds.blocker},
        }};
        const std::pair<std::string_view, std::optional<double>>* previous = nullptr;
        for (const auto& level : levels) {
            if (!level.second) {
                continue;
            }
            if (previous != nullptr && *level.second < *previous->second) {
                const bool set_here = find(level.first) != nullptr;
                const auto describe_level = [&](std::string_view name, double value) {
                    return fmt::format("'{}' ({:g}%{})",
                                       name,
                                       value * 100,
                                       find(name) != nullptr ? "" : ", the default");
                };
                // Note: a required improvement is strictest at 'warning', which asks the most.
                const bool required = *level.second < 0;
                fail(where(set_here ? level.first : previous->first),
                     "{} in {} must not be below {}{}",
                     describe_level(level.first, *level.second),
                     m_name,
                     describe_level(previous->first, *previous->second),
                     required ? ": a required improvement asks the most at 'warning', e.g. "
                                "warning = \"-40%\", blocker = \"-30%\""
                              : "");
            }
            previous = &level;
        }
    }

    // Run `parse`; put the position and key into its Error ("invalid duration 'x' for 'min_time'
    // in [run]: expected ...").
    template <typename Parse>
    auto rethrow_at(std::string_view key, Parse parse) const -> decltype(parse())
    {
        try {
            return parse();
        } catch (const Error& error) {
            std::string_view message = error.what();
            std::size_t colon = std::min(message.find(": "), message.size());
            fail(where(key),
                 "{} for {}{}",
                 message.substr(0, colon),
                 quote(key),
                 message.substr(colon));
        }
    }

private:
    const toml::table& m_table;
    std::string m_name;
    const std::string& m_origin;
};

template <typename Target, typename Value> void assign(Target& target, std::optional<Value> value)
{
    if (value) {
        target = std::move(*value);
    }
}

RunSettings read_run(const Section& section)
{
    section.check_keys({"warmup", "min_runs", "max_runs", "min_time", "timeout", "metric"});
    RunSettings run;
    assign(run.warmup, section.integer("warmup", 0));
    assign(run.min_runs, section.integer("min_runs", 1));
    assign(run.max_runs, section.integer("max_runs", 1));
    assign(run.min_time, section.duration("min_time", Zero::allowed));
    assign(run.timeout, section.duration("timeout", Zero::rejected));
    assign(run.metric, section.string("metric"));
    if (run.max_runs < run.min_runs) {
        const char* key = section.find("max_runs") != nullptr ? "max_runs" : "min_runs";
        section.fail(section.where(key),
                     "'max_runs' ({}) in [run] must not be below 'min_runs' ({})",
                     run.max_runs,
                     run.min_runs);
    }
    return run;
}

GateSettings read_gate(const Section& section)
{
    section.check_keys({"baseline",
                        "warning",
                        "critical",
                        "blocker",
                        "fail_on",
                        "alpha",
                        "noise",
                        "guard",
                        "inconclusive"});
    GateSettings gate;
    assign(gate.baseline, section.string("baseline"));
    Thresholds thresholds = section.thresholds();
    assign(gate.warning, thresholds.warning);
    assign(gate.critical, thresholds.critical);
    assign(gate.blocker, thresholds.blocker);
    section.check_increasing({gate.warning, gate.critical, gate.blocker});
    if (auto fail_on = section.string("fail_on")) {
        gate.fail_on = section.rethrow_at("fail_on", [&] { return parse_fail_on(*fail_on); });
    }
    assign(gate.alpha, section.number("alpha"));
    if (!(gate.alpha > 0 && gate.alpha < 1)) {
        section.fail(section.where("alpha"),
                     "'alpha' in [gate] must be between 0 and 1 (exclusive), not {}",
                     gate.alpha);
    }
    assign(gate.noise, section.percent("noise"));
    assign(gate.guard, section.percent("guard"));
    if (auto inconclusive = section.choice("inconclusive", {"pass", "warn", "fail"})) {
        gate.inconclusive = *inconclusive == "pass"   ? InconclusivePolicy::pass
                            : *inconclusive == "warn" ? InconclusivePolicy::warn
                                                      : InconclusivePolicy::fail;
    }
    return gate;
}

DiscoverSettings read_discover(const Section& section)
{
    section.check_keys(
        {"paths", "include", "exclude", "launches", "repetitions", "min_time", "probe_timeout"});
    DiscoverSettings discover;
    assign(discover.paths, section.strings("paths"));
    assign(discover.include, section.strings("include"));
    assign(discover.exclude, section.strings("exclude"));
    assign(discover.launches, section.integer("launches", 1));
    assign(discover.repetitions, section.integer("repetitions", 1));
    assign(discover.min_time, section.duration("min_time", Zero::allowed));
    assign(discover.probe_timeout, section.duration("probe_timeout", Zero::rejected));
    return discover;
}

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
void check_harness(const Section& section)
{
    for (std::string_view hook : {"setup", "prepare", "conclude", "cleanup"}) {
        if (section.find(hook) != nullptr) {
            section.fail(section.where(hook),
                         "'{}' in [[benchmark]] applies to commands; a benchmark of kind '{}' "
                         "runs its command once",
                         hook,
                         *section.string("kind"));
        }
    }
    if (section.find("name") == nullptr) {
        section.fail(section.where(),
                     "[[benchmark]] of kind '{}' needs a 'name': its results are named "
                     "NAME/<id>",
                     *section.string("kind"));
    }
}

BenchmarkConfig read_benchmark(const Section& section)
{
    section.check_keys(k_benchmark_keys);
    BenchmarkConfig benchmark;
    benchmark.line = section.line();
    if (auto kind = section.choice("kind", k_kind_names)) {
        benchmark.kind = kind_named(*kind);
    }
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
    if (auto budget = section.quantity("budget")) {
        if (budget->kind != QuantityKind::time && budget->kind != QuantityKind::number) {
            section.fail(section.where("budget"),
                         "'budget' in [[benchmark]] is a ceiling on wall time, and '{}' is {}: "
                         "limit other metrics with a [[budget]] that names its 'metric' (such as "
                         "metric = \"peak_rss\")",
                         budget->text,
                         describe(budget->kind));
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
    assign(benchmark.budget_statistic, section.choice("budget_statistic", k_statistics));
    assign(benchmark.timeout, section.duration("timeout", Zero::rejected));
    benchmark.thresholds = section.thresholds();
    section.check_increasing(benchmark.thresholds);
    if (is_harness(benchmark.kind)) {
        check_harness(section);
    } else if (benchmark.timeout) {
        section.fail(section.where("timeout"),
                     "'timeout' in [[benchmark]] is for kinds criterion, pytest-benchmark and "
                     "samples; [run].timeout limits each run of a command or program");
    }
    benchmark.name = section.string("name").value_or(default_name(benchmark));
    return benchmark;
}

Policy read_policy(const Section& section)
{
    section.check_keys({"match", "metrics", "warning", "critical", "blocker", "better", "unit"});
    Policy policy;
    policy.line = section.line();
    std::optional<std::string> match = section.string("match");
    if (!match) {
        section.fail(section.where(), "[[policy]] needs a 'match' glob");
    }
    policy.match = *match;
    assign(policy.metrics, section.strings("metrics"));
    policy.thresholds = section.thresholds();
    section.check_increasing(policy.thresholds);
    if (auto better = section.choice("better", {"lower", "higher"})) {
        policy.better = *better == "lower" ? Better::lower : Better::higher;
    }
    if (const toml::node* unit = section.find("unit")) {
        if (!unit->is_string()) {
            section.fail_type("unit", "a string");
        }
        const std::string& text = unit->as_string()->get();
        if (std::find(k_units.begin(), k_units.end(), text) == k_units.end()) {
            section.fail(unit->source(),
                         "invalid value '{}' for 'unit' in [[policy]]: expected s, ms, us, ns, B, "
                         "B/s, 1/s, % or \"\" (a plain number)",
                         text);
        }
        policy.unit = text;
    }
    for (std::string_view key : {"better", "unit"}) {
        if (section.find(key) != nullptr && policy.metrics.empty()) {
            section.fail(section.where(key),
                         "'{}' in [[policy]] describes metrics: name them in 'metrics'",
                         key);
        }
    }
    return policy;
}

BudgetConfig read_budget(const Section& section)
{
    section.check_keys(k_budget_keys);
    BudgetConfig budget;
    budget.line = section.line();
    std::optional<std::string> match = section.string("match");
    if (!match) {
        section.fail(section.where(), "[[budget]] needs a 'match' glob on benchmark ids");
    }
    budget.match = *match;
    budget.metric = section.string("metric");
    assign(budget.statistic, section.choice("statistic", k_statistics));
    budget.max = section.quantity("max");
    budget.min = section.quantity("min");
    if (!budget.max && !budget.min) {
        section.fail(section.where(),
                     "[[budget]] needs a 'max' (a ceiling), a 'min' (a floor) or both");
    }
    if (budget.max && budget.min && budget.max->kind == budget.min->kind &&
        budget.min->value > budget.max->value) {
        section.fail(section.where("min"),
                     "'min' ({}) in [[budget]] is above 'max' ({}): no value can meet both",
                     budget.min->text,
                     budget.max->text);
    }
    if (auto level = section.choice("level", {"warning", "critical", "blocker"})) {
        budget.level = *level == "warning"    ? Level::warning
                       : *level == "critical" ? Level::critical
                                              : Level::blocker;
    }
    if (auto headroom = section.percent("warn_headroom")) {
        if (*headroom >= 1) {
            section.fail(section.where("warn_headroom"),
                         "'warn_headroom' in [[budget]] must be below 100%, not {:g}%",
                         *headroom * 100);
        }
        budget.warn_headroom = *headroom;
    }
    return budget;
}

// Return the budget that the `budget` shorthand of `benchmark` stands for.
BudgetConfig shorthand_budget(const BenchmarkConfig& benchmark)
{
    BudgetConfig budget;
    budget.benchmark = benchmark.name;
    budget.statistic = benchmark.budget_statistic;
    budget.max = Quantity{*benchmark.budget, QuantityKind::time, benchmark.budget_text};
    budget.line = benchmark.budget_line;
    return budget;
}

Profile read_profile(const Section& section, std::string name)
{
    section.check_keys(k_profile_keys);
    Profile profile;
    profile.name = std::move(name);
    profile.line = section.line();
    profile.warmup = section.integer("warmup", 0);
    profile.min_runs = section.integer("min_runs", 1);
    profile.max_runs = section.integer("max_runs", 1);
    profile.min_time = section.duration("min_time", Zero::allowed);
    profile.timeout = section.duration("timeout", Zero::rejected);
    profile.launches = section.integer("launches", 1);
    profile.repetitions = section.integer("repetitions", 1);
    profile.benchmark_min_time = section.duration("benchmark_min_time", Zero::allowed);
    profile.filter = section.string("filter");
    if (profile.min_runs && profile.max_runs && *profile.max_runs < *profile.min_runs) {
        section.fail(section.where("max_runs"),
                     "'max_runs' ({}) in {} must not be below 'min_runs' ({})",
                     *profile.max_runs,
                     fmt::format("[profile.{}]", profile.name),
                     *profile.min_runs);
    }
    return profile;
}

ReportSettings read_report(const Section& section)
{
    section.check_keys({"formats", "stats"});
    ReportSettings report;
    const auto check = [&](std::string_view key, Keys known) {
        auto values = section.strings(key).value_or(std::vector<std::string>{});
        const auto* node = section.find(key);
        for (std::size_t i = 0; i < values.size(); ++i) {
            if (std::find(known.begin(), known.end(), values[i]) == known.end()) {
                section.fail(node->as_array()->get(i)->source(),
                             "invalid value '{}' in {}: expected {}",
                             values[i],
                             section.quote(key),
                             join_choices(known));
            }
        }
        return values;
    };
    report.formats = check("formats", k_formats);
    report.stats = check("stats", k_statistics);
    return report;
}

// Call `read` with the table `key` of `root`, if there is one.
template <typename Read>
void read_table(const toml::table& root, const std::string& origin, std::string_view key, Read read)
{
    const toml::node* node = root.get(key);
    if (node == nullptr) {
        return;
    }
    if (!node->is_table()) {
        fail_at(origin, node->source(), "'{}' must be a table, not {}", key, describe(*node));
    }
    read(Section(*node->as_table(), fmt::format("[{}]", key), origin));
}

// Call `read` with each table of the array of tables `key` of `root`.
template <typename Read>
void read_array(const toml::table& root, const std::string& origin, std::string_view key, Read read)
{
    const toml::node* node = root.get(key);
    if (node == nullptr) {
        return;
    }
    if (!node->is_array_of_tables()) {
        fail_at(origin,
                node->source(),
                "'{}' must be an array of tables, not {}",
                key,
                describe(*node));
    }
    for (const toml::node& element : *node->as_array()) {
        read(Section(*element.as_table(), fmt::format("[[{}]]", key), origin));
    }
}

// Read every `[profile.NAME]` table of `root`.
void read_profiles(const toml::table& root, const std::string& origin, std::vector<Profile>& out)
{
    const toml::node* node = root.get("profile");
    if (node == nullptr) {
        return;
    }
    if (!node->is_table()) {
        fail_at(origin,
                node->source(),
                "'profile' must hold tables such as [profile.quick], not {}",
                describe(*node));
    }
    for (const auto& [name, profile] : *node->as_table()) {
        if (!profile.is_table()) {
            fail_at(origin,
                    profile.source(),
                    "'profile.{}' must be a table [profile.{}], not {}",
                    name.str(),
                    name.str(),
                    describe(profile));
        }
        out.push_back(read_profile(
            Section(*profile.as_table(), fmt::format("[profile.{}]", name.str()), origin),
            std::string(name.str())));
    }
}

} // namespace

std::string config_location(const Config& config, int line)
{
    return fmt::format("{}:{}", config.origin, line);
}

std::string apply_profile(Config& config, std::string_view name)
{
    const auto found = std::find_if(config.profiles.begin(),
                                    config.profiles.end(),
                                    [&](const Profile& profile) { return profile.name == name; });
    if (found == config.profiles.end()) {
        std::vector<std::string_view> names;
        for (const auto& profile : config.profiles) {
            names.push_back(profile.name);
        }
        if (names.empty()) {
            fail(ExitCode::usage,
                 "unknown profile '{}': {} defines no [profile.NAME] table",
                 name,
                 config.origin);
        }
        fail(ExitCode::usage,
             "unknown profile '{}': {} defines {}",
             name,
             config.origin,
             fmt::join(names, ", "));
    }
    const Profile& profile = *found;
    assign(config.run.warmup, profile.warmup);
    assign(config.run.min_runs, profile.min_runs);
    assign(config.run.max_runs, profile.max_runs);
    assign(config.run.min_time, profile.min_time);
    assign(config.run.timeout, profile.timeout);
    assign(config.discover.launches, profile.launches);
    assign(config.discover.repetitions, profile.repetitions);
    assign(config.discover.min_time, profile.benchmark_min_time);
    // Note: a profile that sets only one bound keeps the runs possible, as the flags do.
    if (profile.min_runs && !profile.max_runs) {
        config.run.max_runs = std::max(config.run.max_runs, config.run.min_runs);
    } else if (profile.max_runs && !profile.min_runs) {
        config.run.min_runs = std::min(config.run.min_runs, config.run.max_runs);
    }
    return profile.filter.value_or("");
}

std::vector<std::string> parse_statistics(std::string_view list)
{
    std::vector<std::string> names;
    std::size_t start = 0;
    while (start <= list.size()) {
        const auto comma = std::min(list.find(',', start), list.size());
        const auto name = list.substr(start, comma - start);
        if (std::find(k_statistics.begin(), k_statistics.end(), name) == k_statistics.end()) {
            fail(ExitCode::usage,
                 "unknown statistic '{}': expected {}",
                 name,
                 join_choices(k_statistics));
        }
        if (std::find(names.begin(), names.end(), name) == names.end()) {
            names.emplace_back(name);
        }
        start = comma + 1;
    }
    return names;
}

std::optional<std::filesystem::path> find_config(const std::filesystem::path& start)
{
    std::filesystem::path directory = std::filesystem::absolute(start).lexically_normal();
    while (true) {
        std::filesystem::path candidate = directory / k_config_file_name;
        std::error_code error;
        if (std::filesystem::is_regular_file(candidate, error)) {
            return candidate;
        }
        if (directory == directory.parent_path()) {
            return std::nullopt;
        }
        directory = directory.parent_path();
    }
}

Config parse_config(std::string_view text, const std::string& origin)
{
    toml::table table;
    try {
        table = toml::parse(text, origin);
    } catch (const toml::parse_error& error) {
        fail_at(origin, error.source(), "{}", error.description());
    }
    for (const auto& [key, node] : table) {
        static const Keys k_sections = {
            "run", "gate", "discover", "benchmark", "policy", "budget", "profile", "report"};
        if (std::find(k_sections.begin(), k_sections.end(), key.str()) == k_sections.end()) {
            if (node.is_table()) {
                fail_at(origin, key.source(), "unknown table [{}]", key.str());
            }
            fail_at(origin, key.source(), "unknown key '{}'", key.str());
        }
    }

    Config config;
    read_table(table, origin, "run", [&](const Section& s) { config.run = read_run(s); });
    read_table(table, origin, "gate", [&](const Section& s) { config.gate = read_gate(s); });
    read_table(
        table, origin, "discover", [&](const Section& s) { config.discover = read_discover(s); });
    std::map<std::string, int, std::less<>> lines_by_name;
    read_array(table, origin, "benchmark", [&](const Section& s) {
        BenchmarkConfig benchmark = read_benchmark(s);
        auto [previous, inserted] = lines_by_name.emplace(benchmark.name, benchmark.line);
        if (!inserted) {
            s.fail(s.where("name"),
                   "benchmark name '{}' is used twice, on lines {} and {}",
                   benchmark.name,
                   previous->second,
                   benchmark.line);
        }
        config.benchmarks.push_back(std::move(benchmark));
    });
    read_array(table, origin, "policy", [&](const Section& s) {
        config.policies.push_back(read_policy(s));
    });
    read_array(table, origin, "budget", [&](const Section& s) {
        config.budgets.push_back(read_budget(s));
    });
    for (const auto& benchmark : config.benchmarks) {
        if (benchmark.budget) {
            config.budgets.push_back(shorthand_budget(benchmark));
        }
    }
    read_table(table, origin, "report", [&](const Section& s) { config.report = read_report(s); });
    read_profiles(table, origin, config.profiles);
    config.origin = origin;
    return config;
}

Config load_config(const std::filesystem::path& file)
{
    Config config = parse_config(util::read_file(file), file.string());
    config.file = std::filesystem::absolute(file);
    config.root = config.file->parent_path();
    return config;
}

FailOn parse_fail_on(std::string_view text)
{
    for (const auto& [name, value] : k_fail_on_names) {
        if (name == text) {
            return value;
        }
    }
    fail(ExitCode::usage, "invalid level '{}': expected warning, critical, blocker or never", text);
}

bool is_harness(BenchmarkKind kind)
{
    return kind == BenchmarkKind::criterion || kind == BenchmarkKind::pytest_benchmark ||
           kind == BenchmarkKind::samples;
}

std::string_view to_string(Level level)
{
    constexpr std::array<std::string_view, 4> k_names{"none", "warning", "critical", "blocker"};
    return k_names.at(static_cast<std::size_t>(level));
}

std::string_view to_string(InconclusivePolicy policy)
{
    switch (policy) {
    case InconclusivePolicy::pass:
        return "pass";
    case InconclusivePolicy::warn:
        return "warn";
    case InconclusivePolicy::fail:
        return "fail";
    }
    return "warn";
}

std::string_view to_string(FailOn fail_on)
{
    for (const auto& [name, value] : k_fail_on_names) {
        if (value == fail_on) {
            return name;
        }
    }
    return "never";
}

} // namespace perfgate::core

namespace perfgate::core {

Config load_project_config(const std::string& explicit_file)
{
    if (!explicit_file.empty()) {
        return load_config(explicit_file);
    }
    const auto cwd = std::filesystem::current_path();
    if (const auto found = find_config(cwd)) {
        return load_config(*found);
    }
    Config config;
    config.root = cwd;
    return config;
}

} // namespace perfgate::core
