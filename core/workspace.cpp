#include <core/workspace.hpp>
#include <util/clock.hpp>
#include <util/error.hpp>
#include <util/file.hpp>

#include <sys/stat.h>

#include <cerrno>

namespace perfgate::core {

Workspace::Workspace(const std::filesystem::path& project_root)
    : m_directory(project_root / ".perfgate")
{}

std::filesystem::path Workspace::create_run_directory() const
{
    const auto runs = m_directory / "runs";
    std::error_code error;
    std::filesystem::create_directories(runs, error);
    if (error) {
        fail(ExitCode::usage, "cannot create '{}': {}", runs.string(), error.message());
    }
    const auto stamp = util::utc_now_stamp();
    // Note: two runs within one second get "-2", "-3", ...; mkdir is the atomic claim.
    for (int attempt = 1;; ++attempt) {
        auto candidate = runs / (attempt == 1 ? stamp : fmt::format("{}-{}", stamp, attempt));
        if (::mkdir(candidate.c_str(), 0777) == 0) {
            return candidate;
        }
        if (errno != EEXIST) {
            fail(ExitCode::usage, "cannot create '{}': {}", candidate.string(), os_error(errno));
        }
    }
}

void Workspace::set_last_run(const std::filesystem::path& run_directory) const
{
    util::replace_symlink(std::filesystem::relative(run_directory, m_directory), last_run());
}

} // namespace perfgate::core

namespace perfgate::core {

std::filesystem::path Workspace::save_run(const ResultsDocument& document) const
{
    auto directory = create_run_directory();
    save_results(document, directory / "results.json");
    set_last_run(directory);
    return directory;
}

} // namespace perfgate::core
