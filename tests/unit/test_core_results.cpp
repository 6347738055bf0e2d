#include <core/json_file.hpp>
#include <core/results.hpp>
#include <util/file.hpp>

#include "test_support.hpp"
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <limits>
#include <string>
#include <vector>

TEST_SUITE_BEGIN("core_results");

using namespace perfgate;
using namespace perfgate::core;
using nlohmann::ordered_json;
using perfgate::test::error_of;
using perfgate::test::TempDir;
namespace fs = std::filesystem;

namespace {

constexpr const char* k_awkward_id = "latency/disabled-at-runtime (global logger): 1/2 <x>";

ResultsDocument sample_document()
{
    ResultsDocument document;
    document.perfgate_version = "0.1.0";
    document.created = "2026-11-22T05:00:00Z";
    document.environment = {"ci-runner-7",
                            "Linux 6.1.0",
                            "AMD EPYC 7B13",
                            2,
                            25769803776ULL,
                            GitInfo{"0123456789abcdef", "main", true}};

    BenchmarkResult sort;
    sort.id = "bench_sort/BM_Sort/1024";
    sort.source = Source::google_benchmark;
    sort.executable = "build/bench_sort";
    sort.context = std::make_shared<const nlohmann::json>(
        nlohmann::json{{"library_build_type", "release"}, {"cpu_scaling_enabled", false}});
    sort.metric("real_time", "ns", Better::lower).samples = {812.4, 809.9, 811.0};
    sort.metric("items_per_second", "1/s", Better::higher).samples = {1.26e6, 1.25e6, 1.27e6};
    document.benchmarks.push_back(sort);

    BenchmarkResult command;
    command.id = k_awkward_id;
    command.command = {"./build/tool", "parse", "data/large file.json"};
    command.shell = "/bin/sh";
    command.shell_startup_seconds = 0.00125;
    command.exit_codes = {0, 0, 0};
    command.parameters = {{"size", "10"}, {"mode", "fast"}};
    // Deliberately not in name order: the order must survive a round trip.
    command.metric("wall", "s", Better::lower).samples = {0.21, 0.2, 0.205};
    command.metric("user", "s", Better::lower).samples = {0.1, 0.11, 0.1};
    command.metric("sys", "s", Better::lower).samples = {0.01, 0.02, 0.01};
    command.metric("cpu", "s", Better::lower).samples = {0.11, 0.13, 0.11};
    command.metric("peak_rss", "B", Better::lower).samples = {1048576, 1052672, 1048576};
    document.benchmarks.push_back(command);

    BenchmarkResult broken;
    broken.id = "crashes";
    broken.command = {"./crash"};
    broken.status = Status::failed;
    broken.message = "killed by signal 11 (SIGSEGV)";
    broken.exit_codes = {-11};
    document.benchmarks.push_back(broken);
    return document;
}

void check_same_samples(const std::vector<double>& actual, const std::vector<double>& expected)
{
    REQUIRE(actual.size() == expected.size());
    for (std::size_t i = 0; i < actual.size(); ++i) {
        CAPTURE(i);
        if (std::isnan(expected[i])) {
            CHECK(std::isnan(actual[i]));
        } else {
            CHECK(actual[i] == expected[i]);
        }
    }
}

void check_same(const ResultsDocument& actual, const ResultsDocument& expected)
{
    CHECK(actual.perfgate_version == expected.perfgate_version);
    CHECK(actual.created == expected.created);
    CHECK(actual.environment.host == expected.environment.host);
    CHECK(actual.environment.os == expected.environment.os);
    CHECK(actual.environment.cpu == expected.environment.cpu);
    CHECK(actual.environment.cpus == expected.environment.cpus);
    CHECK(actual.environment.memory_bytes == expected.environment.memory_bytes);
    REQUIRE(actual.environment.git.has_value() == expected.environment.git.has_value());
    if (expected.environment.git) {
        CHECK(actual.environment.git->commit == expected.environment.git->commit);
        CHECK(actual.environment.git->branch == expected.environment.git->branch);
        CHECK(actual.environment.git->dirty == expected.environment.git->dirty);
    }
    REQUIRE(actual.benchmarks.size() == expected.benchmarks.size());
    for (std::size_t b = 0; b < expected.benchmarks.size(); ++b) {
        const BenchmarkResult& got = actual.benchmarks[b];
        const BenchmarkResult& want = expected.benchmarks[b];
        CAPTURE(want.id);
        CHECK(got.id == want.id);
        CHECK(got.source == want.source);
        CHECK(got.executable == want.executable);
        CHECK(got.command == want.command);
        CHECK(got.shell == want.shell);
        CHECK(got.shell_startup_seconds == want.shell_startup_seconds);
        CHECK(got.status == want.status);
        CHECK(got.message == want.message);
        CHECK(got.exit_codes == want.exit_codes);
        CHECK(got.parameters == want.parameters);
        REQUIRE((got.context == nullptr) == (want.context == nullptr));
        if (want.context) {
            CHECK(*got.context == *want.context);
        }
        REQUIRE(got.metrics.size() == want.metrics.size());
        for (std::size_t m = 0; m < want.metrics.size(); ++m) {
            CAPTURE(want.metrics[m].name);
            CHECK(got.metrics[m].name == want.metrics[m].name);
            CHECK(got.metrics[m].unit == want.metrics[m].unit);
            CHECK(got.metrics[m].better == want.metrics[m].better);
            check_same_samples(got.metrics[m].samples, want.metrics[m].samples);
        }
    }
}

// Return the keys of a JSON object in order.
std::vector<std::string> keys_of(const ordered_json& object)
{
    std::vector<std::string> keys;
    for (const auto& [key, value] : object.items()) {
        keys.push_back(key);
    }
    return keys;
}

// Return the message of the Error that reading `json` as "x.json" throws.
std::string read_error(const ordered_json& json)
{
    const Error error = error_of([&] { results_from_json(json, "x.json"); });
    CHECK(error.code() == ExitCode::usage);
    return error.what();
}

void write(const fs::path& path, std::string_view content)
{
    std::ofstream(path, std::ios::binary) << content;
}

} // namespace

