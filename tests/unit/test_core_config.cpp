#include <core/config.hpp>
#include <util/error.hpp>

#include "test_support.hpp"
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

TEST_SUITE_BEGIN("core_config");

using namespace perfgate::core;
using perfgate::test::TempDir;
namespace fs = std::filesystem;

namespace {

// Return the message of the Error that parsing `text` throws; fail the test when there is none
// or when it is not a usage error.
std::string error_of(std::string_view text)
{
    try {
        parse_config(text, "perfgate.toml");
    } catch (const perfgate::Error& error) {
        CHECK(error.code() == perfgate::ExitCode::usage);
        return error.what();
    }
    FAIL("no error for: " << text);
    return {};
}

// Return the first `prefix.size()` characters of `message`, to compare with `prefix` while
// doctest still prints the whole message on failure.
std::string head(const std::string& message, std::string_view prefix)
{
    return message.substr(0, prefix.size());
}

void write(const fs::path& path, std::string_view content)
{
    std::ofstream(path) << content;
}

} // namespace

TEST_CASE("parse_config: an empty file gives the defaults")
{
    Config config = parse_config("", "perfgate.toml");
    CHECK_FALSE(config.file);
    CHECK(config.run.warmup == 1);
    CHECK(config.run.min_runs == 10);
    CHECK(config.run.max_runs == 500);
    CHECK(config.run.min_time == 3.0);
    CHECK(config.run.timeout == 300.0);
    CHECK(config.run.metric == "auto");
    CHECK(config.gate.baseline == "main");
    CHECK(config.gate.warning == doctest::Approx(0.15));
    CHECK(config.gate.critical == doctest::Approx(0.30));
    CHECK(config.gate.blocker == doctest::Approx(0.50));
    CHECK(config.gate.fail_on == FailOn::blocker);
    CHECK(config.gate.alpha == doctest::Approx(0.05));
    CHECK(config.gate.noise == doctest::Approx(0.01));
    CHECK(config.discover.paths == std::vector<std::string>{"build"});
    CHECK(config.discover.include == std::vector<std::string>{"*_bench", "*_benchmark", "bench_*"});
    CHECK(config.discover.exclude.empty());
    CHECK(config.discover.repetitions == 3);
    CHECK(config.discover.launches == 5);
    CHECK(config.gate.inconclusive == InconclusivePolicy::warn);
    CHECK(config.discover.min_time == doctest::Approx(0.1));
    CHECK(config.discover.probe_timeout == doctest::Approx(5.0));
    CHECK(config.benchmarks.empty());
    CHECK(config.policies.empty());
}

