#include <core/json_file.hpp>
#include <core/version.hpp>
#include <runners/listing_cache.hpp>
#include <util/error.hpp>
#include <util/file.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <sys/stat.h>

namespace perfgate::runners {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view k_schema = "perfgate-listings/1";

// Return what tells one version of the file at `path` from another: its device and inode, size,
// and modification and change times (to the nanosecond); "" when it cannot be read.
std::string file_identity(const fs::path& path)
{
    struct stat status
    {};
    if (::stat(path.c_str(), &status) != 0) {
        return "";
    }
    return fmt::format("{}:{}:{}:{}.{:09}:{}.{:09}",
                       status.st_dev,
                       status.st_ino,
                       status.st_size,
                       status.st_mtim.tv_sec,
                       status.st_mtim.tv_nsec,
                       status.st_ctim.tv_sec,
                       status.st_ctim.tv_nsec);
}

// The key of a program run with its arguments.
std::string key(const fs::path& executable, const std::vector<std::string>& extra_args)
{
    std::string key = fs::absolute(executable).lexically_normal().string();
    for (const auto& arg : extra_args) {
        key += '\0';
        key += arg;
    }
    return key;
}

} // namespace

ListingCache::ListingCache(fs::path file) : m_file(std::move(file))
{
    std::error_code error;
    if (!fs::is_regular_file(m_file, error)) {
        return;
    }
    try {
        const auto json = core::read_json_file(m_file);
        if (json.value("schema", "") != std::string(k_schema) ||
            json.value("perfgate", "") != std::string(k_version)) {
            return;
        }
        for (const auto& entry : json.at("programs")) {
            Entry kept;
            kept.identity = entry.at("identity").get<std::string>();
            kept.listing.benchmarks = entry.at("benchmarks").get<std::vector<std::string>>();
            kept.listing.ignored = entry.at("ignored").get<std::vector<std::string>>();
            kept.listing.min_time_with_unit = entry.at("min_time_with_unit").get<bool>();
            m_read[entry.at("key").get<std::string>()] = std::move(kept);
        }
    } catch (const std::exception&) {
        // Note: a damaged cache is as good as none; the next save replaces it.
        m_read.clear();
    }
}

std::optional<ProbeResult> ListingCache::find(const fs::path& executable,
                                              const std::vector<std::string>& extra_args)
{
    const auto at = m_read.find(key(executable, extra_args));
    if (at == m_read.end() || at->second.identity.empty() ||
        at->second.identity != file_identity(executable)) {
        return std::nullopt;
    }
    m_used[at->first] = at->second;
    return at->second.listing;
}

ProbeResult ListingCache::probe_and_store(const fs::path& executable,
                                          const std::vector<std::string>& extra_args,
                                          double timeout_seconds)
{
    const auto before = file_identity(executable);
    auto probed = probe(executable, extra_args, timeout_seconds);
    // Note: failures are not kept: a timeout, for one, may not happen on a quieter machine.
    if (probed.failure.empty() && !before.empty() && before == file_identity(executable)) {
        m_used[key(executable, extra_args)] = {before, probed};
        m_listed = true;
    }
    return probed;
}

void ListingCache::save() const
{
    // Note: what `find` returned is what was read; only new listings or dropped ones change it.
    const bool unchanged = !m_listed && m_used.size() == m_read.size();
    if (unchanged) {
        return;
    }
    auto programs = nlohmann::json::array();
    for (const auto& [key, entry] : m_used) {
        programs.push_back({{"key", key},
                            {"identity", entry.identity},
                            {"benchmarks", entry.listing.benchmarks},
                            {"ignored", entry.listing.ignored},
                            {"min_time_with_unit", entry.listing.min_time_with_unit}});
    }
    const nlohmann::json json = {
        {"schema", k_schema}, {"perfgate", k_version}, {"programs", programs}};
    try {
        util::write_file_atomic(m_file,
                                json.dump(1, ' ', false, nlohmann::json::error_handler_t::replace));
    } catch (const Error&) {
        // Note: without a cache the next run lists the programs again; nothing is lost.
    }
}

} // namespace perfgate::runners
