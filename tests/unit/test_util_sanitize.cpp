#include <util/sanitize.hpp>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <string>
#include <vector>

TEST_SUITE_BEGIN("util_sanitize");

using namespace perfgate;
using util::sanitize;
using util::sanitize_lines;

namespace {

// True when `line`, as the Actions runner reads it, would start a workflow command: `::` after
// blanks it trims, or `##[` anywhere.
bool starts_command(std::string_view line)
{
    static const std::vector<std::string_view> blanks{" ",
                                                      "\t",
                                                      "\v",
                                                      "\f",
                                                      "\r",
                                                      "\u00a0",
                                                      "\u1680",
                                                      "\u2000",
                                                      "\u2003",
                                                      "\u200a",
                                                      "\u202f",
                                                      "\u205f",
                                                      "\u3000",
                                                      "\u0085",
                                                      "\u2028",
                                                      "\u2029"};
    for (bool trimmed = true; trimmed;) {
        trimmed = false;
        for (const auto blank : blanks) {
            if (line.starts_with(blank)) {
                line.remove_prefix(blank.size());
                trimmed = true;
            }
        }
    }
    return line.starts_with("::") || line.find("##[") != std::string_view::npos;
}

bool has_control(std::string_view text, bool newline_allowed)
{
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if ((byte < 0x20 && !(newline_allowed && c == '\n')) || byte == 0x7f) {
            return true;
        }
    }
    return false;
}

} // namespace

TEST_CASE("sanitize keeps printable text verbatim")
{
    for (const std::string text : {"",
                                   "parse-large",
                                   "bench_sort/BM_Sort/1024",
                                   "latency/disabled-at-runtime (global logger)",
                                   "a::b",
                                   "std::sort",
                                   "x ::y",
                                   "C:\\path\\to",
                                   "# heading [x]",
                                   "#[a]",
                                   "12.3 \u00b5s \u00b1 0.1",
                                   "\u2026 caf\u00e9 \u65e5\u672c",
                                   "\u00a0indented",
                                   "emoji \U0001f600"}) {
        CAPTURE(text);
        CHECK(sanitize(text) == text);
    }
}

TEST_CASE("sanitize turns control characters into visible escapes")
{
    CHECK(sanitize("a\x1b[31mred") == "a\\x1b[31mred");
    CHECK(sanitize("bell\a") == "bell\\x07");
    CHECK(sanitize("over\rwrite") == "over\\x0dwrite");
    CHECK(sanitize("two\nlines") == "two\\x0alines");
    CHECK(sanitize("tab\there") == "tab\\x09here");
    CHECK(sanitize(std::string("nul\0byte", 8)) == "nul\\x00byte");
    CHECK(sanitize("del\x7f") == "del\\x7f");
    SUBCASE("C1 controls, separators and invisible formatting characters")
    {
        CHECK(sanitize("csi\u009b2J") == "csi\\u009b2J");
        CHECK(sanitize("next\u0085line") == "next\\u0085line");
        CHECK(sanitize("line\u2028sep") == "line\\u2028sep");
        CHECK(sanitize("evil\u202etxt.exe") == "evil\\u202etxt.exe");
        CHECK(sanitize("zero\u200bwidth") == "zero\\u200bwidth");
        CHECK(sanitize("soft\u00adhyphen") == "soft\\u00adhyphen");
        CHECK(sanitize("tag\U000e0041") == "tag\\U000e0041");
    }
    SUBCASE("bytes that are not UTF-8")
    {
        CHECK(sanitize("bad\xff") == "bad\\xff");
        CHECK(sanitize("lone\x9b") == "lone\\x9b");
        CHECK(sanitize("cut\xe2\x80") == "cut\\xe2\\x80");
        CHECK(sanitize("overlong\xc0\xaf") == "overlong\\xc0\\xaf");
        CHECK(sanitize("surrogate\xed\xa0\x80") == "surrogate\\xed\\xa0\\x80");
        CHECK(sanitize("overlong\xc1\x9b") == "overlong\\xc1\\x9b");
    }
}

TEST_CASE("sanitize makes workflow commands inert")
{
    SUBCASE("a leading :: loses its first colon")
    {
        CHECK(sanitize("::error::x") == "\\x3a:error::x");
        CHECK(sanitize("::add-mask::secret") == "\\x3a:add-mask::secret");
        CHECK(sanitize("  ::warning::x") == "  \\x3a:warning::x");
    }
    SUBCASE("Unicode blanks before :: count as the runner trims them")
    {
        CHECK(sanitize("\u00a0::error::x") == "\u00a0\\x3a:error::x");
        CHECK(sanitize("\u3000\u2003::error::x") == "\u3000\u2003\\x3a:error::x");
        CHECK(sanitize("\u205f::error::x") == "\u205f\\x3a:error::x");
    }
    SUBCASE("control blanks before :: are escaped, which already breaks the command")
    {
        CHECK(sanitize("\t::error::x") == "\\x09::error::x");
        CHECK(sanitize("\u0085::error::x") == "\\u0085::error::x");
        CHECK(sanitize("\u200b::error::x") == "\\u200b::error::x");
    }
    SUBCASE("a newline cannot start a new command line")
    {
        CHECK(sanitize("ok\n::error::x") == "ok\\x0a::error::x");
        CHECK(sanitize("ok\r::error::x") == "ok\\x0d::error::x");
    }
    SUBCASE("##[ anywhere is broken up")
    {
        CHECK(sanitize("##[error]x") == "##\\x5berror]x");
        CHECK(sanitize("id ##[group]a ##[endgroup]") == "id ##\\x5bgroup]a ##\\x5bendgroup]");
        CHECK(sanitize("###[x") == "###\\x5bx");
    }
}

TEST_CASE("sanitize_lines keeps line breaks and neutralises every line")
{
    CHECK(sanitize_lines("first\nsecond") == "first\nsecond");
    CHECK(sanitize_lines("first\r\nsecond\r\n") == "first\nsecond\n");
    CHECK(sanitize_lines("ok\n::error::x\n  ::set-output name=a::b") ==
          "ok\n\\x3a:error::x\n  \\x3a:set-output name=a::b");
    CHECK(sanitize_lines("a\rb\x1b[2Kc\n##[error]d") == "a\\x0db\\x1b[2Kc\n##\\x5berror]d");
}

TEST_CASE("no mix of hostile fragments survives sanitize")
{
    const std::vector<std::string> fragments{
        "::",     ":",      "#",      "##",   "[",      "\n",     "\r",
        "\x1b",   "\a",     " ",      "\t",   "\u00a0", "\u3000", "\u0085",
        "\u2028", "\u00ad", "\u200b", "\xff", "\xe2",   "x",      "error"};
    std::size_t checked = 0;
    for (const auto& a : fragments) {
        for (const auto& b : fragments) {
            for (const auto& c : fragments) {
                const std::string text = fmt::format("{}{}{}::error::x", a, b, c);
                const auto one = sanitize(text);
                CAPTURE(text);
                CHECK_FALSE(has_control(one, false));
                CHECK_FALSE(starts_command(one));
                const auto lines = sanitize_lines(fmt::format("{}\n{}", text, text));
                CHECK_FALSE(has_control(lines, true));
                for (std::size_t start = 0; start <= lines.size();) {
                    auto end = lines.find('\n', start);
                    end = end == std::string::npos ? lines.size() : end;
                    CHECK_FALSE(starts_command(std::string_view(lines).substr(start, end - start)));
                    start = end + 1;
                }
                ++checked;
            }
        }
    }
    CHECK(checked == fragments.size() * fragments.size() * fragments.size());
}

TEST_SUITE_END();