TEST_CASE("parse_config: the README's example")
{
    // Line numbers matter: [[benchmark]] starts on lines 28 and 35, [[policy]] on 40.
    const Config config = parse_config(R"([run]
warmup   = 2          # runs not counted, per benchmark
min_runs = 20
max_runs = 400
min_time = "2s"       # keep sampling until this much measured time
timeout  = "5m"       # one run; the whole process group is killed
metric   = "user"     # default gated metric for commands

[gate]
baseline = "release"
warning  = "10%"      # relative worsening of the gated metric
critical = "25%"
blocker  = "40%"
fail_on  = "critical" # warning | critical | blocker | never
alpha    = 0.01       # significance level of the two-sample test
noise    = "2%"       # a change whose interval stays inside noise is "unchanged"

[discover]
paths   = ["build", "out"]
include = ["*_bench"]
exclude = ["slow_*"]
repetitions = 5       # Google Benchmark repetitions
min_time    = "0.5s"  # Google Benchmark --benchmark_min_time per repetition



# Benchmarks.
[[benchmark]]         # a command benchmark
name     = "parse-large"
command  = ["./build/tool", "parse", "data/large.json"]   # argv, or one string
prepare  = "sync"
budget   = "200ms"    # absolute limit on the median, independent of any baseline
warning  = "5%"       # per-benchmark override

[[benchmark]]         # a Google Benchmark program named explicitly
name    = "formatter"
kind    = "google-benchmark"
command = ["build/bench/formatter-bench", "all"]   # perfgate appends its flags

[[policy]]            # per-benchmark, per-metric overrides by glob on the id
match    = "bench_sort/BM_Sort/*"
metrics  = ["real_time", "items_per_second"]
critical = "20%"
)",
                                       "perfgate.toml");

    SUBCASE("[run]")
    {
        CHECK(config.run.warmup == 2);
        CHECK(config.run.min_runs == 20);
        CHECK(config.run.max_runs == 400);
        CHECK(config.run.min_time == doctest::Approx(2.0));
        CHECK(config.run.timeout == doctest::Approx(300.0));
        CHECK(config.run.metric == "user");
    }
    SUBCASE("[gate]")
    {
        CHECK(config.gate.baseline == "release");
        CHECK(config.gate.warning == doctest::Approx(0.10));
        CHECK(config.gate.critical == doctest::Approx(0.25));
        CHECK(config.gate.blocker == doctest::Approx(0.40));
        CHECK(config.gate.fail_on == FailOn::critical);
        CHECK(config.gate.alpha == doctest::Approx(0.01));
        CHECK(config.gate.noise == doctest::Approx(0.02));
    }
    SUBCASE("[discover]")
    {
        CHECK(config.discover.paths == std::vector<std::string>{"build", "out"});
        CHECK(config.discover.include == std::vector<std::string>{"*_bench"});
        CHECK(config.discover.exclude == std::vector<std::string>{"slow_*"});
        CHECK(config.discover.repetitions == 5);
        CHECK(config.discover.min_time == doctest::Approx(0.5));
    }
    SUBCASE("[[benchmark]]")
    {
        REQUIRE(config.benchmarks.size() == 2);
        const BenchmarkConfig& parse = config.benchmarks[0];
        CHECK(parse.name == "parse-large");
        CHECK(parse.kind == BenchmarkKind::command);
        CHECK(parse.argv == std::vector<std::string>{"./build/tool", "parse", "data/large.json"});
        CHECK_FALSE(parse.command_string);
        CHECK(parse.prepare == "sync");
        CHECK_FALSE(parse.setup);
        CHECK_FALSE(parse.conclude);
        CHECK_FALSE(parse.cleanup);
        CHECK_FALSE(parse.metric);
        REQUIRE(parse.budget);
        CHECK(*parse.budget == doctest::Approx(0.2));
        CHECK(parse.budget_statistic == "median");
        REQUIRE(parse.thresholds.warning);
        CHECK(*parse.thresholds.warning == doctest::Approx(0.05));
        CHECK_FALSE(parse.thresholds.critical);
        CHECK_FALSE(parse.thresholds.blocker);
        CHECK(parse.line == 28);

        const BenchmarkConfig& formatter = config.benchmarks[1];
        CHECK(formatter.name == "formatter");
        CHECK(formatter.kind == BenchmarkKind::google_benchmark);
        CHECK(formatter.argv == std::vector<std::string>{"build/bench/formatter-bench", "all"});
        CHECK_FALSE(formatter.budget);
        CHECK(formatter.line == 35);
    }
    SUBCASE("[[policy]]")
    {
        REQUIRE(config.policies.size() == 1);
        const Policy& policy = config.policies[0];
        CHECK(policy.match == "bench_sort/BM_Sort/*");
        CHECK(policy.metrics == std::vector<std::string>{"real_time", "items_per_second"});
        CHECK_FALSE(policy.thresholds.warning);
        REQUIRE(policy.thresholds.critical);
        CHECK(*policy.thresholds.critical == doctest::Approx(0.20));
        CHECK_FALSE(policy.thresholds.blocker);
        CHECK(policy.line == 40);
    }
}

TEST_CASE("parse_config: durations also accept a plain number of seconds")
{
    const Config config = parse_config(R"([run]
min_time = 2
timeout = 0.5
[[benchmark]]
command = "true"
budget = 1.5
budget_statistic = "p95"
)",
                                       "perfgate.toml");
    CHECK(config.run.min_time == doctest::Approx(2.0));
    CHECK(config.run.timeout == doctest::Approx(0.5));
    REQUIRE(config.benchmarks.size() == 1);
    CHECK(config.benchmarks[0].budget == doctest::Approx(1.5));
    CHECK(config.benchmarks[0].budget_statistic == "p95");
}

TEST_CASE("parse_config: a command is an array of arguments or one string")
{
    SUBCASE("string")
    {
        const Config config = parse_config("[[benchmark]]\ncommand = \"sleep 0.1\"\n", "x.toml");
        REQUIRE(config.benchmarks.size() == 1);
        CHECK(config.benchmarks[0].command_string == "sleep 0.1");
        CHECK(config.benchmarks[0].argv.empty());
    }
    SUBCASE("array")
    {
        const Config config =
            parse_config("[[benchmark]]\ncommand = [\"sleep\", \"0.1\"]\n", "x.toml");
        REQUIRE(config.benchmarks.size() == 1);
        CHECK_FALSE(config.benchmarks[0].command_string);
        CHECK(config.benchmarks[0].argv == std::vector<std::string>{"sleep", "0.1"});
    }
}

TEST_CASE("parse_config: a benchmark without a name is named after its command")
{
    SUBCASE("string")
    {
        const Config config = parse_config("[[benchmark]]\ncommand = \"sleep 0.1\"\n", "x.toml");
        REQUIRE(config.benchmarks.size() == 1);
        CHECK(config.benchmarks[0].name == "sleep 0.1");
    }
    SUBCASE("array: the arguments joined with spaces")
    {
        const Config config =
            parse_config("[[benchmark]]\ncommand = [\"sleep\", \"0.1\"]\n", "x.toml");
        REQUIRE(config.benchmarks.size() == 1);
        CHECK(config.benchmarks[0].name == "sleep 0.1");
    }
    SUBCASE("google-benchmark: the program's file stem")
    {
        const Config config = parse_config(
            "[[benchmark]]\nkind = \"google-benchmark\"\ncommand = [\"build/fmt_bench\", \"x\"]\n",
            "x.toml");
        REQUIRE(config.benchmarks.size() == 1);
        CHECK(config.benchmarks[0].name == "fmt_bench");
    }
}

