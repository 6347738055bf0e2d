#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <string_view>

namespace perfgate::cli {

// What a subcommand's setup returns: the handler to call when it was chosen.
using Handler = std::function<int()>;

// One subcommand: its name, one line of help, a setup that adds its options to `app`, and the
// examples that end its `--help`.
struct Subcommand
{
    std::string_view name;
    std::string_view help;
    Handler (*setup)(CLI::App& app);
    std::string_view examples;
};

Handler setup_run(CLI::App& app);
Handler setup_list(CLI::App& app);
Handler setup_compare(CLI::App& app);
Handler setup_baseline(CLI::App& app);
Handler setup_merge(CLI::App& app);
Handler setup_init(CLI::App& app);
Handler setup_report(CLI::App& app);
Handler setup_completions(CLI::App& app);
Handler setup_man(CLI::App& app);

} // namespace perfgate::cli