TEST_CASE("to_string names match the results schema")
{
    CHECK(to_string(Better::lower) == "lower");
    CHECK(to_string(Better::higher) == "higher");
    CHECK(to_string(Status::ok) == "ok");
    CHECK(to_string(Status::failed) == "failed");
    CHECK(to_string(Status::timeout) == "timeout");
    CHECK(to_string(Status::skipped) == "skipped");
    CHECK(to_string(Status::interrupted) == "interrupted");
    CHECK(to_string(Source::command) == "command");
    CHECK(to_string(Source::google_benchmark) == "google-benchmark");
    CHECK(to_string(Source::criterion) == "criterion");
    CHECK(to_string(Source::pytest_benchmark) == "pytest-benchmark");
    CHECK(to_string(Source::samples) == "samples");
}

TEST_CASE("BenchmarkResult finds and adds metrics")
{
    BenchmarkResult result;
    CHECK(result.find_metric("wall") == nullptr);

    Metric& wall = result.metric("wall", "s", Better::lower);
    wall.samples.push_back(1.5);
    SUBCASE("a new metric is added once")
    {
        Metric& again = result.metric("wall", "ignored", Better::higher);
        CHECK(&again == &result.metrics.front());
        CHECK(again.unit == "s");
        CHECK(again.better == Better::lower);
        CHECK(result.metrics.size() == 1);
    }
    SUBCASE("find_metric returns it")
    {
        const Metric* found = result.find_metric("wall");
        REQUIRE(found != nullptr);
        CHECK(found->samples == std::vector<double>{1.5});
        CHECK(result.find_metric("user") == nullptr);
    }
}

