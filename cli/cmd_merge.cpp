#include <cli/commands.hpp>
#include <cli/merge_inputs.hpp>
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

int merge(const MergeOptions& options)
{
    check_distinct_inputs(options.inputs);
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
