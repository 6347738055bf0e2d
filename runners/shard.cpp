#include <runners/shard.hpp>
#include <util/error.hpp>

#include <charconv>
#include <cstdint>

namespace perfgate::runners {

bool Shard::contains(std::string_view id) const
{
    std::uint64_t hash = 14695981039346656037ULL;
    for (unsigned char c : id) {
        hash = (hash ^ c) * 1099511628211ULL;
    }
    return static_cast<int>(hash % static_cast<std::uint64_t>(count)) == index - 1;
}

Shard parse_shard(std::string_view text)
{
    Shard shard;
    const auto slash = text.find('/');
    const auto parse = [&](std::string_view part, int& value) {
        const auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), value);
        return error == std::errc() && end == part.data() + part.size();
    };
    if (slash == std::string_view::npos || !parse(text.substr(0, slash), shard.index) ||
        !parse(text.substr(slash + 1), shard.count) || shard.count < 1 || shard.index < 1 ||
        shard.index > shard.count) {
        fail(
            ExitCode::usage, "invalid --shard '{}': expected I/N with 1 <= I <= N, e.g. 2/4", text);
    }
    return shard;
}

} // namespace perfgate::runners
