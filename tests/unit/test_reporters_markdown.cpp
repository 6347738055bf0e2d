#include <reporters/markdown.hpp>
#include <reporters/value_text.hpp>
#include <util/process.hpp>

#include "sample_comparison.hpp"
#include "test_support.hpp"
#include <doctest/doctest.h>

#include <fstream>
#include <string>

TEST_SUITE_BEGIN("reporters_markdown");

using namespace perfgate;
using reporters::MarkdownOptions;
using reporters::render_markdown;

namespace {

MarkdownOptions pr_comment()
{
    MarkdownOptions options;
    options.pr_comment = true;
    return options;
}

std::size_t count(const std::string& text, const std::string& needle)
{
    std::size_t n = 0;
    for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
        ++n;
    }
    return n;
}

std::string first_line(const std::string& text)
{
    return text.substr(0, text.find('\n'));
}

} // namespace

TEST_CASE("render_markdown shows the gate, counts, regressions and every result")
{
    const auto comparison = test::sample_comparison();

    SUBCASE("the PR-comment variant starts with the marker")
    {
        const auto out = render_markdown(comparison, pr_comment());
        CHECK(first_line(out) == "<!-- perfgate -->");
        CHECK(count(out, "<!-- perfgate -->") == 1);
    }
    SUBCASE("the plain variant has no marker")
    {
        const auto out = render_markdown(comparison, {});
        CHECK(out.find("<!-- perfgate -->") == std::string::npos);
        CHECK(first_line(out) == "## perfgate: 💥 broken run");
    }
    SUBCASE("content")
    {
        const auto out = render_markdown(comparison, {});
        CHECK(out.find("gate: BROKEN RUN") != std::string::npos);
        CHECK(out.find("3 regressed (1 blocker, 1 critical, 1 warning), 2 unchanged, 1 improved, "
                       "1 inconclusive, 1 new, 1 missing, 1 failed, 1 over budget") !=
              std::string::npos);
        CHECK(out.find("### Regressions and budgets") != std::string::npos);
        CHECK(out.find("| BM_critical | wall | 10.0 ms | 13.0 ms | +30.0% | [+29.0%, +31.0%] | "
                       "0.001 | regressed (critical) |") != std::string::npos);
        CHECK(out.find("| BM_budget | wall |") != std::string::npos);
        CHECK(out.find("median 10.0 ms &gt; 5.0 ms: BREACHED") != std::string::npos);
        CHECK(out.find("<details><summary>All 10 results</summary>") != std::string::npos);
        CHECK(out.find("</details>") != std::string::npos);
        // Each regression is in both tables; unchanged entries only in the full one.
        CHECK(count(out, "| BM_warning |") == 2);
        CHECK(count(out, "| BM_unchanged |") == 1);
        CHECK(out.find("- BM_crash: killed by signal 11 (SIGSEGV)") != std::string::npos);
        REQUIRE(comparison.geomean_change.has_value());
        CHECK(out.find(fmt::format("Geometric mean of changes: **{}**",
                                   reporters::format_change(*comparison.geomean_change))) !=
              std::string::npos);
        CHECK(out.find("| Host | ci\\|host | laptop |") != std::string::npos);
        CHECK(out.find("cpu differs: &lt;b&gt;x&lt;/b&gt; vs y") != std::string::npos);
        CHECK(out.find("not shown") == std::string::npos);
    }
}

TEST_CASE("render_markdown escapes every user-supplied string")
{
    const auto out = render_markdown(test::sample_comparison(), {});
    CHECK(out.find("<script>") == std::string::npos);
    CHECK(out.find("<b>") == std::string::npos);
    CHECK(out.find("&lt;script&gt;alert(1)&lt;/script&gt;\\|&#96;x&#96;") != std::string::npos);
}

