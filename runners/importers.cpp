#include <core/json_file.hpp>
#include <runners/google_benchmark.hpp>
#include <runners/hyperfine.hpp>
#include <runners/importers.hpp>
#include <util/error.hpp>
#include <util/file.hpp>

#include <fmt/format.h>

namespace perfgate::runners {

core::ResultsDocument load_any_results(const std::filesystem::path& path)
{
    const auto origin = path.string();
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
    if (json.is_object() && json.contains("schema")) {
        return core::results_from_json(json, origin);
    }
    if (is_google_benchmark_json(json)) {
        core::ResultsDocument document;
        // Note: ingesting first checks the types in the context, "date" included.
        document.benchmarks = ingest_google_benchmark(json, path.stem().string(), origin);
        document.created = json["context"].value("date", std::string());
        return document;
    }
    if (is_hyperfine_json(json)) {
        return import_hyperfine(json, origin);
    }
    fail(ExitCode::usage,
         "'{}': not a results file: expected perfgate results (\"schema\": \"{}\"), Google "
         "Benchmark JSON or hyperfine --export-json output",
         origin,
         core::k_results_schema);
}

} // namespace perfgate::runners