TEST_CASE("to_json writes the layout of docs/formats.md")
{
    const ordered_json json = to_json(sample_document());

    SUBCASE("top level")
    {
        CHECK(keys_of(json) == std::vector<std::string>{
                                   "schema", "perfgate", "created", "environment", "benchmarks"});
        CHECK(json["schema"] == "perfgate-results/1");
        CHECK(json["perfgate"] == "0.1.0");
        CHECK(json["created"] == "2026-11-22T05:00:00Z");
        CHECK(json["environment"]["memory_bytes"] == 25769803776ULL);
        CHECK(json["environment"]["git"]["dirty"] == true);
    }
    SUBCASE("google benchmark")
    {
        const ordered_json& sort = json["benchmarks"][0];
        CHECK(keys_of(sort) == std::vector<std::string>{
                                   "id", "source", "executable", "status", "context", "metrics"});
        CHECK(sort["source"] == "google-benchmark");
        CHECK(sort["context"]["library_build_type"] == "release");
        CHECK(keys_of(sort["metrics"]) ==
              std::vector<std::string>{"real_time", "items_per_second"});
        const ordered_json& real_time = sort["metrics"]["real_time"];
        CHECK(keys_of(real_time) ==
              std::vector<std::string>{"unit", "better", "samples", "summary"});
        CHECK(real_time["unit"] == "ns");
        CHECK(real_time["better"] == "lower");
        CHECK(real_time["samples"] == ordered_json{812.4, 809.9, 811.0});
        CHECK(sort["metrics"]["items_per_second"]["better"] == "higher");
    }
    SUBCASE("summary")
    {
        const ordered_json& summary = json["benchmarks"][0]["metrics"]["real_time"]["summary"];
        CHECK(keys_of(summary) == std::vector<std::string>{"n",
                                                           "mean",
                                                           "median",
                                                           "stddev",
                                                           "min",
                                                           "max",
                                                           "p90",
                                                           "p95",
                                                           "p99",
                                                           "mad",
                                                           "outliers"});
        CHECK(summary["n"] == 3);
        CHECK(summary["median"] == 811.0);
        CHECK(summary["min"] == 809.9);
        CHECK(summary["max"] == 812.4);
        CHECK(summary["outliers"] == 0);
    }
    SUBCASE("command")
    {
        const ordered_json& command = json["benchmarks"][1];
        CHECK(keys_of(command) == std::vector<std::string>{"id",
                                                           "source",
                                                           "command",
                                                           "shell",
                                                           "shell_startup_seconds",
                                                           "status",
                                                           "exit_codes",
                                                           "parameters",
                                                           "metrics"});
        CHECK(command["id"] == k_awkward_id);
        CHECK(command["source"] == "command");
        CHECK(command["command"][2] == "data/large file.json");
        CHECK(command["exit_codes"] == ordered_json{0, 0, 0});
        CHECK(keys_of(command["metrics"]) ==
              std::vector<std::string>{"wall", "user", "sys", "cpu", "peak_rss"});
    }
    SUBCASE("failure")
    {
        const ordered_json& broken = json["benchmarks"][2];
        CHECK(keys_of(broken) ==
              std::vector<std::string>{
                  "id", "source", "command", "status", "message", "exit_codes", "metrics"});
        CHECK(broken["status"] == "failed");
        CHECK(broken["message"] == "killed by signal 11 (SIGSEGV)");
        CHECK(broken["metrics"] == ordered_json::object());
    }
}

TEST_CASE("a results document survives a round trip")
{
    const ResultsDocument original = sample_document();

    SUBCASE("through ordered JSON")
    {
        check_same(results_from_json(to_json(original), "memory"), original);
    }
    SUBCASE("through JSON text")
    {
        const std::string text = to_json(original).dump(2);
        check_same(results_from_json(ordered_json::parse(text), "memory"), original);
    }
    SUBCASE("through a file")
    {
        const TempDir dir;
        save_results(original, dir / "results.json");
        check_same(load_results(dir / "results.json"), original);
    }
    SUBCASE("through nlohmann::json, which sorts metrics by name")
    {
        const ResultsDocument read = results_from_json(nlohmann::json(to_json(original)), "memory");
        REQUIRE(read.benchmarks.size() == 3);
        std::vector<std::string> names;
        for (const Metric& metric : read.benchmarks[1].metrics) {
            names.push_back(metric.name);
        }
        CHECK(names == std::vector<std::string>{"cpu", "peak_rss", "sys", "user", "wall"});
        CHECK(read.benchmarks[1].find_metric("wall")->samples ==
              std::vector<double>{0.21, 0.2, 0.205});
    }
    SUBCASE("without optional fields")
    {
        ResultsDocument bare;
        BenchmarkResult result;
        result.id = "x";
        result.metric("wall", "s", Better::lower);
        bare.benchmarks.push_back(result);
        const ordered_json json = to_json(bare);
        CHECK(keys_of(json["environment"]) ==
              std::vector<std::string>{"host", "os", "cpu", "cpus", "memory_bytes"});
        check_same(results_from_json(json, "memory"), bare);
    }
}

