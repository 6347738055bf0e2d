#include <runners/command_plan.hpp>

#include "test_support.hpp"
#include <doctest/doctest.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

TEST_SUITE_BEGIN("runners_command_plan");

using namespace perfgate;
using namespace perfgate::runners;
using perfgate::test::error_of;
using Strings = std::vector<std::string>;

namespace {

// Return the ids of `benchmarks`, in order.
Strings ids_of(const std::vector<CommandBenchmark>& benchmarks)
{
    Strings ids;
    for (const auto& benchmark : benchmarks) {
        ids.push_back(benchmark.id);
    }
    return ids;
}

// Return the text of `line`, or "<none>" when there is no such hook.
std::string text_of(const std::optional<CommandLine>& line)
{
    return line ? line->text : "<none>";
}

// A command benchmark entry of a configuration.
core::BenchmarkConfig command_entry(std::string name, std::string command)
{
    core::BenchmarkConfig entry;
    entry.name = std::move(name);
    entry.command_string = std::move(command);
    return entry;
}

// Return ad-hoc commands as `perfgate run` gathers them.
AdHocCommands ad_hoc(Strings commands, Strings names = {}, std::vector<Parameter> parameters = {})
{
    return {std::move(commands), std::move(names), std::move(parameters)};
}

} // namespace

TEST_CASE("plan_ad_hoc makes one benchmark per command and combination")
{
    SUBCASE("named after the command line")
    {
        const auto benchmarks = plan_ad_hoc(ad_hoc({"sleep 0.1", "sleep 0.2"}), {});
        CHECK(ids_of(benchmarks) == Strings{"sleep 0.1", "sleep 0.2"});
        CHECK(benchmarks[0].command.text == "sleep 0.1");
        CHECK(benchmarks[0].command.argv.empty());
        CHECK(benchmarks[0].parameters.empty());
        CHECK_FALSE(benchmarks[0].setup);
        CHECK_FALSE(benchmarks[0].prepare);
        CHECK_FALSE(benchmarks[0].conclude);
        CHECK_FALSE(benchmarks[0].cleanup);
        CHECK_FALSE(benchmarks[0].working_directory);
    }
    SUBCASE("parameters substituted, the commands varying fastest")
    {
        const auto benchmarks =
            plan_ad_hoc(ad_hoc({"a {n}", "b {n}"}, {}, {{"n", {"1", "2"}}}), {});
        CHECK(ids_of(benchmarks) == Strings{"a 1", "b 1", "a 2", "b 2"});
        CHECK(benchmarks[2].command.text == "a 2");
        CHECK(benchmarks[2].parameters == std::map<std::string, std::string>{{"n", "2"}});
    }
    SUBCASE("named by --command-name, with parameters")
    {
        const auto benchmarks =
            plan_ad_hoc(ad_hoc({"sleep {t}"}, {"nap-{t}"}, {{"t", {"0.1", "0.2"}}}), {});
        CHECK(ids_of(benchmarks) == Strings{"nap-0.1", "nap-0.2"});
        CHECK(benchmarks[1].command.text == "sleep 0.2");
    }
    SUBCASE("no commands, no benchmarks")
    {
        CHECK(plan_ad_hoc({}, {}).empty());
    }
}

TEST_CASE("plan_ad_hoc attaches the hooks")
{
    SUBCASE("given once, for every command, with parameters substituted")
    {
        const Hooks hooks{"make {n}", {"prepare {n}"}, {"conclude"}, "rm {n}"};
        const auto benchmarks = plan_ad_hoc(ad_hoc({"a {n}", "b"}, {}, {{"n", {"7"}}}), hooks);
        REQUIRE(benchmarks.size() == 2);
        for (const auto& benchmark : benchmarks) {
            CAPTURE(benchmark.id);
            CHECK(text_of(benchmark.setup) == "make 7");
            CHECK(text_of(benchmark.prepare) == "prepare 7");
            CHECK(text_of(benchmark.conclude) == "conclude");
            CHECK(text_of(benchmark.cleanup) == "rm 7");
        }
    }
    SUBCASE("given once per command")
    {
        Hooks hooks;
        hooks.prepare = {"p1", "p2"};
        hooks.conclude = {"c1", "c2"};
        const auto benchmarks = plan_ad_hoc(ad_hoc({"a", "b"}), hooks);
        REQUIRE(benchmarks.size() == 2);
        CHECK(text_of(benchmarks[0].prepare) == "p1");
        CHECK(text_of(benchmarks[1].prepare) == "p2");
        CHECK(text_of(benchmarks[0].conclude) == "c1");
        CHECK(text_of(benchmarks[1].conclude) == "c2");
        CHECK_FALSE(benchmarks[0].setup);
        CHECK_FALSE(benchmarks[1].cleanup);
    }
}

