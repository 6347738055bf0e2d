#include <reporters/hyperfine_export.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

TEST_SUITE_BEGIN("reporters_hyperfine_export");

using namespace perfgate;
using namespace perfgate::reporters;
using core::BenchmarkResult;

namespace {

// A command benchmark `id` with the given wall times (user and sys a tenth and a twentieth).
BenchmarkResult command_result(const std::string& id, const std::vector<double>& wall)
{
    BenchmarkResult result;
    result.id = id;
    result.source = core::Source::command;
    result.command = {"sh", "-c", id};
    std::vector<double> user;
    std::vector<double> sys;
    for (const double w : wall) {
        user.push_back(w / 10);
        sys.push_back(w / 20);
        result.exit_codes.push_back(0);
    }
    result.metric("wall", "s", core::Better::lower).samples = wall;
    result.metric("user", "s", core::Better::lower).samples = user;
    result.metric("sys", "s", core::Better::lower).samples = sys;
    return result;
}

// A Google Benchmark result `id` with real times in ns.
BenchmarkResult program_result(const std::string& id, const std::vector<double>& real_time)
{
    BenchmarkResult result;
    result.id = id;
    result.source = core::Source::google_benchmark;
    result.executable = "build/string_bench";
    result.metric("real_time", "ns", core::Better::lower).samples = real_time;
    return result;
}

} // namespace

TEST_CASE("to_hyperfine_json writes hyperfine's fields")
{
    auto fast = command_result("fast", {0.010, 0.012, 0.014});
    fast.exit_codes = {0, 1, 0};
    const auto json = to_hyperfine_json({fast});

    REQUIRE(json.contains("results"));
    REQUIRE(json["results"].size() == 1);
    const auto& entry = json["results"][0];
    std::vector<std::string> keys;
    for (const auto& item : entry.items()) {
        keys.push_back(item.key());
    }
    CHECK(keys == std::vector<std::string>{"command",
                                           "mean",
                                           "stddev",
                                           "median",
                                           "user",
                                           "system",
                                           "min",
                                           "max",
                                           "times",
                                           "exit_codes"});
    CHECK(entry["command"] == "fast");
    CHECK(entry["mean"].get<double>() == doctest::Approx(0.012));
    CHECK(entry["stddev"].get<double>() == doctest::Approx(0.002));
    CHECK(entry["median"].get<double>() == doctest::Approx(0.012));
    CHECK(entry["user"].get<double>() == doctest::Approx(0.0012));
    CHECK(entry["system"].get<double>() == doctest::Approx(0.0006));
    CHECK(entry["min"].get<double>() == doctest::Approx(0.010));
    CHECK(entry["max"].get<double>() == doctest::Approx(0.014));
    CHECK(entry["times"].get<std::vector<double>>() == std::vector<double>{0.010, 0.012, 0.014});
    CHECK(entry["exit_codes"].get<std::vector<int>>() == std::vector<int>{0, 1, 0});
}

TEST_CASE("to_hyperfine_json writes parameters only when there are some")
{
    auto with = command_result("sleep 0.1", {0.1, 0.1});
    with.parameters = {{"t", "0.1"}, {"n", "2"}};
    const auto without = command_result("true", {0.001, 0.001});
    const auto json = to_hyperfine_json({with, without});
    REQUIRE(json["results"].size() == 2);
    CHECK(json["results"][0]["parameters"] == nlohmann::ordered_json{{"n", "2"}, {"t", "0.1"}});
    CHECK_FALSE(json["results"][1].contains("parameters"));
}

TEST_CASE("to_hyperfine_json leaves out what hyperfine would not have measured")
{
    auto unmeasured = command_result("failed in warmup", {});
    unmeasured.status = core::Status::failed;
    const auto json = to_hyperfine_json(
        {program_result("BM_Sort/8", {100, 110}), unmeasured, command_result("kept", {0.5})});
    REQUIRE(json["results"].size() == 1);
    CHECK(json["results"][0]["command"] == "kept");

    CHECK(to_hyperfine_json({}) == nlohmann::ordered_json{{"results", nlohmann::json::array()}});
}

