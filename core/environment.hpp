#pragma once

#include <core/results.hpp>

#include <filesystem>

namespace perfgate::core {

// Describe this machine and the git checkout containing `directory` (no git info outside one).
Environment capture_environment(const std::filesystem::path& directory);

} // namespace perfgate::core