TEST_CASE("parse_config: unknown keys and tables are errors naming line and key")
{
    SUBCASE("key in [run]")
    {
        CHECK(error_of("[run]\nwarmup = 1\nwarmpu = 2\n") ==
              "perfgate.toml:3:1: unknown key 'warmpu' in [run]");
    }
    SUBCASE("key in [[benchmark]]")
    {
        CHECK(error_of("[[benchmark]]\ncommand = \"true\"\n  comand = \"x\"\n") ==
              "perfgate.toml:3:3: unknown key 'comand' in [[benchmark]]");
    }
    SUBCASE("table")
    {
        CHECK(error_of("[run]\n\n[gates]\nwarning = \"1%\"\n") ==
              "perfgate.toml:3:2: unknown table [gates]");
    }
    SUBCASE("key at the top")
    {
        CHECK(error_of("\nwarmup = 1\n") == "perfgate.toml:2:1: unknown key 'warmup'");
    }
}

TEST_CASE("parse_config: wrong types are errors naming line, key and both types")
{
    SUBCASE("integer")
    {
        CHECK(error_of("[run]\nmin_runs = \"ten\"\n") ==
              "perfgate.toml:2:12: 'min_runs' in [run] must be an integer, not a string");
    }
    SUBCASE("string")
    {
        CHECK(error_of("[gate]\nbaseline = 3\n") ==
              "perfgate.toml:2:12: 'baseline' in [gate] must be a string, not an integer");
    }
    SUBCASE("array element")
    {
        CHECK(error_of("[discover]\npaths = [\"a\", 2]\n") ==
              "perfgate.toml:2:15: 'paths' in [discover] must hold only strings, not an integer");
    }
    SUBCASE("command")
    {
        CHECK(error_of("[[benchmark]]\ncommand = true\n") ==
              "perfgate.toml:2:11: 'command' in [[benchmark]] must be an array of strings or a "
              "string, not a boolean");
    }
    SUBCASE("section")
    {
        CHECK(error_of("[[run]]\nwarmup = 1\n") ==
              "perfgate.toml:1:1: 'run' must be a table, not an array");
    }
}

TEST_CASE("parse_config: invalid values are errors naming line and key")
{
    SUBCASE("duration")
    {
        const std::string prefix =
            "perfgate.toml:2:12: invalid duration 'soon' for 'min_time' in [run]: ";
        CHECK(head(error_of("[run]\nmin_time = \"soon\"\n"), prefix) == prefix);
    }
    SUBCASE("negative number of seconds")
    {
        CHECK(error_of("[run]\ntimeout = -1\n") ==
              "perfgate.toml:2:11: invalid duration '-1' for 'timeout' in [run]: expected a "
              "non-negative number of seconds");
    }
    SUBCASE("durations out of range, written as text or as seconds")
    {
        const std::string range = ": out of range, expected 0 or from 1ns to 168h (7 days)";
        CHECK(error_of("[run]\ntimeout = \"300000000h\"\n") ==
              "perfgate.toml:2:11: invalid duration '300000000h' for 'timeout' in [run]" + range);
        CHECK(error_of("[run]\ntimeout = 1e300\n") ==
              "perfgate.toml:2:11: invalid duration '1e+300' for 'timeout' in [run]" + range);
        CHECK(error_of("[run]\nmin_time = 1e-300\n") ==
              "perfgate.toml:2:12: invalid duration '1e-300' for 'min_time' in [run]" + range);
        CHECK(error_of("[discover]\nmin_time = \"1e-300s\"\n") ==
              "perfgate.toml:2:12: invalid duration '1e-300s' for 'min_time' in [discover]" +
                  range);
        CHECK(error_of("[[benchmark]]\ncommand = \"a\"\nbudget = 9223372036854775807\n") ==
              "perfgate.toml:3:10: invalid duration '9.223372036854776e+18' for 'budget' in "
              "[[benchmark]]" +
                  range);
    }
    SUBCASE("a percentage out of range")
    {
        CHECK(error_of("[gate]\nnoise = \"1e308%\"\n") ==
              "perfgate.toml:2:9: invalid percentage '1e308%' for 'noise' in [gate]: out of "
              "range, expected 0% or from 0.0001% to 10000%");
    }
    SUBCASE("percent")
    {
        // The rest of the message is parse_percent's.
        const std::string prefix = "perfgate.toml:3:11: ";
        const std::string message = error_of("[[benchmark]]\ncommand = \"a\"\nwarning = \"5\"\n");
        CHECK(head(message, prefix) == prefix);
        CHECK(message.find("'5' for 'warning' in [[benchmark]]: ") != std::string::npos);
    }
    SUBCASE("fail_on")
    {
        CHECK(error_of("[gate]\nfail_on = \"error\"\n") ==
              "perfgate.toml:2:11: invalid level 'error' for 'fail_on' in [gate]: expected "
              "warning, critical, blocker or never");
    }
    SUBCASE("min_runs above max_runs")
    {
        CHECK(error_of("[run]\nmin_runs = 50\nmax_runs = 20\n") ==
              "perfgate.toml:3:12: 'max_runs' (20) in [run] must not be below 'min_runs' (50)");
    }
    SUBCASE("min_runs below 1")
    {
        CHECK(error_of("[run]\nmin_runs = 0\n") ==
              "perfgate.toml:2:12: 'min_runs' in [run] must be between 1 and 2147483647, not 0");
    }
    SUBCASE("alpha")
    {
        CHECK(error_of("[gate]\nalpha = 1.5\n") ==
              "perfgate.toml:2:9: 'alpha' in [gate] must be between 0 and 1 (exclusive), not 1.5");
    }
    SUBCASE("thresholds that do not increase")
    {
        CHECK(error_of("[[policy]]\nmatch = \"*\"\nwarning = \"20%\"\nblocker = \"10%\"\n") ==
              "perfgate.toml:4:11: 'blocker' (10%) in [[policy]] must not be below 'warning' "
              "(20%)");
    }
    SUBCASE("a threshold above a default points at the one that is set")
    {
        CHECK(error_of("[gate]\nbaseline = \"main\"\ncritical = \"60%\"\n") ==
              "perfgate.toml:3:12: 'blocker' (50%, the default) in [gate] must not be below "
              "'critical' (60%)");
        CHECK(error_of("[gate]\nwarning = \"40%\"\n") ==
              "perfgate.toml:2:11: 'critical' (30%, the default) in [gate] must not be below "
              "'warning' (40%)");
    }
    SUBCASE("budget_statistic")
    {
        CHECK(error_of("[[benchmark]]\ncommand = \"a\"\nbudget_statistic = \"p42\"\n") ==
              "perfgate.toml:3:20: invalid value 'p42' for 'budget_statistic' in [[benchmark]]: "
              "expected mean, median, p50, p90, p95, p99, min or max");
    }
    SUBCASE("kind")
    {
        CHECK(error_of("[[benchmark]]\ncommand = \"a\"\nkind = \"gbench\"\n") ==
              "perfgate.toml:3:8: invalid value 'gbench' for 'kind' in [[benchmark]]: expected "
              "command, google-benchmark, criterion, pytest-benchmark or samples");
    }
}

