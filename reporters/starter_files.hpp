#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace perfgate::reporters {

// Return a starter perfgate.toml whose `[discover].paths` are `build_paths` ("build" if none).
std::string render_starter_config(const std::vector<std::string>& build_paths);

// Return a starter GitHub workflow that builds with `build_command` and gates pull requests.
std::string render_starter_workflow(const std::string& build_command);

// A line of a starter file that must be edited before the file works, and what goes there.
struct Placeholder
{
    std::size_t line = 0; // from 1
    std::string what;
};

// Return the placeholders left in a rendered starter workflow: every line naming OWNER (the owner
// of the perfgate repository to build and use) and every build command marked `# your build`.
std::vector<Placeholder> find_placeholders(std::string_view workflow);

// Return `gitignore` (a .gitignore's text, empty when there is none) with a `.perfgate/` line
// added, or nothing when one of its lines already ignores the `.perfgate` folder.
std::optional<std::string> gitignore_with_workspace(std::string_view gitignore);

} // namespace perfgate::reporters
