#include <core/json_file.hpp>
#include <core/json_reader.hpp>
#include <runners/criterion.hpp>
#include <runners/launches.hpp>
#include <util/error.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <system_error>

namespace perfgate::runners {
namespace {

namespace fs = std::filesystem;
using core::JsonPath;
using JsonReader = core::JsonReader<nlohmann::json>;
using nlohmann::json;

// What criterion counts per iteration, from benchmark.json's `throughput`.
struct Throughput
{
    double bytes = 0;
    double elements = 0;
};

// Return the folder to search: `directory`, or for a cargo target folder (cargo marks it with
// CACHEDIR.TAG) its `criterion` folder, rather than every build product.
fs::path criterion_root(const fs::path& directory)
{
    std::error_code error;
    const auto nested = directory / "criterion";
    return fs::exists(directory / "CACHEDIR.TAG", error) && fs::is_directory(nested, error)
               ? nested
               : directory;
}

// Return each `new/benchmark.json` below `root`, sorted.
std::vector<fs::path> find_measurements(const fs::path& root)
{
    std::vector<fs::path> found;
    std::error_code error;
    fs::recursive_directory_iterator it(root, error);
    for (; !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
        const auto& path = it->path();
        if (path.filename() == "benchmark.json" && path.parent_path().filename() == "new" &&
            it->is_regular_file(error)) {
            found.push_back(path);
        }
    }
    if (error) {
        fail(ExitCode::usage, "cannot read '{}': {}", root.string(), error.message());
    }
    std::sort(found.begin(), found.end());
    return found;
}

double positive(const JsonReader& reader, const json& value, const JsonPath& path)
{
    const double number = reader.non_negative(value, path);
    if (number == 0) {
        reader.fail_at(path, "expected a positive number, not 0");
    }
    return number;
}

Throughput read_throughput(const JsonReader& reader, const json& value, const JsonPath& path)
{
    Throughput throughput;
    if (value.is_null()) {
        return throughput;
    }
    if (!value.is_object() || value.size() != 1) {
        reader.fail_at(path,
                       "expected null or an object with one of Bytes, BytesDecimal, "
                       "Elements or ElementsAndBytes");
    }
    const std::string kind = value.begin().key();
    const json& amount = value.begin().value();
    const JsonPath amount_path = path.field(kind);
    if (kind == "Bytes" || kind == "BytesDecimal") {
        throughput.bytes = reader.non_negative(amount, amount_path);
    } else if (kind == "Elements") {
        throughput.elements = reader.non_negative(amount, amount_path);
    } else if (kind == "ElementsAndBytes") {
        reader.object(amount, amount_path);
        throughput.elements =
            reader.non_negative(reader.require(amount, amount_path.field("elements"), "a number"),
                                amount_path.field("elements"));
        throughput.bytes =
            reader.non_negative(reader.require(amount, amount_path.field("bytes"), "a number"),
                                amount_path.field("bytes"));
    } else {
        reader.fail_at(path,
                       fmt::format("unknown throughput '{}': expected Bytes, BytesDecimal, "
                                   "Elements or ElementsAndBytes",
                                   kind));
    }
    return throughput;
}

// Return the time per iteration of each sample in sample.json, in ns.
std::vector<double> read_times(const fs::path& file)
{
    const JsonReader reader(file.string());
    const JsonPath root;
    const json document = core::read_json_file(file);
    reader.object(document, root);
    const auto& iters =
        reader.array(reader.require(document, root.field("iters"), "an array of iteration counts"),
                     root.field("iters"));
    const auto& times =
        reader.array(reader.require(document, root.field("times"), "an array of times in ns"),
                     root.field("times"));
    if (times.empty()) {
        reader.fail_at(root.field("times"), "expected at least one sample");
    }
    if (times.size() != iters.size()) {
        reader.fail_at(root.field("times"),
                       fmt::format("has {} values but iters has {}: expected one time per "
                                   "iteration count",
                                   times.size(),
                                   iters.size()));
    }
    std::vector<double> per_iteration;
    per_iteration.reserve(times.size());
    for (std::size_t i = 0; i < times.size(); ++i) {
        const double time = positive(reader, times[i], root.field("times").element(i));
        const double count = positive(reader, iters[i], root.field("iters").element(i));
        per_iteration.push_back(time / count);
    }
    return per_iteration;
}

core::BenchmarkResult read_benchmark(const fs::path& benchmark_file, std::string_view prefix)
{
    const JsonReader reader(benchmark_file.string());
    const JsonPath root;
    const json document = core::read_json_file(benchmark_file);
    reader.object(document, root);
    const std::string& full_id = reader.non_empty_string(document, root.field("full_id"));
    const json* throughput_json = JsonReader::find(document, "throughput");
    const auto throughput =
        throughput_json == nullptr
            ? Throughput{}
            : read_throughput(reader, *throughput_json, root.field("throughput"));

    const auto sample_file = benchmark_file.parent_path() / "sample.json";
    std::error_code error;
    if (!fs::is_regular_file(sample_file, error)) {
        fail(ExitCode::usage,
             "'{}': missing: criterion writes sample.json next to '{}'; expected both in each "
             "benchmark's new/ folder",
             sample_file.string(),
             benchmark_file.string());
    }
    core::BenchmarkResult result;
    result.id = prefix.empty() ? full_id : fmt::format("{}/{}", prefix, full_id);
    result.source = core::Source::criterion;
    const auto times = read_times(sample_file);
    result.metric("time", "ns", core::Better::lower).samples = times;
    // Note: a rate per sample, from that sample's own time, so the rates keep their spread.
    // Adding a metric may move the others: `times` is a copy on purpose.
    const auto add_rate = [&](std::string_view name, std::string_view unit, double per_iteration) {
        auto& rate = result.metric(name, unit, core::Better::higher);
        for (const double ns : times) {
            rate.samples.push_back(per_iteration / (ns * 1e-9));
        }
    };
    if (throughput.bytes > 0) {
        add_rate("bytes_per_second", "B/s", throughput.bytes);
    }
    if (throughput.elements > 0) {
        add_rate("elements_per_second", "1/s", throughput.elements);
    }
    return result;
}

} // namespace

std::vector<core::BenchmarkResult> import_criterion(const std::filesystem::path& directory,
                                                    std::string_view prefix)
{
    const auto root = criterion_root(directory);
    const auto files = find_measurements(root);
    if (files.empty()) {
        fail(ExitCode::usage,
             "'{}': not a criterion output folder: expected <benchmark>/new/benchmark.json and "
             "sample.json under it, as in target/criterion",
             directory.string());
    }
    std::vector<core::BenchmarkResult> results;
    std::map<std::string, fs::path, std::less<>> files_by_id;
    for (const auto& file : files) {
        auto result = read_benchmark(file, prefix);
        const auto [previous, added] = files_by_id.try_emplace(result.id, file);
        if (!added) {
            fail(ExitCode::usage,
                 "'{}': full_id: benchmark '{}' is also in '{}'",
                 file.string(),
                 result.id,
                 previous->second.string());
        }
        results.push_back(std::move(result));
    }
    std::sort(
        results.begin(), results.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    mark_single_launch(results);
    return results;
}

} // namespace perfgate::runners
