#include <cli/cli_docs.hpp>
#include <cli/commands.hpp>
#include <core/version.hpp>

#include <fmt/format.h>

#include <memory>

namespace perfgate::cli {

Handler setup_completions(CLI::App& app)
{
    auto shell = std::make_shared<std::string>();
    app.add_option("shell", *shell, "The shell: bash, zsh or fish")
        ->required()
        ->check(CLI::IsMember({"bash", "zsh", "fish"}));
    // Note: the handler runs after every subcommand was set up, so the tree is complete.
    const CLI::App* root = app.get_parent();
    return [shell, root] {
        fmt::print("{}", completion_script(*root, *shell));
        return 0;
    };
}

Handler setup_man(CLI::App& app)
{
    const CLI::App* root = app.get_parent();
    return [root] {
        fmt::print("{}", man_page(*root, k_version));
        return 0;
    };
}

} // namespace perfgate::cli
