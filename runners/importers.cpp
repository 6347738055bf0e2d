#include <runners/criterion.hpp>
#include <runners/google_benchmark.hpp>
#include <runners/importers.hpp>
#include <runners/pytest_benchmark.hpp>
#include <runners/samples_file.hpp>
#include <util/error.hpp>
#include <util/file.hpp>

#include <fmt/format.h>

namespace perfgate::runners {
namespace {

bool is_hyperfine_json(const nlohmann::json& json)
{
    return json.is_object() && json.contains("results") && json["results"].is_array() &&
           !json.contains("schema");
}

} // namespace

core::ResultsDocument import_hyperfine(const nlohmann::json& json, std::string_view origin)
{
    core::ResultsDocument document;
    std::size_t index = 0;
    for (const auto& entry : json["results"]) {
        if (!entry.is_object() || !entry.contains("command") || !entry["command"].is_string() ||
            !entry.contains("times") || !entry["times"].is_array()) {
            fail(ExitCode::usage,
                 "'{}': results[{}]: expected a hyperfine result with \"command\" and \"times\"",
                 origin,
                 index);
        }
        core::BenchmarkResult result;
        result.id = entry["command"].get<std::string>();
        result.source = core::Source::command;
        auto& wall = result.metric("wall", "s", core::Better::lower);
        for (const auto& time : entry["times"]) {
            if (!time.is_number()) {
                fail(ExitCode::usage, "'{}': results[{}].times: expected numbers", origin, index);
            }
            wall.samples.push_back(time.get<double>());
        }
        if (entry.contains("exit_codes") && entry["exit_codes"].is_array()) {
            for (const auto& code : entry["exit_codes"]) {
                result.exit_codes.push_back(code.is_number_integer() ? code.get<int>() : -1);
            }
        }
        if (entry.contains("memory_usage_byte") && entry["memory_usage_byte"].is_array()) {
            auto& rss = result.metric("peak_rss", "B", core::Better::lower);
            for (const auto& bytes : entry["memory_usage_byte"]) {
                rss.samples.push_back(bytes.is_number() ? bytes.get<double>() : 0.0);
            }
        }
        if (entry.contains("parameters") && entry["parameters"].is_object()) {
            for (const auto& [name, value] : entry["parameters"].items()) {
                result.parameters[name] =
                    value.is_string() ? value.get<std::string>() : value.dump();
            }
        }
        document.benchmarks.push_back(std::move(result));
        ++index;
    }
    return document;
}

core::ResultsDocument load_any_results(const std::filesystem::path& path)
{
    const auto origin = path.string();
    if (std::filesystem::is_directory(path)) {
        core::ResultsDocument document;
        document.benchmarks = import_criterion(path);
        return document;
    }
    nlohmann::json json;
    try {
        json = core::read_json_file(path);
    } catch (const Error&) {
        // Google Benchmark writes bare NaN and Infinity, which strict JSON rejects.
        const auto text = util::read_file(path);
        if (text.find("\"benchmarks\"") == std::string::npos ||
            text.find("\"context\"") == std::string::npos) {
            throw;
        }
        json = parse_google_benchmark_json(text, origin);
    }
    if (is_samples_json(json)) {
        core::ResultsDocument document;
        document.benchmarks = import_samples(json, origin);
        return document;
    }
    if (json.is_object() && json.contains("schema")) {
        return core::results_from_json(json, origin);
    }
    if (is_google_benchmark_json(json)) {
        core::ResultsDocument document;
        document.created = json["context"].value("date", std::string());
        document.benchmarks = ingest_google_benchmark(json, path.stem().string(), origin);
        return document;
    }
    if (is_pytest_benchmark_json(json)) {
        return import_pytest_benchmark(json, origin);
    }
    if (is_hyperfine_json(json)) {
        return import_hyperfine(json, origin);
    }
    fail(ExitCode::usage,
         "'{}': not a results file: expected perfgate results (\"schema\": \"{}\"), "
         "perfgate samples (\"schema\": \"{}\"), Google Benchmark JSON, hyperfine "
         "--export-json, pytest-benchmark --benchmark-json output or a criterion folder",
         origin,
         core::k_results_schema,
         k_samples_schema);
}

} // namespace perfgate::runners
