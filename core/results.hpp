#pragma once

#include <core/stats.hpp>

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace perfgate::core {

inline constexpr std::string_view k_results_schema = "perfgate-results/1";

// Which direction of a metric is an improvement.
enum class Better { lower, higher };

// How a benchmark's measurement ended (docs/formats.md).
enum class Status { ok, failed, timeout, skipped, interrupted };

// Where a benchmark came from: the harness that measured it.
enum class Source { command, google_benchmark, criterion, pytest_benchmark, samples };

inline constexpr std::array k_better_names{std::pair{Better::lower, std::string_view("lower")},
                                           std::pair{Better::higher, std::string_view("higher")}};
inline constexpr std::array k_status_names{
    std::pair{Status::ok, std::string_view("ok")},
    std::pair{Status::failed, std::string_view("failed")},
    std::pair{Status::timeout, std::string_view("timeout")},
    std::pair{Status::skipped, std::string_view("skipped")},
    std::pair{Status::interrupted, std::string_view("interrupted")},
};
inline constexpr std::array k_source_names{
    std::pair{Source::command, std::string_view("command")},
    std::pair{Source::google_benchmark, std::string_view("google-benchmark")},
    std::pair{Source::criterion, std::string_view("criterion")},
    std::pair{Source::pytest_benchmark, std::string_view("pytest-benchmark")},
    std::pair{Source::samples, std::string_view("samples")},
};

std::string_view to_string(Better better);
std::string_view to_string(Status status);
std::string_view to_string(Source source);

// One measured quantity of a benchmark, with every sample in its unit.
struct Metric
{
    std::string name; // "wall", "real_time", "items_per_second", ...
    std::string unit; // "s", "ns", "B", "1/s", ...
    Better better = Better::lower;
    std::vector<double> samples;
    // The launch (process) each sample came from, parallel to `samples`; empty when every
    // sample is a launch of its own (command runs). Launches, not the repetitions inside one,
    // are the independent samples of a comparison.
    std::vector<std::uint32_t> launches;
};

struct GitInfo
{
    std::string commit;
    std::string branch;
    bool dirty = false;
};

// Where a run happened (docs/formats.md, "environment").
struct Environment
{
    std::string host;
    std::string os;
    std::string cpu;
    int cpus = 0;
    std::uint64_t memory_bytes = 0;
    std::optional<GitInfo> git;
};

// One benchmark's outcome: its identity, status and metrics.
struct BenchmarkResult
{
    std::string id;
    Source source = Source::command;
    std::string executable;           // google-benchmark: the binary
    std::vector<std::string> command; // command: the argv that was run
    std::string shell;                // command: the shell it ran under, empty when run directly
    std::optional<double> shell_startup_seconds; // median start-up time of that shell
    Status status = Status::ok;
    std::string message;                           // why it failed, timed out or was skipped
    std::vector<int> exit_codes;                   // command: one per measured run
    std::map<std::string, std::string> parameters; // command: `--parameter-*` values used
    // google-benchmark: the binary's context object (shared, never changed), else null
    std::shared_ptr<const nlohmann::json> context;
    std::vector<Metric> metrics; // in a stable, meaningful order

    // Return the metric called `name`, or nullptr.
    const Metric* find_metric(std::string_view name) const;

    // Return the metric called `name`, adding it with `unit` and `better` when absent.
    Metric& metric(std::string_view name, std::string_view unit, Better better);
};

// A run's results, and what a baseline is (docs/formats.md).
struct ResultsDocument
{
    std::string perfgate_version;
    std::string created; // ISO 8601 UTC
    Environment environment;
    std::vector<BenchmarkResult> benchmarks;
};

// Return `environment` / `summary` as the JSON objects results and comparisons hold.
nlohmann::ordered_json to_json(const Environment& environment);
nlohmann::ordered_json to_json(const Summary& summary);

// Return `document` as perfgate-results/1 JSON, with a summary stored beside each metric.
nlohmann::ordered_json to_json(const ResultsDocument& document);

// Read a perfgate-results/1 document. Unknown fields are accepted; an unknown or missing
// `schema`, or a missing or mistyped required field, throws Error(usage) naming `origin` and
// the JSON path of the field. Summaries in the input are ignored (recomputed from samples).
// A null sample (how NaN and Infinity are written) reads back as NaN. nlohmann::json sorts
// object keys, so metrics come back in name order; the ordered_json overload keeps the file's.
ResultsDocument results_from_json(const nlohmann::json& json, std::string_view origin);
ResultsDocument results_from_json(const nlohmann::ordered_json& json, std::string_view origin);

// Read a results file (core::read_ordered_json_file + results_from_json), keeping the order of
// metrics.
ResultsDocument load_results(const std::filesystem::path& path);

// Write `document` to `path` atomically, pretty-printed.
void save_results(const ResultsDocument& document, const std::filesystem::path& path);

} // namespace perfgate::core
