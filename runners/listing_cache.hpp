#pragma once

#include <runners/discovery.hpp>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace perfgate::runners {

// The listings of Google Benchmark programs, kept between runs in a file
// (`.perfgate/listings.json`) so that a run does not ask every program again. An entry holds
// while its program's path and arguments, and its file's size, modification and change times
// and inode, are the same. A missing, unreadable or malformed cache file counts as empty; it is
// a cache: it never makes a run fail.
class ListingCache
{
public:
    // Read the cache kept in `file`.
    explicit ListingCache(std::filesystem::path file);

    // Return the listing of `executable` run with `extra_args`, kept by `store` while the file
    // was what it is now; none when there is no such listing.
    std::optional<ProbeResult> find(const std::filesystem::path& executable,
                                    const std::vector<std::string>& extra_args);

    // Probe `executable` (see `probe`), keep a successful listing, and return it. A file that
    // changed while it was probed is not kept.
    ProbeResult probe_and_store(const std::filesystem::path& executable,
                                const std::vector<std::string>& extra_args,
                                double timeout_seconds);

    // Write the listings found or stored since the cache was read, and only those (what
    // discovery no longer meets is dropped); a failure to write is ignored.
    void save() const;

private:
    struct Entry
    {
        std::string identity; // of the file when it was listed; see file_identity()
        ProbeResult listing;
    };
    std::filesystem::path m_file;
    std::map<std::string, Entry> m_read; // by key(): what the file held
    std::map<std::string, Entry> m_used; // by key(): what this discovery met
    bool m_listed = false;               // a program was listed anew
};

} // namespace perfgate::runners
