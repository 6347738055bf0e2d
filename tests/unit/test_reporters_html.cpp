#include <baselines/gate.hpp>
#include <reporters/html.hpp>
#include <reporters/value_text.hpp>

#include "sample_comparison.hpp"
#include "test_support.hpp"
#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <random>
#include <string>
#include <vector>

TEST_SUITE_BEGIN("reporters_html");

using namespace perfgate;
using namespace perfgate::reporters;
using baselines::Comparison;
using baselines::MetricComparison;
using baselines::Verdict;

namespace {

constexpr const char* k_malicious = "<script>alert(1)</script>|`rm -rf`'\"&";

// Return the number of times `needle` occurs in `text`.
std::size_t count(const std::string& text, const std::string& needle)
{
    std::size_t found = 0;
    for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
        ++found;
    }
    return found;
}

std::vector<double> samples_around(double median, double spread, std::mt19937& random)
{
    std::normal_distribution<double> noise(median, spread);
    std::vector<double> samples(20);
    for (auto& sample : samples) {
        sample = std::max(noise(random), median * 0.5);
    }
    return samples;
}

// An entry `id` whose current median is `change` away from a 1 ms baseline; the summaries and
// statistics are plausible, not computed (the renderer must not compute them either).
MetricComparison entry(const std::string& id, double change, Verdict verdict, std::mt19937& random)
{
    MetricComparison e;
    e.id = id;
    e.metric = "real_time";
    e.unit = "ns";
    e.verdict = verdict;
    e.baseline_samples = samples_around(1e6, 2e4, random);
    e.current_samples = samples_around(1e6 * (1 + change), 2e4, random);
    e.baseline = core::Summary{.n = 20, .median = 1e6, .min = 9.5e5, .max = 1.05e6};
    e.current = core::Summary{.n = 20, .median = 1e6 * (1 + change)};
    e.change = change;
    e.interval = core::Interval{change - 0.02, change + 0.02};
    e.p_value = std::abs(change) > 0.01 ? 0.0001 : 0.6;
    if (verdict == Verdict::regressed) {
        e.level = baselines::level_of(change, e.policy);
    }
    return e;
}

// A comparison of `n` benchmarks with every verdict, the malicious id among them.
Comparison sample_comparison(std::size_t n)
{
    std::mt19937 random(42);
    Comparison c;
    c.baseline.label = "main";
    c.baseline.created = "2024-05-01T10:00:00Z";
    c.baseline.environment = {"ci-runner-1",
                              "Linux 6.1",
                              "AMD EPYC 7763",
                              4,
                              16ull << 30,
                              core::GitInfo{"0123abcd", "main", false}};
    c.current.label = "current";
    c.current.created = "2024-05-02T11:00:00Z";
    c.current.environment = {"ci-runner-2",
                             "Linux 6.1",
                             "AMD EPYC 7763",
                             4,
                             16ull << 30,
                             core::GitInfo{"89efcdab", "feature/<b>fast</b>", true}};
    c.warnings.push_back("environment differs: host 'ci-runner-1' vs 'ci-runner-2'");
    if (n == 0) {
        return c;
    }
    c.entries.push_back(entry(k_malicious, 0.62, Verdict::regressed, random));
    const std::vector<std::pair<double, Verdict>> kinds{{0.2, Verdict::regressed},
                                                        {0.35, Verdict::regressed},
                                                        {0.05, Verdict::regressed},
                                                        {-0.12, Verdict::improved},
                                                        {0.004, Verdict::unchanged},
                                                        {-0.006, Verdict::unchanged},
                                                        {0.03, Verdict::inconclusive}};
    for (std::size_t i = 1; i < n; ++i) {
        const auto& [base, verdict] = kinds[i % kinds.size()];
        const double change = base * (1 + static_cast<double>(i % 13) / 20);
        c.entries.push_back(entry(fmt::format("BM_Parse/{}", i), change, verdict, random));
    }
    if (n >= 10) {
        auto& throughput = c.entries[4];
        throughput.metric = "bytes_per_second";
        throughput.unit = "B";
        throughput.better = core::Better::higher;
        auto& own = c.entries[2];
        own.policy.warning = 0.1;
        own.policy.critical = 0.2;
        own.policy.blocker = 0.4;
        c.entries[3].budgets.push_back(test::make_budget(1.2e6, "median", 1.35e6));
        c.entries[5].budgets.push_back(test::make_budget(2e6, "p95", 1.1e6));
        auto& failed = c.entries[6];
        failed.verdict = Verdict::failed;
        failed.message = "exited with code 1: <stderr> & more";
        failed.change.reset();
        failed.interval.reset();
        failed.p_value.reset();
        failed.current.reset();
        failed.current_samples.clear();
        c.entries[7].verdict = Verdict::new_benchmark;
        c.entries[7].baseline.reset();
        c.entries[7].baseline_samples.clear();
        c.entries[7].change.reset();
        c.entries[7].interval.reset();
        c.entries[8].verdict = Verdict::missing;
        c.entries[8].current.reset();
        c.entries[8].current_samples.clear();
        c.entries[8].change.reset();
        c.entries[8].interval.reset();
    }
    baselines::decide(c);
    return c;
}

} // namespace