TEST_CASE("non-finite samples are written as null and read back as NaN")
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double infinity = std::numeric_limits<double>::infinity();
    ResultsDocument document;
    BenchmarkResult result;
    result.id = "odd";
    result.metric("ratio", "1", Better::higher).samples = {1.0, nan, infinity, 2.0};
    document.benchmarks.push_back(result);

    const ordered_json json = to_json(document);
    const ordered_json& metric = json["benchmarks"][0]["metrics"]["ratio"];
    CHECK(metric["samples"] == ordered_json::parse("[1.0, null, null, 2.0]"));
    CHECK(metric["summary"]["n"] == 3);

    const ResultsDocument read = results_from_json(ordered_json::parse(json.dump()), "memory");
    check_same_samples(read.benchmarks[0].metrics[0].samples, {1.0, nan, nan, 2.0});
}

TEST_CASE("results_from_json accepts unknown fields and ignores stored summaries")
{
    ordered_json json = to_json(sample_document());
    json["future_field"] = {{"anything", 1}};
    json["benchmarks"][0]["labels"] = {"a", "b"};
    json["benchmarks"][0]["metrics"]["real_time"]["summary"] = "not even an object";
    json["environment"]["kernel_flags"] = "x";

    const ResultsDocument read = results_from_json(json, "x.json");
    REQUIRE(read.benchmarks.size() == 3);
    CHECK(read.benchmarks[0].find_metric("real_time")->samples ==
          std::vector<double>{812.4, 809.9, 811.0});
}

TEST_CASE("results_from_json rejects other schemas")
{
    ordered_json json = to_json(sample_document());

    SUBCASE("unknown")
    {
        json["schema"] = "foo/2";
        CHECK(read_error(json) ==
              "'x.json': unknown schema 'foo/2': expected 'perfgate-results/1'");
    }
    SUBCASE("missing")
    {
        json.erase("schema");
        CHECK(read_error(json) == "'x.json': missing schema: expected 'perfgate-results/1'");
    }
    SUBCASE("not a string")
    {
        json["schema"] = 1;
        CHECK(read_error(json) == "'x.json': unknown schema 1: expected 'perfgate-results/1'");
    }
    SUBCASE("not an object at all")
    {
        CHECK(read_error(ordered_json::array()) == "'x.json': expected a JSON object");
    }
}

TEST_CASE("results_from_json names the path of a missing or mistyped field")
{
    ordered_json json = to_json(sample_document());
    ordered_json& command = json["benchmarks"][1];

    SUBCASE("missing id")
    {
        command.erase("id");
        CHECK(read_error(json) == "'x.json': benchmarks[1].id: missing, expected a string");
    }
    SUBCASE("missing benchmarks")
    {
        json.erase("benchmarks");
        CHECK(read_error(json) == "'x.json': benchmarks: missing, expected an array");
    }
    SUBCASE("samples not an array")
    {
        command["metrics"]["wall"]["samples"] = "fast";
        CHECK(read_error(json) ==
              "'x.json': benchmarks[1].metrics.wall.samples: expected an array of numbers");
    }
    SUBCASE("a sample not a number")
    {
        command["metrics"]["wall"]["samples"][1] = "0.2";
        CHECK(read_error(json) ==
              "'x.json': benchmarks[1].metrics.wall.samples[1]: expected a finite, non-negative "
              "number, not \"0.2\"");
    }
    SUBCASE("missing unit")
    {
        command["metrics"]["peak_rss"].erase("unit");
        CHECK(read_error(json) ==
              "'x.json': benchmarks[1].metrics.peak_rss.unit: missing, expected a string");
    }
    SUBCASE("a metric name that is not an identifier")
    {
        command["metrics"]["bytes per item.v2"] = {
            {"unit", "B"}, {"better", "sideways"}, {"samples", {1}}};
        CHECK(read_error(json) == "'x.json': benchmarks[1].metrics[\"bytes per item.v2\"].better: "
                                  "unknown value 'sideways': expected 'lower' or 'higher'");
    }
    SUBCASE("unknown status")
    {
        command["status"] = "great";
        CHECK(read_error(json) == "'x.json': benchmarks[1].status: unknown value 'great': expected "
                                  "'ok', 'failed', 'timeout', 'skipped' or 'interrupted'");
    }
    SUBCASE("unknown source")
    {
        command["source"] = "hyperfine";
        CHECK(read_error(json) == "'x.json': benchmarks[1].source: unknown value 'hyperfine': "
                                  "expected 'command', 'google-benchmark', 'criterion', "
                                  "'pytest-benchmark' or 'samples'");
    }
    SUBCASE("command not an array of strings")
    {
        command["command"] = ordered_json::array({"./tool", 3});
        CHECK(read_error(json) == "'x.json': benchmarks[1].command[1]: expected a string");
    }
    SUBCASE("an exit code that is not an integer")
    {
        command["exit_codes"][2] = 0.5;
        CHECK(read_error(json) ==
              "'x.json': benchmarks[1].exit_codes[2]: expected an integer, not a fraction");
    }
    SUBCASE("negative memory")
    {
        json["environment"]["memory_bytes"] = -1;
        CHECK(read_error(json) ==
              "'x.json': environment.memory_bytes: integer -1 out of range: expected 0 to "
              "18446744073709551615");
    }
    SUBCASE("git.dirty not a boolean")
    {
        json["environment"]["git"]["dirty"] = "yes";
        CHECK(read_error(json) == "'x.json': environment.git.dirty: expected true or false");
    }
    SUBCASE("a benchmark not an object")
    {
        json["benchmarks"][2] = "crashes";
        CHECK(read_error(json) == "'x.json': benchmarks[2]: expected an object");
    }
}

