#include <cli/commands.hpp>
#include <reporters/starter_files.hpp>
#include <runners/discovery.hpp>
#include <util/error.hpp>
#include <util/file.hpp>

#include <fmt/format.h>

#include <memory>

namespace perfgate::cli {
namespace {

struct InitOptions
{
    bool force = false;
};

int init(const InitOptions& options)
{
    const auto root = std::filesystem::current_path();
    const std::filesystem::path config = "perfgate.toml";
    const std::filesystem::path workflow = ".github/workflows/perfgate.yml";
    const std::filesystem::path gitignore = ".gitignore";
    for (const auto& file : {config, workflow}) {
        if (std::filesystem::exists(root / file) && !options.force) {
            fail(ExitCode::usage, "'{}' exists; use --force to overwrite it", file.string());
        }
    }
    const auto trees = runners::find_build_trees(root);
    const auto tree = trees.empty() ? std::string("build") : trees.front();
    const auto build =
        fmt::format("cmake -B {0} -DCMAKE_BUILD_TYPE=Release && cmake --build {0}", tree);
    const auto workflow_text = reporters::render_starter_workflow(build);
    const auto ignored =
        std::filesystem::exists(root / gitignore)
            ? reporters::gitignore_with_workspace(util::read_file(root / gitignore))
            : reporters::gitignore_with_workspace("");
    util::write_file_atomic(root / config, reporters::render_starter_config(trees));
    util::write_file_atomic(root / workflow, workflow_text);
    if (ignored) {
        // Note: a .gitignore that is a symlink stays one; its target gets the line.
        util::write_file_atomic(std::filesystem::weakly_canonical(root / gitignore), *ignored);
    }

    fmt::print("wrote {}: {}; add [[benchmark]] entries to measure commands\n",
               config.string(),
               trees.empty() ? std::string("no build tree found; [discover] looks in build/ for "
                                           "Google Benchmark programs")
                             : fmt::format("[discover] looks in {} for Google Benchmark programs",
                                           fmt::join(trees, ", ")));
    fmt::print("wrote {}: on each pull request, builds the base and the head, then measures both "
               "interleaved on "
               "one runner with this perfgate.toml, gates the head (fail-on blocker) and keeps "
               "one comment up to date\n",
               workflow.string());
    if (ignored) {
        fmt::print("added .perfgate/ to {}: runs, reports and local baselines stay out of git\n",
                   gitignore.string());
    } else {
        fmt::print("{} already ignores .perfgate/\n", gitignore.string());
    }
    const auto placeholders = reporters::find_placeholders(workflow_text);
    if (!placeholders.empty()) {
        fmt::print("left for you to fill in before committing:\n");
        for (const auto& placeholder : placeholders) {
            fmt::print("  {}:{}: {}\n", workflow.string(), placeholder.line, placeholder.what);
        }
    }
    fmt::print("next: 'perfgate list' shows what would run, 'perfgate run' measures it\n");
    return 0;
}

} // namespace

Handler setup_init(CLI::App& app)
{
    auto options = std::make_shared<InitOptions>();
    app.add_flag("--force", options->force, "Overwrite existing files");
    return [options] { return init(*options); };
}

} // namespace perfgate::cli
