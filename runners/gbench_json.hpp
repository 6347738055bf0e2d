#pragma once

#include <core/json_reader.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace perfgate::runners {

// One member of a Google Benchmark run as written: its JSON type and content.
struct GoogleBenchmarkValue
{
    enum class Type { absent, null, boolean, index, number, string, compound };
    Type type = Type::absent;
    bool boolean = false;
    std::uint64_t index = 0; // a non-negative integer, exactly (Type::index)
    double number = 0;       // any number, NaN and ±Infinity included (Type::index or number)
    std::string text;        // Type::string
    std::size_t offset = 0;  // the byte where the value starts

    bool is_number() const { return type == Type::index || type == Type::number; }
};

// The members of one element of `benchmarks` that perfgate reads, as written.
struct GoogleBenchmarkRun
{
    std::size_t index = 0;  // the element's position in `benchmarks`
    std::size_t offset = 0; // where its object starts
    GoogleBenchmarkValue name;
    GoogleBenchmarkValue run_name;
    GoogleBenchmarkValue run_type;
    GoogleBenchmarkValue family_index;
    GoogleBenchmarkValue per_family_instance_index;
    GoogleBenchmarkValue time_unit;
    GoogleBenchmarkValue real_time;
    GoogleBenchmarkValue cpu_time;
    GoogleBenchmarkValue error_occurred;
    GoogleBenchmarkValue error_message;
    GoogleBenchmarkValue skipped;
    GoogleBenchmarkValue skip_message;
    // The members that are not fields of the library, with a number as value (null reads as
    // NaN, the strings "Infinity" and "-Infinity" as infinities), in the order written.
    std::vector<std::pair<std::string, double>> counters;
};

// Receives a Google Benchmark document while it is read: the runs one by one, each complete.
class GoogleBenchmarkSink
{
public:
    virtual ~GoogleBenchmarkSink() = default;

    // Take the `context` object; its `date` and `library_build_type` are strings and its
    // `cpu_scaling_enabled` a boolean when present.
    virtual void context(nlohmann::json context) = 0;

    // Take one element of `benchmarks`, an object; `run` is reused for the next one.
    virtual void run(const GoogleBenchmarkRun& run) = 0;
};

// Read Google Benchmark's JSON output (`--benchmark_out`) in one pass, without building its
// tree: bare NaN, Infinity and -Infinity are numbers, and in the context null and the strings
// "Infinity" and "-Infinity". A text cut off after the first complete run is read up to its last
// complete run when `allow_truncated` (a crashed program's output). Malformed text, or text that
// is not Google Benchmark output, throws Error(usage) "'ORIGIN':LINE:COLUMN: ...".
void read_google_benchmark_json(const std::string& text,
                                std::string_view origin,
                                bool allow_truncated,
                                GoogleBenchmarkSink& sink);

// Return whether `text` is Google Benchmark output: a `context` object at its top level. Stops
// reading there. Text malformed before it can tell counts when it mentions both "context" and
// "benchmarks", so that read_google_benchmark_json explains what is wrong.
bool looks_like_google_benchmark_json(const std::string& text);

// Fail with Error(usage) "'ORIGIN':LINE:COLUMN: PATH: problem" for the value at byte `offset`
// of `text`.
[[noreturn]] void fail_at(std::string_view text,
                          std::string_view origin,
                          std::size_t offset,
                          const core::JsonPath& path,
                          std::string_view problem);

} // namespace perfgate::runners