TEST_CASE("to_hyperfine_markdown writes hyperfine's table")
{
    const std::vector<BenchmarkResult> results{command_result("slow", {0.020, 0.024, 0.028}),
                                               command_result("fast", {0.010, 0.012, 0.014})};
    const std::string header = "| Command | Mean [ms] | Min [ms] | Max [ms] | Relative |\n"
                               "|:---|---:|---:|---:|---:|\n";

    SUBCASE("in the fastest's unit, relative to it with the propagated error")
    {
        // 2 * hypot(4/24, 2/12) = 0.471
        CHECK(to_hyperfine_markdown(results, std::nullopt) ==
              header + "| `slow` | 24.0 ± 4.0 | 20.0 | 28.0 | 2.00 ± 0.47 |\n"
                       "| `fast` | 12.0 ± 2.0 | 10.0 | 14.0 | 1.00 |\n");
    }
    SUBCASE("in a chosen unit")
    {
        const auto markdown = to_hyperfine_markdown(results, core::time_unit_named("microsecond"));
        CHECK(markdown.starts_with("| Command | Mean [\u00b5s] | Min [\u00b5s] | Max [\u00b5s] |"));
        CHECK(markdown.find("| `fast` | 12000.0 ± 2000.0 | 10000.0 | 14000.0 | 1.00 |\n") !=
              std::string::npos);
    }
    SUBCASE("slower without any spread is not shown as the reference")
    {
        const auto markdown = to_hyperfine_markdown(
            {command_result("one", {0.010}), command_result("two", {0.020})}, std::nullopt);
        CHECK(markdown == header + "| `one` | 10.0 ± 0.0 | 10.0 | 10.0 | 1.00 |\n"
                                   "| `two` | 20.0 ± 0.0 | 20.0 | 20.0 | 2.00 ± 0.00 |\n");
    }
    SUBCASE("Google Benchmark results and unmeasured commands left out")
    {
        const auto markdown = to_hyperfine_markdown(
            {program_result("BM_Sort/8", {100}), command_result("unmeasured", {}), results[1]},
            std::nullopt);
        CHECK(markdown == header + "| `fast` | 12.0 ± 2.0 | 10.0 | 14.0 | 1.00 |\n");
    }
}

TEST_CASE("to_hyperfine_markdown keeps awkward names inside their code span")
{
    SUBCASE("a pipe is escaped")
    {
        const auto markdown =
            to_hyperfine_markdown({command_result("seq 10 | wc -l", {0.01})}, std::nullopt);
        CHECK(markdown.find("| `seq 10 \\| wc -l` |") != std::string::npos);
    }
    SUBCASE("a backtick gets a double fence")
    {
        const auto markdown =
            to_hyperfine_markdown({command_result("echo `date`", {0.01})}, std::nullopt);
        CHECK(markdown.find("| `` echo `date` `` |") != std::string::npos);
    }
}

TEST_CASE("to_hyperfine_markdown keeps hostile names on their row, inert")
{
    SUBCASE("a line break, control characters and workflow commands are escaped")
    {
        const auto markdown = to_hyperfine_markdown(
            {command_result("ok\n::error::x", {0.01}), command_result("\x1b[31m##[group]", {0.01})},
            std::nullopt);
        CHECK(markdown.find("| `ok\\x0a::error::x` |") != std::string::npos);
        CHECK(markdown.find("| `\\x1b[31m##\\x5bgroup]` |") != std::string::npos);
        CHECK(std::count(markdown.begin(), markdown.end(), '\n') == 4);
    }
    SUBCASE("a run of backticks gets a longer fence")
    {
        const auto markdown =
            to_hyperfine_markdown({command_result("a``b`", {0.01})}, std::nullopt);
        CHECK(markdown.find("| ``` a``b` ``` |") != std::string::npos);
    }
}