TEST_CASE("parse_config: harness kinds run a command once and read what it wrote")
{
    const Config config = parse_config(R"([[benchmark]]
name = "rust"
kind = "criterion"
command = "cargo bench"
timeout = "20m"

[[benchmark]]
name = "py"
kind = "pytest-benchmark"
command = ["python3", "-m", "pytest", "bench"]
metric = "time"

[[benchmark]]
name = "loadgen"
kind = "samples"
command = "./loadgen --requests 1000"
)",
                                       "perfgate.toml");
    REQUIRE(config.benchmarks.size() == 3);
    CHECK(config.benchmarks[0].kind == BenchmarkKind::criterion);
    CHECK(config.benchmarks[0].name == "rust");
    CHECK(config.benchmarks[0].command_string == "cargo bench");
    CHECK(config.benchmarks[0].timeout == doctest::Approx(1200.0));
    CHECK(config.benchmarks[1].kind == BenchmarkKind::pytest_benchmark);
    CHECK(config.benchmarks[1].argv ==
          std::vector<std::string>{"python3", "-m", "pytest", "bench"});
    CHECK(config.benchmarks[1].metric == "time");
    CHECK_FALSE(config.benchmarks[1].timeout);
    CHECK(config.benchmarks[2].kind == BenchmarkKind::samples);
    CHECK(is_harness(BenchmarkKind::samples));
    CHECK(is_harness(BenchmarkKind::criterion));
    CHECK(is_harness(BenchmarkKind::pytest_benchmark));
    CHECK_FALSE(is_harness(BenchmarkKind::command));
    CHECK_FALSE(is_harness(BenchmarkKind::google_benchmark));
}

TEST_CASE("parse_config: harness entries need a name and take no hooks; commands no timeout")
{
    SUBCASE("no name")
    {
        CHECK(error_of("[run]\n[[benchmark]]\nkind = \"samples\"\ncommand = \"./gen\"\n") ==
              "perfgate.toml:2:1: [[benchmark]] of kind 'samples' needs a 'name': its results are "
              "named NAME/<id>");
    }
    SUBCASE("a hook")
    {
        CHECK(error_of("[[benchmark]]\nname = \"r\"\nkind = \"criterion\"\ncommand = \"cargo "
                       "bench\"\nprepare = \"sync\"\n") ==
              "perfgate.toml:5:11: 'prepare' in [[benchmark]] applies to commands; a benchmark "
              "of kind 'criterion' runs its command once");
    }
    SUBCASE("a timeout on a command")
    {
        CHECK(error_of("[[benchmark]]\ncommand = \"a\"\ntimeout = \"1s\"\n") ==
              "perfgate.toml:3:11: 'timeout' in [[benchmark]] is for kinds criterion, "
              "pytest-benchmark and samples; [run].timeout limits each run of a command or "
              "program");
    }
    SUBCASE("a zero timeout")
    {
        CHECK(error_of("[[benchmark]]\nname = \"p\"\nkind = \"pytest-benchmark\"\ncommand = "
                       "\"pytest\"\ntimeout = 0\n") ==
              "perfgate.toml:5:11: 'timeout' in [[benchmark]] must be greater than zero");
    }
}