TEST_CASE("render_html escapes every user-supplied string")
{
    auto comparison = sample_comparison(10);
    comparison.current.label = "<img src=x onerror=alert(2)>";
    const auto page = render_html(comparison);
    CHECK(page.find("&lt;script&gt;alert(1)&lt;/script&gt;|&#96;rm -rf&#96;&#39;&quot;&amp;") !=
          std::string::npos);
    CHECK(page.find("alert(1)</script>") == std::string::npos);
    CHECK(page.find("`rm") == std::string::npos);
    CHECK(count(page, "<script") == 1); // the report's own
    CHECK(page.find("<img") == std::string::npos);
    CHECK(page.find("&lt;img src=x onerror=alert(2)&gt;") != std::string::npos);
    CHECK(page.find("feature/&lt;b&gt;fast&lt;/b&gt;") != std::string::npos);
    CHECK(page.find("exited with code 1: &lt;stderr&gt; &amp; more") != std::string::npos);
    // In attributes too: the id sorts by its data-value.
    CHECK(page.find("data-value=\"&lt;script&gt;") != std::string::npos);
}

TEST_CASE("render_html lists one table row per entry")
{
    const auto comparison = sample_comparison(50);
    const auto page = render_html(comparison);
    CHECK(count(page, "<tr data-verdict=") == 50);
    CHECK(count(page, "<tr data-verdict=\"regressed\"") ==
          static_cast<std::size_t>(comparison.totals.regressed));
    CHECK(page.find("id=\"change-chart\"") != std::string::npos);
    // One benchmark failed: a broken run, whatever else regressed.
    CHECK(page.find("gate: BROKEN RUN") != std::string::npos);
    CHECK(page.find("badge broken") != std::string::npos);
    REQUIRE(comparison.geomean_change.has_value());
    CHECK(page.find(fmt::format("Geometric mean of changes: <strong>{}</strong>",
                                format_change(*comparison.geomean_change))) != std::string::npos);
    CHECK(page.find("environment differs") != std::string::npos);
    CHECK(page.find("BREACHED") != std::string::npos);
    // Regressions come first, the blocker at the top.
    CHECK(page.find("<tr data-verdict=\"regressed\"") <
          page.find("<tr data-verdict=\"unchanged\""));
}

TEST_CASE("render_html makes no network requests")
{
    const auto page = render_html(sample_comparison(50));
    CHECK(page.find("http://") == std::string::npos);
    CHECK(page.find("https://") == std::string::npos);
    CHECK(page.find("src=\"") == std::string::npos);
    CHECK(page.find("@import") == std::string::npos);
    CHECK(page.find("url(") == std::string::npos);
}

TEST_CASE("render_html renders an empty comparison")
{
    const auto page = render_html(sample_comparison(0));
    CHECK(page.find("<!DOCTYPE html>") == 0);
    CHECK(count(page, "<tr data-verdict=") == 0);
    CHECK(page.find("No benchmarks to compare.") != std::string::npos);
    CHECK(page.find("No samples to plot.") != std::string::npos);
    CHECK(page.find("id=\"change-chart\"") == std::string::npos);
    CHECK(page.find("</html>") != std::string::npos);
}

TEST_CASE("render_html caps the chart and the plots for thousands of entries")
{
    const auto page = render_html(sample_comparison(5000));
    CHECK(count(page, "<tr data-verdict=") == 5000);
    CHECK(count(page, "<g><title>") == k_html_plot_limit);
    CHECK(count(page, "<details class=\"plot\"") == k_html_plot_limit);
    CHECK(page.find("Showing the 200 largest of 4997 changes") != std::string::npos);
    CHECK(page.find("Showing the 200 entries with the largest changes of 5000") !=
          std::string::npos);
}

TEST_CASE("render_html uses a given template and rejects a broken one")
{
    HtmlOptions options;
    options.template_text = "<p>{{gate_line}}</p>{{#rows}}[{{id}}]{{/rows}}";
    CHECK(render_html(sample_comparison(2), options) ==
          "<p>gate: FAILED (fail-on blocker): 1 regression at or above "
          "blocker</p>[&lt;script&gt;alert(1)&lt;/script&gt;|&#96;rm -rf&#96;&#39;&quot;&amp;]"
          "[BM_Parse/1]");
    options.template_text = "{{#rows}}";
    CHECK(test::error_of([&] { render_html(sample_comparison(2), options); }).code() ==
          ExitCode::usage);
}

// Not a check: writes a sample report where PERFGATE_HTML_OUT says, for tests/e2e.
TEST_CASE("render_html writes a sample report to PERFGATE_HTML_OUT")
{
    const char* path = std::getenv("PERFGATE_HTML_OUT");
    if (path == nullptr) {
        return;
    }
    std::ofstream out(path);
    out << render_html(sample_comparison(50));
    REQUIRE(out.good());
}

TEST_SUITE_END();