TEST_CASE("to_hyperfine_table writes hyperfine's AsciiDoc and org-mode tables")
{
    const std::vector<BenchmarkResult> results{command_result("slow", {0.020, 0.024, 0.028}),
                                               command_result("a|b", {0.010, 0.012, 0.014})};
    SUBCASE("AsciiDoc")
    {
        CHECK(to_hyperfine_table(results, Markup::asciidoc, std::nullopt) ==
              "[cols=\"<,>,>,>,>\"]\n|===\n"
              "| Command \n| Mean [ms] \n| Min [ms] \n| Max [ms] \n| Relative \n"
              "\n| `slow` \n| 24.0 ± 4.0 \n| 20.0 \n| 28.0 \n| 2.00 ± 0.47 \n"
              "\n| `a\\|b` \n| 12.0 ± 2.0 \n| 10.0 \n| 14.0 \n| 1.00 \n"
              "|===\n");
    }
    SUBCASE("org-mode")
    {
        CHECK(to_hyperfine_table(results, Markup::orgmode, std::nullopt) ==
              "| Command  |  Mean [ms] |  Min [ms] |  Max [ms] |  Relative |\n"
              "|--+--+--+--+--|\n"
              "| =slow=  |  24.0 ± 4.0 |  20.0 |  28.0 |  2.00 ± 0.47 |\n"
              "| =a\\|b=  |  12.0 ± 2.0 |  10.0 |  14.0 |  1.00 |\n");
    }
    SUBCASE("sorted by mean time, fastest first")
    {
        const auto markdown =
            to_hyperfine_table(results, Markup::markdown, std::nullopt, SortOrder::mean_time);
        CHECK(markdown.find("`a\\|b`") < markdown.find("`slow`"));
        const auto as_given = to_hyperfine_table(results, Markup::markdown, std::nullopt);
        CHECK(as_given.find("`slow`") < as_given.find("`a\\|b`"));
    }
}

TEST_CASE("sorted_results orders by mean wall time, unmeasured last, ties as given")
{
    const std::vector<BenchmarkResult> results{command_result("c", {0.3}),
                                               command_result("none", {}),
                                               command_result("a", {0.1}),
                                               command_result("b", {0.1})};
    auto ids = [](const std::vector<BenchmarkResult>& sorted) {
        std::string text;
        for (const auto& result : sorted) {
            text += result.id + " ";
        }
        return text;
    };
    CHECK(ids(sorted_results(results, SortOrder::mean_time)) == "a b c none ");
    CHECK(ids(sorted_results(results, SortOrder::command)) == "c none a b ");
}

TEST_CASE("to_hyperfine_csv writes hyperfine's columns, parameters and quoting")
{
    auto first = command_result("sleep 0.1", {1.0, 2.0, 3.0});
    first.parameters = {{"n", "1"}, {"mode", "fast"}};
    first.metric("user", "s", core::Better::lower).samples = {0.25, 0.25, 0.25};
    first.metric("sys", "s", core::Better::lower).samples = {0.5, 0.5, 0.5};
    auto second = command_result("echo \"a,b\"", {4.0});
    second.parameters = {{"n", "2"}, {"mode", "slow"}};
    CHECK(to_hyperfine_csv({first, program_result("BM_X", {1}), second}) ==
          "command,mean,stddev,median,user,system,min,max,parameter_mode,parameter_n\n"
          "sleep 0.1,2,1,2,0.25,0.5,1,3,fast,1\n"
          "\"echo \"\"a,b\"\"\",4,0,4,0.4,0.2,4,4,slow,2\n");
    CHECK(to_hyperfine_csv({}) == "command,mean,stddev,median,user,system,min,max\n");
}

TEST_SUITE_END();
