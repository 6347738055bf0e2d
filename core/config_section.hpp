#pragma once

// How perfgate.toml is read: one `Section` per table, with typed readers that name the file,
// line, column and key of anything wrong. Used by the per-section readers (config_*.cpp) only.

#include <core/config.hpp>
#include <core/names.hpp>
#include <core/units.hpp>
#include <util/error.hpp>

#include <fmt/format.h>
#include <toml++/toml.h>

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace perfgate::core::config_reading {

// Zero is not a meaningful timeout or budget, but is a valid minimum time.
enum class Zero { allowed, rejected };

// Return the type of `node` as an error message names it ("an integer").
std::string_view describe(const toml::node& node);

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

// Set `target` to `value` when it is set.
template <typename Target, typename Value> void assign(Target& target, std::optional<Value> value)
{
    if (value) {
        target = std::move(*value);
    }
}

// One table of the file, named in messages as the user wrote it ("[run]", "[[benchmark]]").
// Every key a reader looks up is a known key of the table: `check_unknown` then fails on the
// first key that no reader asked for, so a new setting is one line in its section's reader.
class Section
{
public:
    Section(const toml::table& table, std::string name, const std::string& origin)
        : m_table(table), m_name(std::move(name)), m_origin(origin)
    {}

    int line() const { return static_cast<int>(m_table.source().begin.line); }

    // Return the node of `key`, or nullptr; `key` becomes a known key of this table.
    const toml::node* find(std::string_view key) const;

    // Return where `key` is, or where the table starts when the key is not set.
    const toml::source_region& where(std::string_view key = {}) const;

    template <typename... Args>
    [[noreturn]] void
    fail(const toml::source_region& where, fmt::format_string<Args...> format, Args&&... args) const
    {
        fail_at(m_origin, where, format, std::forward<Args>(args)...);
    }

    // Fail on the first key of the table that no reader looked up.
    void check_unknown() const;

    // Return how messages name `key`: "'min_runs' in [run]".
    std::string quote(std::string_view key) const;
    const std::string& name() const { return m_name; }

    [[noreturn]] void fail_type(std::string_view key, std::string_view expected) const;

    // The readers return nothing when `key` is not set, and fail on a wrong type or value.
    std::optional<std::string> string(std::string_view key) const;
    // A string that must be one of `choices`.
    std::optional<std::string> choice(std::string_view key,
                                      const std::vector<std::string_view>& choices) const;
    template <std::size_t size>
    std::optional<std::string> choice(std::string_view key,
                                      const std::array<std::string_view, size>& choices) const
    {
        return choice(key, std::vector<std::string_view>(choices.begin(), choices.end()));
    }
    // Return the value of `names` that `key` names.
    template <typename Enum, std::size_t size>
    std::optional<Enum> named(std::string_view key, const NameTable<Enum, size>& names) const
    {
        const auto chosen = choice(key, names_in(names));
        return chosen ? value_named(names, *chosen) : std::nullopt;
    }
    std::optional<int> integer(std::string_view key, int minimum) const;
    std::optional<double> number(std::string_view key) const;
    // A duration string ("3s") or a plain number of seconds.
    std::optional<double> duration(std::string_view key, Zero zero) const;
    std::optional<double> percent(std::string_view key) const;
    std::optional<double> signed_percent(std::string_view key) const;
    // A value with an optional unit ("500MB", "50/s") or a plain non-negative number.
    std::optional<Quantity> quantity(std::string_view key) const;
    std::optional<std::vector<std::string>> strings(std::string_view key) const;
    // An array of strings, each one of `choices`.
    template <std::size_t size>
    std::vector<std::string> choices(std::string_view key,
                                     const std::array<std::string_view, size>& known) const
    {
        return checked_choices(key, std::vector<std::string_view>(known.begin(), known.end()));
    }

    // The `warning`, `critical` and `blocker` of the table.
    Thresholds thresholds() const;

    // Fail unless the levels set in `thresholds` are ordered warning <= critical <= blocker.
    void check_increasing(const Thresholds& thresholds) const;

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
    std::vector<std::string> checked_choices(std::string_view key,
                                             const std::vector<std::string_view>& known) const;

    const toml::table& m_table;
    std::string m_name;
    const std::string& m_origin;
    mutable std::set<std::string, std::less<>> m_known;
};

// The readers of each part of the file (one file each: config_run.cpp, config_gate.cpp,
// config_benchmark.cpp, config_report.cpp).
RunSettings read_run(const Section& section);
DiscoverSettings read_discover(const Section& section);
Profile read_profile(const Section& section, std::string name);
GateSettings read_gate(const Section& section);
Policy read_policy(const Section& section);
BudgetConfig read_budget(const Section& section);
BenchmarkConfig read_benchmark(const Section& section);
ReportSettings read_report(const Section& section);

} // namespace perfgate::core::config_reading
