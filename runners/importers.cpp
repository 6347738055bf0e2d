#include <core/json_file.hpp>
#include <runners/criterion.hpp>
#include <runners/google_benchmark.hpp>
#include <runners/hyperfine.hpp>
#include <runners/importers.hpp>
#include <runners/pytest_benchmark.hpp>
#include <runners/samples_file.hpp>
#include <util/error.hpp>
#include <util/file.hpp>

#include <fmt/format.h>

namespace perfgate::runners {

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
        // Note: ingesting first checks the types in the context, "date" included.
        // Note: the program named in the file's context gives the ids, as in a run; the
        // file's name only when the context names none.
        const auto& context = json["context"];
        const auto* executable = context.contains("executable") ? &context["executable"] : nullptr;
        const auto program = executable != nullptr && executable->is_string()
                                 ? std::filesystem::path(executable->get<std::string>()).stem()
                                 : std::filesystem::path();
        document.benchmarks = ingest_google_benchmark(
            json, program.empty() ? path.stem().string() : program.string(), origin);
        document.created = json["context"].value("date", std::string());
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

namespace {

// The program prefix of every id of `document` when it holds Google Benchmark results of one
// program only, else "".
std::string only_program(const core::ResultsDocument& document)
{
    std::string program;
    for (const auto& result : document.benchmarks) {
        const auto prefix = result.id.substr(0, result.id.find('/'));
        if (result.source != core::Source::google_benchmark ||
            (!program.empty() && prefix != program)) {
            return "";
        }
        program = prefix;
    }
    return program;
}

} // namespace

void match_programs(const core::ResultsDocument& baseline, core::ResultsDocument& current)
{
    const auto base_program = only_program(baseline);
    const auto current_program = only_program(current);
    if (base_program.empty() || current_program.empty() || base_program == current_program) {
        return;
    }
    for (auto& result : current.benchmarks) {
        result.id = base_program + result.id.substr(current_program.size());
    }
}

} // namespace perfgate::runners