TEST_CASE("plan_ad_hoc rejects mismatched counts")
{
    SUBCASE("--command-name")
    {
        const Error error = error_of([] { plan_ad_hoc(ad_hoc({"a", "b"}, {"x"}), {}); });
        CHECK(error.code() == ExitCode::usage);
        CHECK(std::string(error.what()) == "--command-name was given 1 times for 2 commands");
    }
    SUBCASE("--prepare")
    {
        Hooks hooks;
        hooks.prepare = {"p1", "p2", "p3"};
        const Error error = error_of([&] { plan_ad_hoc(ad_hoc({"a", "b"}), hooks); });
        CHECK(error.code() == ExitCode::usage);
        CHECK(std::string(error.what()) ==
              "--prepare was given 3 times for 2 commands: give it once, or once per command");
    }
    SUBCASE("--conclude")
    {
        Hooks hooks;
        hooks.conclude = {"c1", "c2"};
        const Error error = error_of([&] { plan_ad_hoc(ad_hoc({"a", "b", "c"}), hooks); });
        CHECK(error.code() == ExitCode::usage);
        CHECK(std::string(error.what()).starts_with("--conclude was given 2 times for 3 commands"));
    }
}

TEST_CASE("plan_ad_hoc refuses more benchmarks from parameters than the limit")
{
    const auto five_thousand = scan_parameter("n", 1, 5000, 1);
    SUBCASE("at the limit")
    {
        CHECK(plan_ad_hoc(ad_hoc({"a {n}", "b {n}"}, {}, {five_thousand}), {}).size() ==
              k_max_parameter_benchmarks);
    }
    SUBCASE("past it with more commands")
    {
        const Error error = error_of([&] {
            plan_ad_hoc(ad_hoc({"a {n}", "b {n}", "c {n}"}, {}, {five_thousand}), {});
        });
        CHECK(error.code() == ExitCode::usage);
        CHECK(std::string(error.what()) ==
              "3 command(s) × 'n' (5000 values) would make 15000 benchmarks; at most 10000 can "
              "come from parameters");
    }
    SUBCASE("past it with combinations too many to count")
    {
        const std::vector<Parameter> parameters(6, five_thousand);
        const Error error = error_of([&] { plan_ad_hoc(ad_hoc({"a"}, {}, parameters), {}); });
        CHECK(std::string(error.what()).find("would make too many benchmarks") !=
              std::string::npos);
    }
    SUBCASE("many commands without parameters are not limited")
    {
        CHECK(plan_ad_hoc(ad_hoc(Strings(10001, "true")), {}).size() == 10001);
    }
}

