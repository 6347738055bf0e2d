#include <core/config.hpp>
#include <core/config_section.hpp>
#include <util/error.hpp>
#include <util/file.hpp>

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <functional>
#include <map>
#include <utility>

namespace perfgate::core {
namespace {

using config_reading::describe;
using config_reading::fail_at;
using config_reading::Section;

// Read `node` as one table named `name`; every key no reader looked up is an error.
template <typename Read>
void read_section(const toml::node& node, std::string name, const std::string& origin, Read read)
{
    const Section section(*node.as_table(), std::move(name), origin);
    read(section);
    section.check_unknown();
}

// Call `read` with the table `key` of `root`, if there is one.
void read_table(const toml::node& node,
                const std::string& origin,
                std::string_view key,
                const std::function<void(const Section&)>& read)
{
    if (!node.is_table()) {
        fail_at(origin, node.source(), "'{}' must be a table, not {}", key, describe(node));
    }
    read_section(node, fmt::format("[{}]", key), origin, read);
}

// Call `read` with each table of the array of tables `key`.
void read_array(const toml::node& node,
                const std::string& origin,
                std::string_view key,
                const std::function<void(const Section&)>& read)
{
    if (!node.is_array_of_tables()) {
        fail_at(
            origin, node.source(), "'{}' must be an array of tables, not {}", key, describe(node));
    }
    for (const toml::node& element : *node.as_array()) {
        read_section(element, fmt::format("[[{}]]", key), origin, read);
    }
}

// Read every `[profile.NAME]` table.
void read_profiles(const toml::node& node, const std::string& origin, std::vector<Profile>& out)
{
    if (!node.is_table()) {
        fail_at(origin,
                node.source(),
                "'profile' must hold tables such as [profile.quick], not {}",
                describe(node));
    }
    for (const auto& [name, profile] : *node.as_table()) {
        if (!profile.is_table()) {
            fail_at(origin,
                    profile.source(),
                    "'profile.{}' must be a table [profile.{}], not {}",
                    name.str(),
                    name.str(),
                    describe(profile));
        }
        const std::string profile_name(name.str());
        read_section(
            profile, fmt::format("[profile.{}]", profile_name), origin, [&](const auto& s) {
                out.push_back(config_reading::read_profile(s, profile_name));
            });
    }
}

// Add the `[[benchmark]]` just read, refusing a name used twice.
void add_benchmark(Config& config, const Section& section)
{
    BenchmarkConfig benchmark = config_reading::read_benchmark(section);
    for (const auto& previous : config.benchmarks) {
        if (previous.name == benchmark.name) {
            section.fail(section.where("name"),
                         "benchmark name '{}' is used twice, on lines {} and {}",
                         benchmark.name,
                         previous.line,
                         benchmark.line);
        }
    }
    config.benchmarks.push_back(std::move(benchmark));
}

// How one top-level key of the file is read.
struct SectionReader
{
    std::string_view key;
    std::function<void(Config&, const toml::node&, const std::string& origin)> read;
};

// Every section of perfgate.toml, in the order they are read: a new section is one entry here
// and one reader in its own config_*.cpp file.
const std::vector<SectionReader>& section_readers()
{
    using namespace config_reading;
    const auto table = [](std::string_view key, auto read) {
        return SectionReader{key, [key, read](Config& c, const toml::node& n, const auto& o) {
                                 read_table(n, o, key, [&](const Section& s) { read(c, s); });
                             }};
    };
    const auto array = [](std::string_view key, auto read) {
        return SectionReader{key, [key, read](Config& c, const toml::node& n, const auto& o) {
                                 read_array(n, o, key, [&](const Section& s) { read(c, s); });
                             }};
    };
    static const std::vector<SectionReader> k_readers{
        table("run", [](Config& c, const Section& s) { c.run = read_run(s); }),
        table("gate", [](Config& c, const Section& s) { c.gate = read_gate(s); }),
        table("discover", [](Config& c, const Section& s) { c.discover = read_discover(s); }),
        array("benchmark", add_benchmark),
        array("policy", [](Config& c, const Section& s) { c.policies.push_back(read_policy(s)); }),
        array("budget", [](Config& c, const Section& s) { c.budgets.push_back(read_budget(s)); }),
        table("report", [](Config& c, const Section& s) { c.report = read_report(s); }),
        {"profile",
         [](Config& c, const toml::node& n, const auto& o) { read_profiles(n, o, c.profiles); }},
    };
    return k_readers;
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

} // namespace

std::string config_location(const Config& config, int line)
{
    return fmt::format("{}:{}", config.origin, line);
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
    const auto& readers = section_readers();
    for (const auto& [key, node] : table) {
        const std::string_view key_text = key.str();
        if (std::none_of(readers.begin(), readers.end(), [&](const auto& reader) {
                return reader.key == key_text;
            })) {
            if (node.is_table()) {
                fail_at(origin, key.source(), "unknown table [{}]", key.str());
            }
            fail_at(origin, key.source(), "unknown key '{}'", key.str());
        }
    }
    Config config;
    for (const auto& reader : readers) {
        if (const toml::node* node = table.get(reader.key)) {
            reader.read(config, *node, origin);
        }
    }
    for (const auto& benchmark : config.benchmarks) {
        if (benchmark.budget) {
            config.budgets.push_back(shorthand_budget(benchmark));
        }
    }
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

FailOn parse_fail_on(std::string_view text)
{
    if (const auto fail_on = value_named(k_fail_on_names, text)) {
        return *fail_on;
    }
    fail(ExitCode::usage,
         "invalid level '{}': expected {}",
         text,
         choices_text(names_in(k_fail_on_names)));
}

std::string_view to_string(Level level)
{
    return name_of(k_level_names, level);
}

std::string_view to_string(InconclusivePolicy policy)
{
    return name_of(k_inconclusive_names, policy);
}

std::string_view to_string(FailOn fail_on)
{
    return name_of(k_fail_on_names, fail_on);
}

} // namespace perfgate::core