TEST_CASE("parse_config: two benchmarks with the same name are an error naming both lines")
{
    CHECK(error_of("[[benchmark]]\ncommand = \"a\"\n\n[[benchmark]]\nname = \"a\"\ncommand = "
                   "[\"b\"]\n") ==
          "perfgate.toml:5:8: benchmark name 'a' is used twice, on lines 1 and 4");
}

TEST_CASE("parse_config: a benchmark needs a command and a policy a match")
{
    SUBCASE("no command")
    {
        CHECK(error_of("[run]\n\n[[benchmark]]\nname = \"a\"\n") ==
              "perfgate.toml:3:1: [[benchmark]] needs a 'command': an array of arguments or one "
              "string");
    }
    SUBCASE("empty command array")
    {
        CHECK(error_of("[[benchmark]]\ncommand = []\n") ==
              "perfgate.toml:2:11: 'command' in [[benchmark]] must name a program");
    }
    SUBCASE("empty command string")
    {
        CHECK(error_of("[[benchmark]]\ncommand = \"\"\n") ==
              "perfgate.toml:2:11: 'command' in [[benchmark]] must not be empty");
    }
    SUBCASE("no match")
    {
        CHECK(error_of("[[policy]]\nwarning = \"1%\"\n") ==
              "perfgate.toml:1:1: [[policy]] needs a 'match' glob");
    }
}

TEST_CASE("parse_config: TOML syntax errors name the origin, line and column")
{
    const std::string prefix = "ci/perfgate.toml:2:";
    std::string message;
    try {
        parse_config("[run]\nwarmup = = 1\n", "ci/perfgate.toml");
    } catch (const perfgate::Error& error) {
        CHECK(error.code() == perfgate::ExitCode::usage);
        message = error.what();
    }
    CHECK(head(message, prefix) == prefix);
    CHECK(message.size() > prefix.size() + 4);
}

TEST_CASE("config: parse_fail_on and to_string")
{
    SUBCASE("every level round-trips")
    {
        for (FailOn fail_on : {FailOn::warning, FailOn::critical, FailOn::blocker, FailOn::never}) {
            CHECK(parse_fail_on(to_string(fail_on)) == fail_on);
        }
        CHECK(to_string(FailOn::critical) == "critical");
    }
    SUBCASE("unknown level")
    {
        CHECK_THROWS_AS(parse_fail_on("Blocker"), perfgate::Error);
    }
    SUBCASE("Level")
    {
        CHECK(to_string(Level::none) == "none");
        CHECK(to_string(Level::warning) == "warning");
        CHECK(to_string(Level::critical) == "critical");
        CHECK(to_string(Level::blocker) == "blocker");
    }
}

TEST_CASE("find_config walks up to the nearest perfgate.toml")
{
    TempDir temp;
    const fs::path nested = temp.path() / "a" / "b" / "c";
    fs::create_directories(nested);
    write(temp.path() / "perfgate.toml", "");

    SUBCASE("from a nested directory")
    {
        CHECK(find_config(nested) == temp.path() / "perfgate.toml");
    }
    SUBCASE("the nearest one wins")
    {
        write(temp.path() / "a" / "perfgate.toml", "");
        CHECK(find_config(nested) == temp.path() / "a" / "perfgate.toml");
    }
    SUBCASE("a directory named perfgate.toml is skipped")
    {
        fs::create_directories(temp.path() / "a" / "b" / "perfgate.toml");
        CHECK(find_config(nested) == temp.path() / "perfgate.toml");
    }
    SUBCASE("a relative start is made absolute")
    {
        const fs::path previous = fs::current_path();
        fs::current_path(nested);
        const std::optional<fs::path> found = find_config(".");
        fs::current_path(previous);
        CHECK(found == fs::canonical(temp.path()) / "perfgate.toml");
    }
}

TEST_CASE("load_config reads the file and sets file and root")
{
    TempDir temp;
    const fs::path file = temp.path() / "perfgate.toml";

    SUBCASE("a file")
    {
        write(file, "[run]\nwarmup = 3\n");
        const Config config = load_config(file);
        CHECK(config.run.warmup == 3);
        CHECK(config.file == file);
        CHECK(config.root == temp.path());
    }
    SUBCASE("errors name the file")
    {
        write(file, "[run]\nwarmup = -1\n");
        CHECK_THROWS_WITH_AS(load_config(file),
                             (file.string() + ":2:10: 'warmup' in [run] must be between 0 and "
                                              "2147483647, not -1")
                                 .c_str(),
                             perfgate::Error);
    }
    SUBCASE("a missing file")
    {
        try {
            load_config(temp.path() / "missing.toml");
            FAIL("no error");
        } catch (const perfgate::Error& error) {
            CHECK(error.code() == perfgate::ExitCode::usage);
            CHECK(std::string(error.what()).find("missing.toml") != std::string::npos);
        }
    }
}

