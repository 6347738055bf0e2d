#include <cli/commands.hpp>
#include <core/merge.hpp>
#include <runners/importers.hpp>
#include <util/error.hpp>
#include <util/sanitize.hpp>

#include <fmt/format.h>

#include <filesystem>
#include <memory>

namespace perfgate::cli {
namespace {

struct MergeOptions
{
    std::vector<std::string> inputs;
    std::string output;
};

// Throw Error(usage) when two of `inputs` name the same file (or folder).
void check_distinct(const std::vector<std::string>& inputs)
{
    for (std::size_t i = 1; i < inputs.size(); ++i) {
        for (std::size_t j = 0; j < i; ++j) {
            std::error_code error;
            if (inputs[i] == inputs[j] ||
                std::filesystem::equivalent(inputs[i], inputs[j], error)) {
                fail(ExitCode::usage,
                     "'{}' is given twice (as '{}' too): merging a file with itself would count "
                     "every sample twice",
                     inputs[i],
                     inputs[j]);
            }
        }
    }
}

int merge(const MergeOptions& options)
{
    check_distinct(options.inputs);
    std::vector<core::ResultsDocument> documents;
    for (const auto& input : options.inputs) {
        documents.push_back(runners::load_any_results(input));
    }
    const auto merged = core::merge_results(documents, options.inputs);
    core::save_results(merged, options.output);
    fmt::print("merged {} files into {}: {} benchmarks\n",
               options.inputs.size(),
               util::sanitize(options.output),
               merged.benchmarks.size());
    return 0;
}

} // namespace

Handler setup_merge(CLI::App& app)
{
    auto options = std::make_shared<MergeOptions>();
    app.add_option("FILE", options->inputs, "Results to merge: shards, or repeated runs")
        ->required();
    app.add_option("-o,--output", options->output, "The merged results file")->required();
    return [options] { return merge(*options); };
}

} // namespace perfgate::cli
