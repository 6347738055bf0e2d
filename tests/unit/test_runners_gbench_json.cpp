#include <runners/gbench_json.hpp>

#include "gbench_documents.hpp"
#include "test_support.hpp"
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>
#include <vector>

TEST_SUITE_BEGIN("runners_gbench_json");

using namespace perfgate;
using namespace perfgate::runners;
using namespace perfgate::test;
using Type = GoogleBenchmarkValue::Type;

namespace {

// What the reader handed over: every context and a copy of every run.
struct Recorded : GoogleBenchmarkSink
{
    std::vector<nlohmann::json> contexts;
    std::vector<GoogleBenchmarkRun> runs;

    void context(nlohmann::json context) override { contexts.push_back(std::move(context)); }
    void run(const GoogleBenchmarkRun& run) override { runs.push_back(run); }
};

Recorded read(const std::string& text, bool allow_truncated = false)
{
    Recorded recorded;
    read_google_benchmark_json(text, "bench.json", allow_truncated, recorded);
    return recorded;
}

// Return the message of the Error that reading `text` throws, checking its code.
std::string read_error(const std::string& text, bool allow_truncated = false)
{
    const Error error = error_of([&] { read(text, allow_truncated); });
    CHECK(error.code() == ExitCode::usage);
    return error.what();
}

// Return "LINE:COLUMN" of byte `offset` of `text`, counted here by hand (ASCII text).
std::string line_column(const std::string& text, std::size_t offset)
{
    std::size_t line = 1;
    std::size_t column = 1;
    for (std::size_t i = 0; i < offset; ++i) {
        column = text[i] == '\n' ? 1 : column + 1;
        line += text[i] == '\n' ? 1 : 0;
    }
    return fmt::format("{}:{}", line, column);
}

bool has_counter(const GoogleBenchmarkRun& run, const std::string& name)
{
    return std::any_of(run.counters.begin(), run.counters.end(), [&](const auto& counter) {
        return counter.first == name;
    });
}

constexpr const char* k_not_google_benchmark =
    "'bench.json': not Google Benchmark output (expected a \"context\" object and a "
    "\"benchmarks\" array)";

} // namespace

TEST_CASE("read_google_benchmark_json reads bare NaN, Infinity and -Infinity as numbers")
{
    const std::string text = document({
        run("BM_Odd",
            0,
            "NaN",
            "-Infinity",
            "ns",
            "",
            ",\n      \"ratio\": -Infinity,\n      \"rate\": Infinity,\n      \"mean\": NaN"),
        run("NaN Infinity",
            0,
            "1",
            "2",
            "ns",
            "",
            ",\n      \"label\": \"NaN -Infinity \\\"NaN\\\" Infinity\""),
    });
    const Recorded recorded = read(text);
    REQUIRE(recorded.runs.size() == 2);
    const double inf = std::numeric_limits<double>::infinity();
    const auto& odd = recorded.runs[0];
    CHECK(odd.real_time.type == Type::number);
    CHECK(std::isnan(odd.real_time.number));
    CHECK(odd.cpu_time.type == Type::number);
    CHECK(odd.cpu_time.number == -inf);
    REQUIRE(odd.counters.size() == 3);
    CHECK(odd.counters[0] == std::pair<std::string, double>{"ratio", -inf});
    CHECK(odd.counters[1] == std::pair<std::string, double>{"rate", inf});
    CHECK(odd.counters[2].first == "mean");
    CHECK(std::isnan(odd.counters[2].second));
    // Inside strings the words stay text; the label is not a counter.
    const auto& words = recorded.runs[1];
    CHECK(words.name.text == "NaN Infinity");
    CHECK(words.real_time.number == 1);
    CHECK(words.counters.empty());
}

