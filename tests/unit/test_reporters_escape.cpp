#include <reporters/escape.hpp>

#include <doctest/doctest.h>

TEST_SUITE_BEGIN("reporters_escape");

using namespace perfgate;

TEST_CASE("escape_html escapes markup, both quotes and backticks")
{
    CHECK(reporters::escape_html("<script>a&b</script>") == "&lt;script&gt;a&amp;b&lt;/script&gt;");
    CHECK(reporters::escape_html("\"x\" 'y' `z`") == "&quot;x&quot; &#39;y&#39; &#96;z&#96;");
    CHECK(reporters::escape_html("plain BM_sort/1024") == "plain BM_sort/1024");
}

TEST_CASE("escape_xml escapes markup, quotes and control characters")
{
    CHECK(reporters::escape_xml("a&b<c>\"d\"'e'") == "a&amp;b&lt;c&gt;&quot;d&quot;&apos;e&apos;");
    CHECK(reporters::escape_xml("a\nb\x01") == "a&#10;b\xEF\xBF\xBD");
    CHECK(reporters::escape_xml("a\tb\rc") == "a&#9;b&#13;c");
}

TEST_CASE("escape_markdown keeps a table cell and inline text literal")
{
    CHECK(reporters::escape_markdown("a|b\nc\r`d`") == "a\\|bc&#96;d&#96;");
    CHECK(reporters::escape_markdown("<&>") == "&lt;&amp;&gt;");
    CHECK(reporters::escape_markdown("BM_sort _x_ *y* [z](u) \\") ==
          "BM_sort &#95;x&#95; &#42;y&#42; &#91;z&#93;(u) &#92;");
    CHECK(reporters::escape_markdown("~~gone~~") == "&#126;&#126;gone&#126;&#126;");
    CHECK(reporters::escape_markdown("_lead trail_") == "&#95;lead trail&#95;");
}

TEST_SUITE_END();
