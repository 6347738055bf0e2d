#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <string_view>

namespace perfgate::cli {

// Return a completion script for `shell` (bash, zsh or fish) that completes the subcommands and
// options of `app`, and file names elsewhere. Throws Error(usage) for another shell.
std::string completion_script(const CLI::App& app, std::string_view shell);

// Return the man page of `app` (roff, section 1): its description, each subcommand with its
// options, and its footer (exit codes) as EXIT STATUS.
std::string man_page(const CLI::App& app, std::string_view version);

} // namespace perfgate::cli
