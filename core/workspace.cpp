#include <core/workspace.hpp>
#include <util/clock.hpp>
#include <util/error.hpp>
#include <util/file.hpp>

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <string_view>

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
        fail(ExitCode::io, "cannot create '{}': {}", runs.string(), error.message());
    }
    const auto stamp = util::utc_now_stamp();
    // Note: two runs within one second get "-2", "-3", ...; mkdir is the atomic claim.
    for (int attempt = 1;; ++attempt) {
        auto candidate = runs / (attempt == 1 ? stamp : fmt::format("{}-{}", stamp, attempt));
        if (::mkdir(candidate.c_str(), 0777) == 0) {
            return candidate;
        }
        if (errno != EEXIST) {
            fail(ExitCode::io, "cannot create '{}': {}", candidate.string(), os_error(errno));
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

namespace perfgate::core {
namespace {

// True for a run folder's name: a UTC stamp `20261122T050000Z`, maybe with a suffix `-2`.
bool is_run_name(std::string_view name)
{
    const auto digits = [](std::string_view text) {
        return !text.empty() &&
               std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    if (name.size() < 16 || !digits(name.substr(0, 8)) || name[8] != 'T' ||
        !digits(name.substr(9, 6)) || name[15] != 'Z') {
        return false;
    }
    return name.size() == 16 || (name[16] == '-' && digits(name.substr(17)));
}

} // namespace

std::vector<std::string> Workspace::remove_leftovers() const
{
    namespace fs = std::filesystem;
    std::vector<std::string> lines;
    const auto remove_temporaries = [&](const fs::path& directory) {
        for (const auto& path : util::remove_stale_temporaries(directory, k_leftover_age)) {
            lines.push_back(
                fmt::format("removed '{}', left by a write that was killed", path.string()));
        }
    };
    remove_temporaries(m_directory);
    remove_temporaries(baselines_directory());

    // A run folder is created when its results are saved, results.json first: one without it
    // is what a killed save left, holding at most the temporary file of that write.
    std::error_code error;
    for (fs::directory_iterator it(m_directory / "runs", error), end; !error && it != end;
         it.increment(error)) {
        const auto& run = it->path();
        std::error_code entry_error;
        if (!it->is_directory(entry_error) || it->is_symlink(entry_error) ||
            !is_run_name(run.filename().string())) {
            continue;
        }
        // Note: judged before its temporaries go, which makes the folder look changed.
        const bool abandoned =
            !fs::exists(run / "results.json", entry_error) && util::older_than(run, k_leftover_age);
        remove_temporaries(run);
        if (!abandoned) {
            continue;
        }
        // Note: rmdir removes only an empty folder: anything someone put there stays.
        if (::rmdir(run.c_str()) == 0) {
            lines.push_back(
                fmt::format("removed the run folder '{}': it has no results (the run was killed)",
                            run.string()));
        }
    }
    return lines;
}

} // namespace perfgate::core