TEST_CASE("plan_configured takes the command entries of the configuration")
{
    core::Config config;
    config.root = "/project/root";
    core::BenchmarkConfig argv_entry;
    argv_entry.name = "echo";
    argv_entry.argv = {"echo", "a b"};
    config.benchmarks.push_back(argv_entry);
    core::BenchmarkConfig program_entry;
    program_entry.name = "string_bench";
    program_entry.kind = core::BenchmarkKind::google_benchmark;
    config.benchmarks.push_back(program_entry);
    auto string_entry = command_entry("nap", "sleep 0.01");
    string_entry.setup = "file setup";
    string_entry.prepare = "file prepare";
    string_entry.conclude = "file conclude";
    string_entry.cleanup = "file cleanup";
    config.benchmarks.push_back(string_entry);

    SUBCASE("argv and string commands, Google Benchmark entries skipped")
    {
        const auto benchmarks = plan_configured(config, {});
        REQUIRE(ids_of(benchmarks) == Strings{"echo", "nap"});
        CHECK(benchmarks[0].command.argv == Strings{"echo", "a b"});
        CHECK(benchmarks[0].command.text.empty());
        CHECK(benchmarks[1].command.argv.empty());
        CHECK(benchmarks[1].command.text == "sleep 0.01");
        for (const auto& benchmark : benchmarks) {
            CHECK(benchmark.working_directory == std::optional<std::string>("/project/root"));
            CHECK(benchmark.parameters.empty());
        }
    }
    SUBCASE("the file's hooks")
    {
        const auto benchmarks = plan_configured(config, {});
        REQUIRE(benchmarks.size() == 2);
        CHECK_FALSE(benchmarks[0].setup);
        CHECK_FALSE(benchmarks[0].prepare);
        CHECK(text_of(benchmarks[1].setup) == "file setup");
        CHECK(text_of(benchmarks[1].prepare) == "file prepare");
        CHECK(text_of(benchmarks[1].conclude) == "file conclude");
        CHECK(text_of(benchmarks[1].cleanup) == "file cleanup");
    }
    SUBCASE("hooks from the command line replace the file's")
    {
        Hooks hooks;
        hooks.setup = "cli setup";
        hooks.prepare = {"cli prepare"};
        const auto benchmarks = plan_configured(config, hooks);
        REQUIRE(benchmarks.size() == 2);
        CHECK(text_of(benchmarks[0].setup) == "cli setup");
        CHECK(text_of(benchmarks[1].setup) == "cli setup");
        CHECK(text_of(benchmarks[0].prepare) == "cli prepare");
        CHECK(text_of(benchmarks[1].prepare) == "cli prepare");
        CHECK_FALSE(benchmarks[0].conclude);
        CHECK(text_of(benchmarks[1].conclude) == "file conclude");
        CHECK(text_of(benchmarks[1].cleanup) == "file cleanup");
    }
    SUBCASE("hooks from the command line, one per command entry")
    {
        Hooks hooks;
        hooks.conclude = {"c1", "c2"};
        const auto benchmarks = plan_configured(config, hooks);
        REQUIRE(benchmarks.size() == 2);
        CHECK(text_of(benchmarks[0].conclude) == "c1");
        CHECK(text_of(benchmarks[1].conclude) == "c2");
    }
    SUBCASE("hooks from the command line, a mismatched count")
    {
        Hooks hooks;
        hooks.prepare = {"p1", "p2", "p3"};
        const Error error = error_of([&] { plan_configured(config, hooks); });
        CHECK(error.code() == ExitCode::usage);
        CHECK(std::string(error.what()).starts_with("--prepare was given 3 times for 2 commands"));
    }
    SUBCASE("no command entries")
    {
        core::Config empty;
        empty.benchmarks.push_back(program_entry);
        CHECK(plan_configured(empty, {}).empty());
    }
}

TEST_CASE("filter_benchmarks keeps the ids the regex matches anywhere")
{
    const auto benchmarks =
        plan_ad_hoc(ad_hoc({"x", "y", "z"}, {"sort/small", "sort/large", "search"}), {});
    CHECK(ids_of(filter_benchmarks(benchmarks, "^sort/")) == Strings{"sort/small", "sort/large"});
    CHECK(ids_of(filter_benchmarks(benchmarks, "large$")) == Strings{"sort/large"});
    CHECK(ids_of(filter_benchmarks(benchmarks, "ar")) == Strings{"sort/large", "search"});
    CHECK(ids_of(filter_benchmarks(benchmarks, "small|search")) == Strings{"sort/small", "search"});
    CHECK(filter_benchmarks(benchmarks, "nothing").empty());
    SUBCASE("the commands go with their ids")
    {
        const auto kept = filter_benchmarks(benchmarks, "large");
        REQUIRE(kept.size() == 1);
        CHECK(kept[0].command.text == "y");
    }
    SUBCASE("an invalid regex")
    {
        const Error error = error_of([&] { filter_benchmarks(benchmarks, "sort("); });
        CHECK(error.code() == ExitCode::usage);
        CHECK(std::string(error.what()).starts_with("invalid --filter regex 'sort(': "));
    }
}

TEST_SUITE_END();
