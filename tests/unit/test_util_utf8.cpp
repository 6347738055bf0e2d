#include <util/utf8.hpp>

#include <doctest/doctest.h>

#include <string>

TEST_SUITE_BEGIN("util_utf8");

using namespace perfgate::util;

namespace {

// "é" is two bytes, "€" three, "𝄞" four.
const std::string k_mixed = "a\xC3\xA9\xE2\x82\xAC\xF0\x9D\x84\x9E"; // a é € 𝄞

} // namespace

TEST_CASE("is_utf8_continuation is true for 10xxxxxx bytes only")
{
    CHECK_FALSE(is_utf8_continuation('a'));
    CHECK_FALSE(is_utf8_continuation('\xC3')); // lead of two
    CHECK_FALSE(is_utf8_continuation('\xF0')); // lead of four
    CHECK(is_utf8_continuation('\x80'));
    CHECK(is_utf8_continuation('\xBF'));
    CHECK_FALSE(is_utf8_continuation('\xC0'));
}

TEST_CASE("code_points counts characters, not bytes")
{
    CHECK(code_points("") == 0);
    CHECK(code_points("plain") == 5);
    CHECK(k_mixed.size() == 10);
    CHECK(code_points(k_mixed) == 4);
    SUBCASE("a stray continuation byte is not counted")
    {
        CHECK(code_points("a\x80z") == 2);
    }
}

TEST_CASE("cut_bytes never splits a sequence")
{
    SUBCASE("short enough: unchanged")
    {
        CHECK(cut_bytes(k_mixed, 10) == k_mixed);
        CHECK(cut_bytes(k_mixed, 100) == k_mixed);
        CHECK(cut_bytes("", 0).empty());
    }
    SUBCASE("a cut on a boundary keeps every byte up to it")
    {
        CHECK(cut_bytes(k_mixed, 1) == "a");
        CHECK(cut_bytes(k_mixed, 3) == "a\xC3\xA9");
        CHECK(cut_bytes(k_mixed, 6) == "a\xC3\xA9\xE2\x82\xAC");
    }
    SUBCASE("a cut inside a sequence drops the whole of it")
    {
        CHECK(cut_bytes(k_mixed, 2) == "a");
        CHECK(cut_bytes(k_mixed, 4) == "a\xC3\xA9");
        CHECK(cut_bytes(k_mixed, 5) == "a\xC3\xA9");
        CHECK(cut_bytes(k_mixed, 9) == "a\xC3\xA9\xE2\x82\xAC");
    }
    SUBCASE("zero bytes")
    {
        CHECK(cut_bytes(k_mixed, 0).empty());
    }
    SUBCASE("ASCII is cut at the limit")
    {
        CHECK(cut_bytes("0123456789abcdef", 12) == "0123456789ab");
    }
}

TEST_CASE("shorten keeps `limit` characters and marks the cut")
{
    SUBCASE("short enough: unchanged, no mark")
    {
        CHECK(shorten("abc", 3) == "abc");
        CHECK(shorten(k_mixed, 4) == k_mixed);
        CHECK(shorten("", 0).empty());
    }
    SUBCASE("longer: the first characters and an ellipsis")
    {
        CHECK(shorten("abcdef", 3) == "abc…");
        CHECK(shorten(k_mixed, 2) == "a\xC3\xA9…");
        CHECK(shorten(k_mixed, 3) == "a\xC3\xA9\xE2\x82\xAC…");
        CHECK(shorten("abc", 0) == "…");
    }
    SUBCASE("a multi-byte character is kept whole")
    {
        CHECK(shorten("\xF0\x9D\x84\x9Ex", 1) == "\xF0\x9D\x84\x9E…");
    }
}

TEST_SUITE_END();
