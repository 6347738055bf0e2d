#include <baselines/baseline_store.hpp>
#include <util/error.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace perfgate::baselines {

namespace fs = std::filesystem;

void BaselineStore::validate_name(std::string_view name)
{
    const bool control = std::any_of(name.begin(), name.end(), [](char c) {
        return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
    });
    if (name.empty() || name.front() == '.' || name.find('/') != std::string_view::npos ||
        name.find('\\') != std::string_view::npos || control) {
        fail(ExitCode::usage,
             "invalid baseline name '{}': use a plain file name such as 'main' or 'pr-42'",
             name);
    }
}

fs::path BaselineStore::path_of(std::string_view name) const
{
    validate_name(name);
    return m_directory / (std::string(name) + ".json");
}

bool BaselineStore::contains(std::string_view name) const
{
    std::error_code error;
    return fs::is_regular_file(path_of(name), error);
}

std::vector<std::string> BaselineStore::names() const
{
    std::vector<std::string> names;
    std::error_code error;
    for (fs::directory_iterator it(m_directory, error), end; !error && it != end;
         it.increment(error)) {
        if (it->path().extension() == ".json" && it->is_regular_file(error)) {
            names.push_back(it->path().stem().string());
        }
    }
    std::sort(names.begin(), names.end());
    return names;
}

void BaselineStore::fail_missing(std::string_view name) const
{
    const auto existing = names();
    fail(ExitCode::usage,
         "baseline '{}' does not exist in {}; {}",
         name,
         m_directory.string(),
         existing.empty() ? std::string("there are none yet (save one with 'perfgate baseline save "
                                        "NAME' or 'perfgate run --save-baseline NAME')")
                          : fmt::format("available: {}", fmt::join(existing, ", ")));
}

core::ResultsDocument BaselineStore::load(std::string_view name) const
{
    if (!contains(name)) {
        fail_missing(name);
    }
    return core::load_results(path_of(name));
}

void BaselineStore::save(std::string_view name, const core::ResultsDocument& document) const
{
    core::save_results(document, path_of(name));
}

std::vector<BaselineInfo> BaselineStore::list() const
{
    std::vector<BaselineInfo> infos;
    for (const auto& name : names()) {
        const auto document = core::load_results(path_of(name));
        infos.push_back({name,
                         document.created,
                         document.environment.git ? document.environment.git->commit : "",
                         document.benchmarks.size()});
    }
    return infos;
}

void BaselineStore::remove(std::string_view name) const
{
    if (!contains(name)) {
        fail_missing(name);
    }
    std::error_code error;
    if (!fs::remove(path_of(name), error) || error) {
        fail(ExitCode::usage, "cannot delete '{}': {}", path_of(name).string(), error.message());
    }
}

void BaselineStore::save_checked(std::string_view name,
                                 const core::ResultsDocument& document,
                                 AllowFailed allow_failed) const
{
    std::size_t broken = 0;
    for (const auto& result : document.benchmarks) {
        if (result.status == core::Status::interrupted) {
            fail(ExitCode::usage, "not saved as baseline '{}': the run was interrupted", name);
        }
        broken += result.status == core::Status::failed || result.status == core::Status::timeout;
    }
    if (broken > 0 && allow_failed == AllowFailed::no) {
        fail(ExitCode::usage,
             "not saved as baseline '{}': {} benchmark(s) failed; fix them, or save anyway with "
             "--allow-failed",
             name,
             broken);
    }
    save(name, document);
}

} // namespace perfgate::baselines
