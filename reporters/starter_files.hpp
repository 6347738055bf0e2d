#pragma once

#include <string>
#include <vector>

namespace perfgate::reporters {

// Return a starter perfgate.toml whose `[discover].paths` are `build_paths` ("build" if none).
std::string render_starter_config(const std::vector<std::string>& build_paths);

// Return a starter GitHub workflow that builds with `build_command` and gates pull requests.
std::string render_starter_workflow(const std::string& build_command);

} // namespace perfgate::reporters