TEST_CASE("render_markdown stays under max_chars by shortening the full table")
{
    auto comparison = test::sample_comparison();
    for (int i = 0; i < 5000; ++i) {
        comparison.entries.push_back(
            test::make_entry("BM_many/" + std::to_string(i), baselines::Verdict::unchanged, 0.001));
    }
    const auto out = render_markdown(comparison, pr_comment());
    CHECK(out.size() <= 65536);
    CHECK(first_line(out) == "<!-- perfgate -->");
    CHECK(out.find("more rows not shown; see the HTML or JSON report") != std::string::npos);
    CHECK(out.find("All 5010 results") != std::string::npos);
    // Unchanged rows are dropped before anything that needs attention.
    CHECK(out.find("| BM_gone |") != std::string::npos);
    CHECK(out.find("| BM_crash |") != std::string::npos);
    CHECK(out.find("</details>") != std::string::npos);

    SUBCASE("a tiny limit is still respected")
    {
        const auto small = render_markdown(comparison, [] {
            MarkdownOptions options;
            options.max_chars = 1000;
            return options;
        }());
        CHECK(small.size() <= 1000);
    }
}

TEST_CASE("render_markdown of an empty comparison has no table")
{
    const auto out = render_markdown(baselines::Comparison{}, {});
    CHECK(out.find("No results to compare.") != std::string::npos);
    CHECK(out.find("All 0 results") == std::string::npos);
    CHECK(out.find("### Regressions") == std::string::npos);
    CHECK(out.find("gate: passed") != std::string::npos);
}

TEST_CASE("render_markdown takes a template override and rejects a broken one")
{
    MarkdownOptions options;
    options.template_text = "{{{counts}}}|{{{total}}}";
    CHECK(render_markdown(test::sample_comparison(), options).find("|10") != std::string::npos);
    options.template_text = "{{#rows}}";
    CHECK_THROWS_AS(render_markdown(test::sample_comparison(), options), Error);
}

TEST_CASE("render_markdown output renders as GFM tables in cmark-gfm")
{
    test::TempDir dir;
    const auto path = dir / "report.md";
    std::ofstream(path) << render_markdown(test::sample_comparison(), {});
    util::SpawnOptions options;
    options.argv = {"cmark-gfm", "-e", "table", path.string()};
    options.out = util::Output::capture;
    options.capture_limit = 1 << 20;
    const auto result = util::run_process(options);
    if (!result.started) {
        MESSAGE("cmark-gfm is not installed: skipped");
        return;
    }
    REQUIRE(result.succeeded());
    const auto& html = result.out;
    // Header and rows: 4 regressions and budget breaches, 10 results, 8 environment lines.
    CHECK(count(html, "<tr>") == (1 + 4) + (1 + 10) + (1 + 8));
    CHECK(count(html, "<table>") == 3);
    CHECK(html.find("<script>") == std::string::npos);
    CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;|`x`") != std::string::npos);
    CHECK(html.find(">ci|host</td>") != std::string::npos);
}

TEST_CASE("render_markdown states the thresholds and the commits compared")
{
    auto comparison = test::sample_comparison();
    SUBCASE("the thresholds most metrics were judged with, and how many had others")
    {
        const auto out = render_markdown(comparison, pr_comment());
        CHECK(out.find("Thresholds: warning +15.0%, critical +30.0%, blocker +50.0%; the gate "
                       "fails at critical\n") != std::string::npos);
        comparison.entries[1].policy = baselines::MetricPolicy{0.05, 0.10, 0.20};
        const auto mixed = render_markdown(comparison, pr_comment());
        CHECK(mixed.find("fails at critical (1 judged metric with thresholds of their own)") !=
              std::string::npos);
    }
    SUBCASE("base and head commits, when both sides know theirs; a detached checkout says so")
    {
        CHECK(render_markdown(comparison, pr_comment()).find("Base `") == std::string::npos);
        comparison.baseline.environment.git =
            core::GitInfo{"0123456789abcdef0123", "(detached)", false};
        comparison.current.environment.git = core::GitInfo{"fedcba9876543210fedc", "pr", true};
        const auto out = render_markdown(comparison, pr_comment());
        CHECK(out.find("Base `0123456789ab` → head `fedcba987654` (with uncommitted changes)") !=
              std::string::npos);
        CHECK(out.find("0123456789ab (detached)") != std::string::npos);
        CHECK(out.find("((detached))") == std::string::npos);
    }
}

TEST_SUITE_END();
