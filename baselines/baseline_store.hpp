#pragma once

#include <core/results.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace perfgate::baselines {

// One stored baseline, as `perfgate baseline list` shows it.
struct BaselineInfo
{
    std::string name;
    std::string created;
    std::string commit;
    std::size_t benchmarks = 0;
};

// The stored baselines that could be read, and an error for each file that could not.
struct BaselineListing
{
    std::vector<BaselineInfo> baselines;
    std::vector<std::string> errors; // each names the file, then what is wrong with it
};

// Whether a run with failed benchmarks may become a baseline.
enum class AllowFailed { no, yes };

// The baselines of a project: `.perfgate/baselines/<name>.json` (docs/formats.md). Saving and
// deleting take an exclusive lock on `.perfgate/baselines/.lock`, so concurrent savers take turns.
class BaselineStore
{
public:
    explicit BaselineStore(std::filesystem::path directory) : m_directory(std::move(directory)) {}

    // Throw Error(usage) unless `name` is a plain file name: not empty, no '/', not "." or "..",
    // no leading '.', no control characters.
    static void validate_name(std::string_view name);

    std::filesystem::path path_of(std::string_view name) const;
    bool contains(std::string_view name) const;

    // Return the names of the stored baselines (every `*.json` file), sorted.
    std::vector<std::string> names() const;

    // Load baseline `name`; a missing one throws Error(usage) listing the ones that exist.
    core::ResultsDocument load(std::string_view name) const;

    // Store `document` as `name`, atomically (replacing an older one of that name), under the
    // lock. Return a note when the baseline it replaces was saved at or after `document` was
    // created (by another run, while this one measured): the last save wins, but says so.
    std::optional<std::string> save(std::string_view name,
                                    const core::ResultsDocument& document) const;

    // Store `document` as `name` after checking that it can be a baseline: an interrupted run
    // never can; one with failed or timed-out benchmarks only with `AllowFailed::yes` (skipped
    // benchmarks are fine). Throws Error(usage) saying why not; returns what `save` returns.
    std::optional<std::string> save_checked(std::string_view name,
                                            const core::ResultsDocument& document,
                                            AllowFailed allow_failed) const;

    // Describe every stored baseline that can be read; name each file that cannot, with why.
    BaselineListing list() const;

    // Delete baseline `name`; a missing one throws Error(usage).
    void remove(std::string_view name) const;

private:
    [[noreturn]] void fail_missing(std::string_view name) const;

    std::filesystem::path m_directory;
};

} // namespace perfgate::baselines