TEST_CASE("results_from_json says when an integer is out of range")
{
    ordered_json json = to_json(sample_document());
    SUBCASE("cpus")
    {
        json["environment"]["cpus"] = 99999999999;
        CHECK(read_error(json) == "'x.json': environment.cpus: integer 99999999999 out of range: "
                                  "expected 0 to 2147483647");
    }
    SUBCASE("an exit code")
    {
        json["benchmarks"][1]["exit_codes"][0] = 18446744073709551615ULL;
        CHECK(read_error(json) == "'x.json': benchmarks[1].exit_codes[0]: integer "
                                  "18446744073709551615 out of range: expected -2147483648 to "
                                  "2147483647");
    }
}

TEST_CASE("results_from_json rejects impossible samples, ids and metric names")
{
    ordered_json json = to_json(sample_document());
    ordered_json& command = json["benchmarks"][1];

    SUBCASE("a negative time")
    {
        command["metrics"]["wall"]["samples"][1] = -0.2;
        CHECK(read_error(json) == "'x.json': benchmarks[1].metrics.wall.samples[1]: expected a "
                                  "finite, non-negative number, not -0.2");
    }
    SUBCASE("an absurdly long time")
    {
        json["benchmarks"][0]["metrics"]["real_time"]["samples"][2] = 1e300;
        CHECK(read_error(json) == "'x.json': benchmarks[0].metrics.real_time.samples[2]: 1e+300 ns "
                                  "is out of range: expected at most 1e+18 ns (about 31 years)");
    }
    SUBCASE("a negative shell start-up time")
    {
        command["shell_startup_seconds"] = -1;
        CHECK(read_error(json) == "'x.json': benchmarks[1].shell_startup_seconds: expected a "
                                  "finite, non-negative number, not -1");
    }
    SUBCASE("an empty id")
    {
        command["id"] = "";
        CHECK(read_error(json) == "'x.json': benchmarks[1].id: expected a non-empty id");
    }
    SUBCASE("a duplicate id")
    {
        json["benchmarks"][2]["id"] = k_awkward_id;
        CHECK(read_error(json) == std::string("'x.json': benchmarks[2].id: the id '") +
                                      k_awkward_id + "' is used twice; ids must be unique");
    }
    SUBCASE("an empty metric name")
    {
        command["metrics"][""] = command["metrics"]["wall"];
        CHECK(read_error(json) ==
              "'x.json': benchmarks[1].metrics[\"\"]: expected a non-empty metric name");
    }
    SUBCASE("an error inside a metric whose name is not UTF-8")
    {
        command["metrics"]["bad\xff"] = {{"unit", "s"}, {"better", "lower"}, {"samples", {-1}}};
        CHECK(read_error(json) == "'x.json': benchmarks[1].metrics[\"bad\xef\xbf\xbd\"]"
                                  ".samples[0]: expected a finite, non-negative number, not -1");
    }
}

