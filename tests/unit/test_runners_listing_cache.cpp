#include <runners/listing_cache.hpp>

#include "test_support.hpp"
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

TEST_SUITE_BEGIN("runners_listing_cache");

using namespace perfgate;
using namespace perfgate::runners;
using perfgate::test::TempDir;
namespace fs = std::filesystem;

namespace {

// A program that lists `names` (and none when the filter selects none) and counts its calls
// in `dir/calls`.
fs::path counting_lister(const fs::path& dir, const std::string& names)
{
    auto path = dir / "lister";
    std::ofstream(path) << fmt::format("#!/bin/sh\necho >>'{}'\n"
                                       "case \"$*\" in *'--benchmark_filter=^$'*) exit 0 ;; esac\n"
                                       "for n in {}; do echo \"$n\"; done\n",
                                       (dir / "calls").string(),
                                       names);
    fs::permissions(path, fs::perms::owner_all);
    return path;
}

std::size_t calls(const fs::path& dir)
{
    std::ifstream in(dir / "calls");
    return static_cast<std::size_t>(
        std::count(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>(), '\n'));
}

// Give `path` a modification time a second later, its content unchanged.
void touch(const fs::path& path)
{
    fs::last_write_time(path, fs::last_write_time(path) + std::chrono::seconds(1));
}

} // namespace

TEST_CASE("ListingCache keeps a listing while the program's file is the same")
{
    const TempDir dir;
    const auto program = counting_lister(dir.path(), "BM_A BM_B");
    const auto file = dir / ".perfgate" / "listings.json";
    {
        ListingCache cache(file);
        CHECK_FALSE(cache.find(program, {}).has_value());
        const auto probed = cache.probe_and_store(program, {}, 10.0);
        CHECK(probed.benchmarks == std::vector<std::string>{"BM_A", "BM_B"});
        cache.save();
    }
    const auto listed = calls(dir.path());
    CHECK(listed > 0);
    REQUIRE(fs::exists(file));

    SUBCASE("found by the next run without running the program")
    {
        ListingCache cache(file);
        const auto kept = cache.find(program, {});
        REQUIRE(kept.has_value());
        CHECK(kept->benchmarks == std::vector<std::string>{"BM_A", "BM_B"});
        CHECK(kept->failure.empty());
        CHECK(calls(dir.path()) == listed);
    }
    SUBCASE("other arguments are another listing")
    {
        ListingCache cache(file);
        CHECK_FALSE(cache.find(program, {"--data", "x"}).has_value());
    }
    SUBCASE("a changed modification time invalidates it")
    {
        touch(program);
        ListingCache cache(file);
        CHECK_FALSE(cache.find(program, {}).has_value());
    }
    SUBCASE("a program rebuilt in place invalidates it")
    {
        counting_lister(dir.path(), "BM_A BM_B BM_C");
        ListingCache cache(file);
        CHECK_FALSE(cache.find(program, {}).has_value());
    }
    SUBCASE("a save keeps only what this discovery met")
    {
        {
            ListingCache cache(file);
            cache.save();
        }
        ListingCache cache(file);
        CHECK_FALSE(cache.find(program, {}).has_value());
    }
    SUBCASE("a damaged cache file is an empty cache, replaced on save")
    {
        std::ofstream(file) << "{\"schema\": \"perfgate-listings/1\", \"programs\": [";
        {
            ListingCache cache(file);
            CHECK_FALSE(cache.find(program, {}).has_value());
            cache.probe_and_store(program, {}, 10.0);
            cache.save();
        }
        CHECK(ListingCache(file).find(program, {}).has_value());
    }
}

TEST_CASE("ListingCache does not keep failures")
{
    const TempDir dir;
    const auto program = counting_lister(dir.path(), "");
    const auto file = dir / "listings.json";
    {
        ListingCache cache(file);
        CHECK_FALSE(cache.probe_and_store(program, {}, 10.0).failure.empty());
        cache.save();
    }
    CHECK_FALSE(ListingCache(file).find(program, {}).has_value());
}

TEST_SUITE_END();