TEST_CASE("read_google_benchmark_json reads numbers as strtod does, integers exactly")
{
    const auto counter_of = [](const std::string& number) {
        const Recorded recorded =
            read(document({run("BM_A", 0, "1", "1", "ns", "", ",\n      \"n\": " + number)}));
        REQUIRE(recorded.runs.size() == 1);
        REQUIRE(recorded.runs[0].counters.size() == 1);
        return recorded.runs[0].counters[0].second;
    };
    for (const char* number : {"0e307",
                               "0.5",
                               "0.30000000000000004",
                               "123456789012345678901234567890",
                               "1e-400",
                               "4.9e-324",
                               "1.7976931348623157e308",
                               "-2.5E+3",
                               "18446744073709551616",
                               "-9223372036854775809"}) {
        CAPTURE(number);
        CHECK(counter_of(number) == std::strtod(number, nullptr));
    }
    const auto index_of = [](const std::string& number) {
        const std::string text =
            R"({"context": {}, "benchmarks": [{"family_index": )" + number + "}]}";
        const Recorded recorded = read(text);
        REQUIRE(recorded.runs.size() == 1);
        return recorded.runs[0].family_index;
    };
    CHECK(index_of("18446744073709551615").type == Type::index);
    CHECK(index_of("18446744073709551615").index == 18446744073709551615ULL);
    CHECK(index_of("18446744073709551616").type == Type::number);
    CHECK(index_of("-0").type == Type::number);
    CHECK(index_of("7.0").type == Type::number);
    CHECK(index_of("7e0").type == Type::number);
    for (const char* huge : {"1.8e308", "100e307", "-1e400"}) {
        CAPTURE(huge);
        const std::string text =
            R"({"context": {}, "benchmarks": [{"family_index": )" + std::string(huge) + "}]}";
        CHECK(read_error(text) ==
              "'bench.json':1:49: invalid Google Benchmark JSON: number out of range of a double");
    }
}

TEST_CASE("read_google_benchmark_json keeps the context as a tree")
{
    const std::string text =
        R"({"context": {"date": "2024-05-14", "num_cpus": 2, "offset": -3, "mhz": 2.5,
            "cpu_scaling_enabled": false, "load_avg": [NaN, Infinity, -Infinity],
            "caches": [{"level": 1, "size": 32768}], "library_build_type": "release"},
            "benchmarks": []})";
    const Recorded recorded = read(text);
    REQUIRE(recorded.contexts.size() == 1);
    const nlohmann::json expected = nlohmann::json::parse(
        R"({"date": "2024-05-14", "num_cpus": 2, "offset": -3, "mhz": 2.5,
            "cpu_scaling_enabled": false, "load_avg": [null, "Infinity", "-Infinity"],
            "caches": [{"level": 1, "size": 32768}], "library_build_type": "release"})");
    CHECK(recorded.contexts[0] == expected);
    CHECK(recorded.contexts[0]["num_cpus"].is_number_unsigned());
    CHECK(recorded.runs.empty());
}

TEST_CASE("read_google_benchmark_json hands over each run's members as written")
{
    const std::string text = R"({"context": {}, "benchmarks": [
  {"name": "BM_A", "family_index": 9007199254740993, "per_family_instance_index": -1,
   "run_type": "iteration", "real_time": "12", "cpu_time": 1.5, "error_occurred": false,
   "error_message": {"text": "oops"}, "skipped": 1, "iterations": 7, "threads": 1,
   "hits": 3, "hits": 4, "misses": 2, "misses": "many", "note": "x", "sizes": [1, 2],
   "nulls": null, "up": "Infinity"}
]})";
    const Recorded recorded = read(text);
    REQUIRE(recorded.runs.size() == 1);
    const GoogleBenchmarkRun& run = recorded.runs[0];
    CHECK(run.index == 0);
    CHECK(line_column(text, run.offset) == "2:3");
    CHECK(run.name.type == Type::string);
    CHECK(run.name.text == "BM_A");
    CHECK(run.run_name.type == Type::absent);
    CHECK(run.time_unit.type == Type::absent);
    CHECK(run.family_index.type == Type::index);
    CHECK(run.family_index.index == 9007199254740993ULL);
    CHECK(run.per_family_instance_index.type == Type::number);
    CHECK(run.per_family_instance_index.number == -1);
    CHECK(run.real_time.type == Type::string);
    CHECK(run.cpu_time.number == 1.5);
    CHECK(run.error_occurred.type == Type::boolean);
    CHECK_FALSE(run.error_occurred.boolean);
    CHECK(run.error_message.type == Type::compound);
    CHECK(run.skipped.type == Type::index);
    // The last of a repeated member counts; fields of the library and members that hold no
    // number are not counters.
    REQUIRE(run.counters.size() == 3);
    CHECK(run.counters[0] == std::pair<std::string, double>{"hits", 4});
    CHECK(run.counters[1].first == "nulls");
    CHECK(std::isnan(run.counters[1].second));
    CHECK(run.counters[2] ==
          std::pair<std::string, double>{"up", std::numeric_limits<double>::infinity()});
    CHECK_FALSE(has_counter(run, "misses"));

    // Each value's offset is where it starts.
    CHECK(run.real_time.offset == text.find("\"12\""));
    CHECK(run.cpu_time.offset == text.find("1.5"));
    CHECK(run.error_message.offset == text.find("{\"text\""));
    CHECK(run.error_occurred.offset == text.find("false"));
    CHECK(run.per_family_instance_index.offset == text.find("-1"));
    CHECK(run.run_type.offset == text.find("\"iteration\""));
}