TEST_CASE("parse_config: [[budget]] tables")
{
    SUBCASE("every key")
    {
        const Config config = parse_config(R"([[budget]]
match = "api/*"
metric = "peak_rss"
statistic = "p95"
max = "500MB"
min = "1kB"
level = "critical"
warn_headroom = "10%"

[[budget]]
match = "loadgen"
metric = "requests_per_second"
min = "50/s"
)",
                                           "perfgate.toml");
        REQUIRE(config.budgets.size() == 2);
        const BudgetConfig& memory = config.budgets[0];
        CHECK(memory.match == "api/*");
        CHECK(memory.metric == "peak_rss");
        CHECK(memory.statistic == "p95");
        REQUIRE(memory.max);
        CHECK(memory.max->value == doctest::Approx(500e6));
        CHECK(memory.max->kind == QuantityKind::bytes);
        CHECK(memory.max->text == "500MB");
        REQUIRE(memory.min);
        CHECK(memory.min->value == doctest::Approx(1000));
        CHECK(memory.level == Level::critical);
        CHECK(memory.warn_headroom == doctest::Approx(0.10));
        CHECK(memory.line == 1);
        const BudgetConfig& rate = config.budgets[1];
        CHECK_FALSE(rate.max);
        REQUIRE(rate.min);
        CHECK(rate.min->kind == QuantityKind::rate);
        CHECK(rate.statistic == "median");
        CHECK(rate.level == Level::blocker);
        CHECK(rate.warn_headroom == 0);
        CHECK(rate.line == 10);
    }
    SUBCASE("defaults: the wall time's median, a blocker")
    {
        const Config config = parse_config("[[budget]]\nmatch = \"*\"\nmax = 0.25\n", "x.toml");
        REQUIRE(config.budgets.size() == 1);
        CHECK_FALSE(config.budgets[0].metric);
        CHECK(config.budgets[0].max->kind == QuantityKind::number);
        CHECK(config.budgets[0].max->value == doctest::Approx(0.25));
        CHECK(config.budgets[0].max->text == "0.25");
    }
    SUBCASE("the [[benchmark]] shorthand becomes a budget after the [[budget]] tables")
    {
        const Config config = parse_config(R"([[benchmark]]
name = "parse"
command = "true"
budget = "200ms"
budget_statistic = "p95"

[[budget]]
match = "parse"
metric = "peak_rss"
max = "512MiB"
)",
                                           "perfgate.toml");
        REQUIRE(config.budgets.size() == 2);
        CHECK(config.budgets[0].metric == "peak_rss");
        const BudgetConfig& shorthand = config.budgets[1];
        CHECK(shorthand.match.empty());
        CHECK(shorthand.benchmark == "parse");
        CHECK_FALSE(shorthand.metric);
        CHECK(shorthand.statistic == "p95");
        REQUIRE(shorthand.max);
        CHECK(shorthand.max->value == doctest::Approx(0.2));
        CHECK(shorthand.max->text == "200ms");
        CHECK(shorthand.line == 4);
    }
}

