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
    const auto text = util::read_file(path);
    if (looks_like_google_benchmark_json(text)) {
        // Note: the program named in the file's context gives the ids, as in a run; the
        // file's name only when the context names none.
        auto output = read_google_benchmark(text, origin);
        const auto executable = output.context.find("executable");
        const auto program = executable != output.context.end() && executable->is_string()
                                 ? std::filesystem::path(executable->get<std::string>()).stem()
                                 : std::filesystem::path();
        core::ResultsDocument document;
        document.created = output.context.value("date", std::string());
        document.benchmarks = ingest_google_benchmark(
            std::move(output), program.empty() ? path.stem().string() : program.string(), origin);
        return document;
    }
    const nlohmann::json json = core::parse_json(text, origin);
    if (is_samples_json(json)) {
        core::ResultsDocument document;
        document.benchmarks = import_samples(json, origin);
        return document;
    }
    if (json.is_object() && json.contains("schema")) {
        return core::results_from_json(json, origin);
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