TEST_CASE("read_google_benchmark_json starts each run afresh")
{
    const Recorded recorded = read(
        document({run("BM_A", 0, "1", "2", "us", "", ",\n \"c\": 1"), aggregate("BM_A", "mean")}));
    REQUIRE(recorded.runs.size() == 2);
    CHECK(recorded.runs[0].time_unit.text == "us");
    CHECK(recorded.runs[1].index == 1);
    CHECK(recorded.runs[1].run_type.text == "aggregate");
    CHECK(recorded.runs[1].counters.empty());
    CHECK(recorded.runs[1].error_occurred.type == Type::absent);
}

TEST_CASE("read_google_benchmark_json rejects what is not Google Benchmark output")
{
    SUBCASE("malformed JSON, at its line and column")
    {
        const std::string valid = document({run("BM_A", 0, "1", "1")});
        const auto at = valid.find("\"iterations\"");
        REQUIRE(at != std::string::npos);
        const std::string text = valid.substr(0, at) + "," + valid.substr(at);
        CHECK(read_error(text) ==
              fmt::format("'bench.json':{}: invalid Google Benchmark JSON: expected a member "
                          "name in double quotes",
                          line_column(text, at)));
    }
    SUBCASE("an empty text")
    {
        CHECK(read_error(" \n") ==
              "'bench.json': invalid Google Benchmark JSON: the output is empty");
    }
    SUBCASE("a NUL byte")
    {
        const std::string text = std::string(R"({"context": {}, "benchmarks": []})") + '\0' + "x";
        CHECK(read_error(text) ==
              "'bench.json':1:34: invalid Google Benchmark JSON: unexpected NUL byte");
    }
    SUBCASE("a kept string that is not UTF-8")
    {
        const std::string bad = "{\"context\": {\"host_name\": \"\xff\"}, \"benchmarks\": []}";
        CHECK(read_error(bad) ==
              "'bench.json':1:27: invalid Google Benchmark JSON: a string is not valid UTF-8");
        const std::string key = "{\"context\": {\"\xc3\x28\": 1}, \"benchmarks\": []}";
        CHECK(read_error(key) ==
              "'bench.json':1:14: invalid Google Benchmark JSON: a string is not valid UTF-8");
        // A name cut inside a sequence, and a counter named with an encoded surrogate.
        const std::string runs = R"({"context": {}, "benchmarks": [)";
        CHECK(read_error(runs + R"({"name": "BM_)" + "\xf0\x9f\x98" + "\"}]}") ==
              "'bench.json':1:41: invalid Google Benchmark JSON: a string is not valid UTF-8");
        CHECK(read_error(runs + R"({"BM_)" + "\xed\xa0\x80" + "\": 1}]}") ==
              "'bench.json':1:33: invalid Google Benchmark JSON: a string is not valid UTF-8");
        // A string that is dropped is not read.
        const std::string label = R"({"context": {}, "benchmarks": [{"name": "BM_A", "label": ")" +
                                  std::string("\xff") + "\"}]}";
        CHECK(read(label).runs.size() == 1);
    }
    SUBCASE("a run that is not an object")
    {
        const std::string text = "{\"context\": {},\n \"benchmarks\": [{\"name\": \"BM_A\"},\n 3]}";
        CHECK(read_error(text) == "'bench.json':3:2: benchmarks[1]: expected an object");
    }
    SUBCASE("JSON of another shape")
    {
        for (const char* other : {R"({"context": {"library_build_type": "release"}})",
                                  R"({"schema": "perfgate-results/1", "benchmarks": []})",
                                  R"({"context": {}, "benchmarks": {}})",
                                  R"({"context": [], "benchmarks": []})",
                                  R"([{"context": {}, "benchmarks": []}])",
                                  "[]",
                                  R"("benchmarks")"}) {
            CAPTURE(other);
            CHECK(read_error(other) == k_not_google_benchmark);
        }
    }
}