TEST_CASE("parse_config: bad budgets are errors naming file, line and what was expected")
{
    SUBCASE("an unknown unit")
    {
        CHECK(error_of("[[budget]]\nmatch = \"*\"\nmax = \"500 parsecs\"\n") ==
              "perfgate.toml:3:7: invalid value '500 parsecs' for 'max' in [[budget]]: unknown "
              "unit 'parsecs'; expected a time (ns, us, ms, s, m, h), a size (B, kB, MB, GB, TB, "
              "KiB, MiB, GiB, TiB), a rate (/s, /min, /h), a size per second (MB/s, GiB/s, ...) "
              "or a percentage (%)");
    }
    SUBCASE("a negative number")
    {
        CHECK(error_of("[[budget]]\nmatch = \"*\"\nmin = -5\n") ==
              "perfgate.toml:3:7: invalid value '-5' for 'min' in [[budget]]: expected a "
              "non-negative number");
    }
    SUBCASE("a wrong type")
    {
        CHECK(error_of("[[budget]]\nmatch = \"*\"\nmax = true\n") ==
              "perfgate.toml:3:7: 'max' in [[budget]] must be a value such as \"100ms\", "
              "\"500MB\", \"50/s\", \"5%\" or a number, not a boolean");
    }
    SUBCASE("no limit")
    {
        CHECK(error_of("[[budget]]\nmatch = \"*\"\nmetric = \"wall\"\n") ==
              "perfgate.toml:1:1: [[budget]] needs a 'max' (a ceiling), a 'min' (a floor) or "
              "both");
    }
    SUBCASE("no match")
    {
        CHECK(error_of("[[budget]]\nmax = \"1s\"\n") ==
              "perfgate.toml:1:1: [[budget]] needs a 'match' glob on benchmark ids");
    }
    SUBCASE("a floor above the ceiling")
    {
        CHECK(error_of("[[budget]]\nmatch = \"*\"\nmax = \"1s\"\nmin = \"2s\"\n") ==
              "perfgate.toml:4:7: 'min' (2s) in [[budget]] is above 'max' (1s): no value can "
              "meet both");
    }
    SUBCASE("an unknown statistic, level or key")
    {
        CHECK(error_of("[[budget]]\nmatch = \"*\"\nmax = 1\nstatistic = \"p999\"\n") ==
              "perfgate.toml:4:13: invalid value 'p999' for 'statistic' in [[budget]]: expected "
              "mean, median, p50, p90, p95, p99, min or max");
        CHECK(error_of("[[budget]]\nmatch = \"*\"\nmax = 1\nlevel = \"never\"\n") ==
              "perfgate.toml:4:9: invalid value 'never' for 'level' in [[budget]]: expected "
              "warning, critical or blocker");
        CHECK(error_of("[[budget]]\nmatch = \"*\"\nmax = 1\nceiling = 2\n") ==
              "perfgate.toml:4:1: unknown key 'ceiling' in [[budget]]");
    }
    SUBCASE("warn_headroom")
    {
        CHECK(error_of("[[budget]]\nmatch = \"*\"\nmax = 1\nwarn_headroom = \"100%\"\n") ==
              "perfgate.toml:4:17: 'warn_headroom' in [[budget]] must be below 100%, not 100%");
    }
    SUBCASE("the shorthand limits wall time: a size is an error pointing at [[budget]]")
    {
        CHECK(error_of("[[benchmark]]\ncommand = \"a\"\nbudget = \"500MB\"\n") ==
              "perfgate.toml:3:10: 'budget' in [[benchmark]] is a ceiling on wall time, and "
              "'500MB' is a size in bytes: limit other metrics with a [[budget]] that names its "
              "'metric' (such as metric = \"peak_rss\")");
        CHECK(error_of("[[benchmark]]\ncommand = \"a\"\nbudget = \"0ms\"\n") ==
              "perfgate.toml:3:10: 'budget' in [[benchmark]] must be greater than zero");
    }
}

TEST_CASE("parse_config: [[policy]] says what metrics mean")
{
    SUBCASE("direction and unit")
    {
        const Config config = parse_config(R"([[policy]]
match = "cache/*"
metrics = ["hit_rate", "resident"]
better = "higher"
unit = "B"
)",
                                           "perfgate.toml");
        REQUIRE(config.policies.size() == 1);
        CHECK(config.policies[0].better == perfgate::core::Better::higher);
        CHECK(config.policies[0].unit == "B");
    }
    SUBCASE("errors")
    {
        CHECK(error_of("[[policy]]\nmatch = \"*\"\nbetter = \"higher\"\n") ==
              "perfgate.toml:3:10: 'better' in [[policy]] describes metrics: name them in "
              "'metrics'");
        CHECK(error_of("[[policy]]\nmatch = \"*\"\nmetrics = [\"x\"]\nbetter = \"up\"\n") ==
              "perfgate.toml:4:10: invalid value 'up' for 'better' in [[policy]]: expected lower "
              "or higher");
        CHECK(error_of("[[policy]]\nmatch = \"*\"\nmetrics = [\"x\"]\nunit = \"MB\"\n") ==
              "perfgate.toml:4:8: invalid value 'MB' for 'unit' in [[policy]]: expected s, ms, "
              "us, ns, B, B/s, 1/s, % or \"\" (a plain number)");
    }
}

TEST_CASE("parse_config: negative thresholds are required improvements")
{
    SUBCASE("accepted in [gate], [[benchmark]] and [[policy]]")
    {
        const Config config = parse_config(R"([gate]
warning = "-40%"
critical = "-35%"
blocker = "-30%"

[[benchmark]]
command = "a"
warning = "-10%"

[[policy]]
match = "*"
metrics = ["items_per_second"]
warning = "10%"
)",
                                           "perfgate.toml");
        CHECK(config.gate.warning == doctest::Approx(-0.40));
        CHECK(config.gate.critical == doctest::Approx(-0.35));
        CHECK(config.gate.blocker == doctest::Approx(-0.30));
        CHECK(config.benchmarks[0].thresholds.warning == doctest::Approx(-0.10));
        CHECK(config.policies[0].thresholds.warning == doctest::Approx(0.10));
    }
    SUBCASE("the most improvement is asked at warning")
    {
        CHECK(error_of("[[benchmark]]\ncommand = \"a\"\nwarning = \"-30%\"\nblocker = "
                       "\"-40%\"\n") ==
              "perfgate.toml:4:11: 'blocker' (-40%) in [[benchmark]] must not be below 'warning' "
              "(-30%): a required improvement asks the most at 'warning', e.g. warning = "
              "\"-40%\", blocker = \"-30%\"");
    }
    SUBCASE("a negative threshold below the inherited defaults in [gate]")
    {
        CHECK(
            error_of("[gate]\nblocker = \"-10%\"\n") ==
            "perfgate.toml:2:11: 'blocker' (-10%) in [gate] must not be below 'critical' "
            "(30%, the default): a required improvement asks the most at 'warning', e.g. warning = "
            "\"-40%\", blocker = \"-30%\"");
    }
    SUBCASE("noise stays non-negative")
    {
        CHECK(head(error_of("[gate]\nnoise = \"-1%\"\n"),
                   "perfgate.toml:2:9: invalid percentage '-1%' for 'noise' in [gate]") ==
              "perfgate.toml:2:9: invalid percentage '-1%' for 'noise' in [gate]");
    }
}