TEST_CASE("results_from_json accepts zero times and any finite counter")
{
    ordered_json json = to_json(sample_document());
    json["benchmarks"][1]["metrics"]["sys"]["samples"] = {0.0, 0, 0.0};
    json["benchmarks"][0]["metrics"]["items_per_second"]["samples"] = {-1.5, 0, nullptr};
    const ResultsDocument read = results_from_json(json, "x.json");
    CHECK(read.benchmarks[1].find_metric("sys")->samples == std::vector<double>{0, 0, 0});
    const auto& counter = read.benchmarks[0].find_metric("items_per_second")->samples;
    REQUIRE(counter.size() == 3);
    CHECK(counter[0] == -1.5);
    CHECK(counter[1] == 0);
    CHECK(std::isnan(counter[2]));
}

TEST_CASE("read_json_file reports where JSON is malformed")
{
    const TempDir dir;
    const fs::path path = dir / "base.json";
    const auto error_for = [&](std::string_view content) {
        write(path, content);
        const Error error = error_of([&] { read_json_file(path); });
        CHECK(error.code() == ExitCode::usage);
        return std::string(error.what());
    };

    SUBCASE("a trailing comma")
    {
        CHECK(error_for("{\n  \"a\": 1,\n  \"b\": [1, 2,]\n}\n") ==
              path.string() +
                  ":3:14: malformed JSON: unexpected ']'; expected '[', '{', or a literal");
    }
    SUBCASE("a column counted in characters, not bytes")
    {
        CHECK(error_for("{\"\u00b5s\": 1 2}") ==
              path.string() + ":1:10: malformed JSON: unexpected number literal; expected '}'");
    }
    SUBCASE("a truncated file")
    {
        CHECK(error_for("{\n  \"benchmarks\": [\n    {\"id\": \"a\"") ==
              path.string() + ":3:15: malformed JSON: unexpected end of input; expected '}'");
    }
    SUBCASE("an empty file")
    {
        CHECK(error_for("") == path.string() + ": empty file, expected JSON");
        CHECK(error_for(" \n\t\n") == path.string() + ": empty file, expected JSON");
    }
    SUBCASE("nested too deep to copy and print safely")
    {
        const std::string deep = "{\n  \"a\": " + std::string(100000, '[');
        CHECK(error_for(deep) == path.string() + ":2:263: malformed JSON: nested deeper than " +
                                     std::to_string(k_max_json_depth) + " levels");
    }
    SUBCASE("a number out of range")
    {
        CHECK(error_for("[1e400]") ==
              path.string() + ": malformed JSON: number overflow parsing '1e400'");
    }
}

TEST_CASE("read_json_file reads JSON and names a missing file")
{
    const TempDir dir;
    write(dir / "ok.json", "{\"b\": [1, 2.5, null], \"a\": \"x\"}");
    const nlohmann::json json = read_json_file(dir / "ok.json");
    CHECK(json["a"] == "x");
    CHECK(json["b"].size() == 3);

    const Error error = error_of([&] { read_json_file(dir / "missing.json"); });
    CHECK(error.code() == ExitCode::usage);
    CHECK(std::string(error.what()) ==
          "cannot read '" + (dir / "missing.json").string() + "': No such file or directory");
}

TEST_CASE("load_results names the file in errors")
{
    const TempDir dir;
    const fs::path path = dir / "base.json";
    write(path, R"({"schema": "foo/2", "benchmarks": []})");
    const Error error = error_of([&] { load_results(path); });
    CHECK(error.code() == ExitCode::usage);
    CHECK(std::string(error.what()) ==
          "'" + path.string() + "': unknown schema 'foo/2': expected 'perfgate-results/1'");
}

TEST_CASE("save_results writes pretty JSON atomically")
{
    const TempDir dir;
    const fs::path path = dir / "baselines" / "main.json";
    save_results(sample_document(), path);
    save_results(sample_document(), path);

    const std::string text = util::read_file(path);
    CHECK(text.starts_with("{\n  \"schema\": \"perfgate-results/1\",\n  \"perfgate\": \"0.1.0\","));
    CHECK(text.ends_with("}\n"));
    CHECK(text.find(k_awkward_id) != std::string::npos);
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir / "baselines")) {
        names.push_back(entry.path().filename().string());
    }
    CHECK(names == std::vector<std::string>{"main.json"});
}

TEST_SUITE_END();