TEST_CASE("read_google_benchmark_json checks the context fields that perfgate reads")
{
    const auto text = [](const std::string& field) {
        return "{\"context\": {\"num_cpus\": 2,\n  " + field + "},\n\"benchmarks\": []}";
    };
    CHECK(read_error(text(R"("date": 20240514)")) ==
          "'bench.json':2:11: context.date: expected a string");
    CHECK(read_error(text(R"("library_build_type": ["release"])")) ==
          "'bench.json':2:25: context.library_build_type: expected a string");
    CHECK(read_error(text(R"("cpu_scaling_enabled": "no")")) ==
          "'bench.json':2:26: context.cpu_scaling_enabled: expected true or false");
    // Deeper members of the same names are not the fields.
    CHECK(read(text(R"("caches": [{"date": 1}])")).contexts.size() == 1);
}

TEST_CASE("read_google_benchmark_json refuses numbers too large and nesting too deep")
{
    const std::string huge = document({run("BM_A", 0, "1e400", "1")});
    CHECK(read_error(huge) ==
          fmt::format("'bench.json':{}: invalid Google Benchmark JSON: number out of range of a "
                      "double",
                      line_column(huge, huge.find("1e400"))));
    const std::string deep = R"({"context": {"x": )" + std::string(100000, '[');
    CHECK(read_error(deep, true) ==
          "'bench.json':1:273: invalid Google Benchmark JSON: nested deeper than 256 levels");
}

TEST_CASE("read_google_benchmark_json reads a truncated list only when allowed")
{
    const std::string full = document({run("BM_A", 0, "1", "1"),
                                       run("BM_B", 0, "2", "2"),
                                       run("BM_A", 1, "3", "3"),
                                       aggregate("BM_A", "mean")});
    // Cut in the middle of the third run, as a crash leaves the file.
    const std::string cut = full.substr(0, full.find("\"repetition_index\": 1"));
    REQUIRE(cut.size() < full.size());

    SUBCASE("rejected without allow_truncated, naming the line where the text ends")
    {
        CHECK(read_error(cut) ==
              fmt::format("'bench.json':{}: invalid Google Benchmark JSON: truncated: the text "
                          "ends inside the document",
                          line_column(cut, cut.size())));
    }
    SUBCASE("read up to the last complete run with allow_truncated")
    {
        const Recorded recorded = read(cut, true);
        REQUIRE(recorded.runs.size() == 2);
        CHECK(recorded.runs[0].name.text == "BM_A");
        CHECK(recorded.runs[1].name.text == "BM_B");
        REQUIRE(recorded.contexts.size() == 1);
        CHECK(recorded.contexts[0]["library_build_type"] == "release");
    }
    SUBCASE("a complete text is read whole with allow_truncated")
    {
        CHECK(read(full, true).runs.size() == 4);
    }
    SUBCASE("no complete run")
    {
        const std::string first_cut = full.substr(0, full.find("\"repetition_index\": 0"));
        CHECK(read_error(first_cut, true)
                  .ends_with(": truncated: the text ends inside the "
                             "document"));
    }
    SUBCASE("cut inside the context")
    {
        const std::string in_context = full.substr(0, full.find("\"load_avg\""));
        CHECK(read_error(in_context, true)
                  .ends_with(": truncated: the text ends inside the "
                             "document"));
    }
}

TEST_CASE("looks_like_google_benchmark_json wants a context object at the top level")
{
    SUBCASE("true")
    {
        CHECK(looks_like_google_benchmark_json(document({run("BM_A", 0, "1", "1")})));
        CHECK(looks_like_google_benchmark_json(R"({"context": {}, "benchmarks": []})"));
        CHECK(looks_like_google_benchmark_json(
            R"({"benchmarks": [{"context": 1}], "context": {"a": NaN}})"));
        // Malformed text that mentions both is left for the reader to explain.
        CHECK(looks_like_google_benchmark_json(R"({"benchmarks": [1,, "context")"));
    }
    SUBCASE("false")
    {
        for (const char* other :
             {R"({"schema": "perfgate-results/1", "context": {}, "benchmarks": []})",
              R"({"benchmarks": [{"context": {}}]})",
              R"({"context": [], "benchmarks": []})",
              R"([{"context": {}, "benchmarks": []}])",
              R"("context")",
              R"({"benchmarks": [1,, )",
              R"({"machine_info": {}, "benchmarks": []})"}) {
            CAPTURE(other);
            CHECK_FALSE(looks_like_google_benchmark_json(other));
        }
    }
}

TEST_SUITE_END();
