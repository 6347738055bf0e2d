#include <baselines/baseline_store.hpp>
#include <util/error.hpp>
#include <util/file.hpp>

#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <ctime>

namespace perfgate::baselines {

namespace fs = std::filesystem;

namespace {

// Return the time an ISO 8601 UTC stamp (`2026-11-22T05:00:00Z`) stands for, if it is one.
std::optional<std::time_t> parse_utc(const std::string& text)
{
    std::tm parts{};
    const char* end = ::strptime(text.c_str(), "%Y-%m-%dT%H:%M:%S", &parts);
    if (end == nullptr || (*end != 'Z' && *end != '.')) {
        return std::nullopt;
    }
    return ::timegm(&parts);
}

// Return `time` as an ISO 8601 UTC stamp.
std::string format_utc(std::time_t time)
{
    std::tm parts{};
    ::gmtime_r(&time, &parts);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
    return text;
}

} // namespace

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

std::optional<std::string> BaselineStore::save(std::string_view name,
                                               const core::ResultsDocument& document) const
{
    const auto path = path_of(name);
    const util::FileLock lock(m_directory / ".lock");
    std::optional<std::string> note;
    struct stat existing
    {};
    const auto started = parse_utc(document.created);
    if (started && ::stat(path.c_str(), &existing) == 0 && existing.st_mtim.tv_sec >= *started) {
        note = fmt::format("replaced baseline '{}', saved at {}, after these results were started "
                           "({}): another run may have saved it meanwhile",
                           name,
                           format_utc(existing.st_mtim.tv_sec),
                           document.created);
    }
    core::save_results(document, path);
    return note;
}

BaselineListing BaselineStore::list() const
{
    BaselineListing listing;
    for (const auto& name : names()) {
        // Note: by path, not by name: a file whose name is not a valid baseline name is listed.
        const auto path = m_directory / (name + ".json");
        try {
            const auto document = core::load_results(path);
            listing.baselines.push_back(
                {name,
                 document.created,
                 document.environment.git ? document.environment.git->commit : "",
                 document.benchmarks.size()});
        } catch (const Error& error) {
            listing.errors.emplace_back(error.what());
        }
    }
    return listing;
}

void BaselineStore::remove(std::string_view name) const
{
    if (!contains(name)) {
        fail_missing(name);
    }
    const util::FileLock lock(m_directory / ".lock");
    std::error_code error;
    if (!fs::remove(path_of(name), error) || error) {
        fail(ExitCode::io, "cannot delete '{}': {}", path_of(name).string(), error.message());
    }
}

std::optional<std::string> BaselineStore::save_checked(std::string_view name,
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
    return save(name, document);
}

} // namespace perfgate::baselines
