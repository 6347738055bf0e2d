#pragma once

#include <string>
#include <string_view>

namespace perfgate::runners {

// `--shard I/N`: part I (1-based) of N.
struct Shard
{
    int index = 1;
    int count = 1;

    // True when benchmark `id` belongs to this shard: a stable hash of the id (FNV-1a), so
    // every job places every id the same way and the N parts cover each id exactly once.
    bool contains(std::string_view id) const;
};

// Parse "I/N" with 1 <= I <= N; throws Error(usage) otherwise.
Shard parse_shard(std::string_view text);

} // namespace perfgate::runners
