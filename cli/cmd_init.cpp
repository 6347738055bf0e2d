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
    for (const auto& file : {config, workflow}) {
        if (std::filesystem::exists(root / file) && !options.force) {
            fail(ExitCode::usage, "'{}' exists; use --force to overwrite it", file.string());
        }
    }
    const auto trees = runners::find_build_trees(root);
    util::write_file_atomic(root / config, reporters::render_starter_config(trees));
    const auto build =
        trees.empty()
            ? std::string("cmake -B build -DCMAKE_BUILD_TYPE=Release && cmake --build build")
            : fmt::format("cmake -B {0} -DCMAKE_BUILD_TYPE=Release && cmake --build {0}",
                          trees.front());
    util::write_file_atomic(root / workflow, reporters::render_starter_workflow(build));
    fmt::print("wrote {} ({}) and {}\n",
               config.string(),
               trees.empty() ? std::string("no build tree found; [discover] looks in build/")
                             : fmt::format("[discover] looks in {}", fmt::join(trees, ", ")),
               workflow.string());
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