TEST_CASE("parse_config: [profile.NAME] and apply_profile")
{
    Config config = parse_config(R"([run]
min_runs = 10
max_runs = 100
min_time = "3s"

[discover]
launches = 5
repetitions = 3

[profile.quick]
min_runs = 3
max_runs = 5
min_time = 0
launches = 2
repetitions = 1
benchmark_min_time = "0.01s"
filter = "BM_Fast"

[profile.full]
min_runs = 200
warmup = 3
)",
                                 "perfgate.toml");
    REQUIRE(config.profiles.size() == 2);
    CHECK(config.profiles[1].name == "quick");
    CHECK(config.profiles[1].line == 10);
    SUBCASE("quick")
    {
        CHECK(apply_profile(config, "quick") == "BM_Fast");
        CHECK(config.run.min_runs == 3);
        CHECK(config.run.max_runs == 5);
        CHECK(config.run.min_time == 0);
        CHECK(config.run.warmup == 1);
        CHECK(config.discover.launches == 2);
        CHECK(config.discover.repetitions == 1);
        CHECK(config.discover.min_time == doctest::Approx(0.01));
    }
    SUBCASE("full: one bound moves the other so runs stay possible")
    {
        CHECK(apply_profile(config, "full").empty());
        CHECK(config.run.min_runs == 200);
        CHECK(config.run.max_runs == 200);
        CHECK(config.run.warmup == 3);
        CHECK(config.discover.launches == 5);
    }
    SUBCASE("an unknown profile names the defined ones")
    {
        try {
            apply_profile(config, "nightly");
            FAIL("no error");
        } catch (const perfgate::Error& error) {
            CHECK(error.code() == perfgate::ExitCode::usage);
            CHECK(std::string(error.what()) ==
                  "unknown profile 'nightly': perfgate.toml defines full, quick");
        }
    }
    SUBCASE("errors in a profile name it")
    {
        CHECK(error_of("[profile.quick]\nruns = 3\n") ==
              "perfgate.toml:2:1: unknown key 'runs' in [profile.quick]");
        CHECK(error_of("[profile.quick]\nmin_runs = 5\nmax_runs = 2\n") ==
              "perfgate.toml:3:12: 'max_runs' (2) in [profile.quick] must not be below "
              "'min_runs' (5)");
        CHECK(error_of("profile = 3\n") ==
              "perfgate.toml:1:11: 'profile' must hold tables such as [profile.quick], not an "
              "integer");
    }
}

TEST_CASE("parse_config: [report] formats and stats")
{
    const Config config =
        parse_config("[report]\nformats = [\"console\", \"html\"]\nstats = [\"p50\", \"p99\"]\n",
                     "perfgate.toml");
    CHECK(config.report.formats == std::vector<std::string>{"console", "html"});
    CHECK(config.report.stats == std::vector<std::string>{"p50", "p99"});
    CHECK(error_of("[report]\nformats = [\"console\", \"pdf\"]\n") ==
          "perfgate.toml:2:23: invalid value 'pdf' in 'formats' in [report]: expected console, "
          "markdown, html, json or junit");
    CHECK(error_of("[report]\nstats = [\"p42\"]\n") ==
          "perfgate.toml:2:10: invalid value 'p42' in 'stats' in [report]: expected mean, "
          "median, p50, p90, p95, p99, min or max");
}

TEST_CASE("parse_statistics reads --stats")
{
    CHECK(parse_statistics("p50,p95,p99") == std::vector<std::string>{"p50", "p95", "p99"});
    CHECK(parse_statistics("mean,mean") == std::vector<std::string>{"mean"});
    for (const auto name : k_statistic_names) {
        CHECK(parse_statistics(name) == std::vector<std::string>{std::string(name)});
    }
    try {
        parse_statistics("p50,stddev");
        FAIL("no error");
    } catch (const perfgate::Error& error) {
        CHECK(std::string(error.what()) == "unknown statistic 'stddev': expected mean, median, "
                                           "p50, p90, p95, p99, min or max");
    }
}

TEST_CASE("config_location names the file as it was given")
{
    const Config config = parse_config("", "conf/perfgate.toml");
    CHECK(config_location(config, 12) == "conf/perfgate.toml:12");
}

TEST_SUITE_END();
