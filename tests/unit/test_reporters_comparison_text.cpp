#include <reporters/comparison_text.hpp>
#include <reporters/console_comparison.hpp>
#include <reporters/html.hpp>
#include <reporters/markdown.hpp>

#include "sample_comparison.hpp"
#include <doctest/doctest.h>

#include <string>

TEST_SUITE_BEGIN("reporters_comparison_text");

using namespace perfgate;
using namespace perfgate::baselines;
using namespace perfgate::reporters;

TEST_CASE("budget_text: the statistic, its value, the limit as written and the headroom")
{
    auto entry = test::make_entry("x", Verdict::new_benchmark, 0); // unit ns
    SUBCASE("a ceiling with room")
    {
        auto budget = test::make_budget(10e6, "p95", 8e6);
        budget.written = "10ms";
        CHECK(budget_text(entry, budget) == "p95 8.0 ms ≤ 10ms: 20% headroom");
    }
    SUBCASE("a ceiling breached, a limit without a unit formatted in the metric's")
    {
        const auto budget = test::make_budget(10e6, "p99", 12e6);
        CHECK(budget_text(entry, budget) == "p99 12.0 ms > 10.0 ms: BREACHED (blocker)");
    }
    SUBCASE("a thin headroom")
    {
        auto budget = test::make_budget(10e6, "median", 9.5e6);
        budget.warn_headroom = 0.1;
        budget.thin = true;
        CHECK(budget_text(entry, budget) ==
              "median 9.5 ms ≤ 10.0 ms: only 5% headroom (warns below 10%)");
    }
    SUBCASE("a floor on a rate")
    {
        entry.unit = "1/s";
        auto budget = test::make_budget(50, "median", 40, Bound::floor, core::Level::critical);
        budget.written = "50/s";
        CHECK(budget_text(entry, budget) == "median 40 1/s < 50/s: BREACHED (critical)");
        budget.value = 60;
        budget.breached = false;
        budget.headroom = 0.2;
        CHECK(budget_text(entry, budget) == "median 60 1/s ≥ 50/s: 20% headroom");
    }
    SUBCASE("a ratio limited in percent is shown in percent")
    {
        entry.unit = "";
        auto budget = test::make_budget(0.05, "mean", 0.1);
        budget.written = "5%";
        CHECK(budget_text(entry, budget) == "mean 10% > 5%: BREACHED (blocker)");
    }
    SUBCASE("a limit of zero")
    {
        entry.unit = "";
        auto budget = test::make_budget(1, "max", 0);
        budget.limit = 0;
        budget.headroom.reset();
        CHECK(budget_text(entry, budget) == "max 0 ≤ 0");
    }
    SUBCASE("several budgets")
    {
        entry.budgets.push_back(test::make_budget(10e6, "p95", 8e6));
        entry.budgets.push_back(test::make_budget(1e6, "min", 2e6, Bound::floor));
        CHECK(budget_text(entry) ==
              "p95 8.0 ms ≤ 10.0 ms: 20% headroom; min 2.0 ms ≥ 1.0 ms: 100% headroom");
    }
}

TEST_CASE("budget_lines and counts_line tell breaches and thin headroom")
{
    auto comparison = test::sample_comparison();
    auto thin = test::make_budget(10e6, "p95", 9.9e6);
    thin.warn_headroom = 0.05;
    thin.thin = true;
    comparison.entries[4].budgets.push_back(thin);
    decide(comparison);
    const auto lines = budget_lines(comparison);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0] ==
          "'BM_budget' wall: median 10.0 ms > 5.0 ms: BREACHED (blocker) (perfgate.toml:7)");
    CHECK(lines[1] == "'BM_unchanged' wall: p95 9.9 ms ≤ 10.0 ms: only 1% headroom (warns below "
                      "5%) (perfgate.toml:7)");
    CHECK(counts_line(comparison.totals).ends_with("1 over budget, 1 close to budget"));
}

TEST_CASE("--stats adds columns of the current run's statistics to every table")
{
    auto comparison = test::sample_comparison();
    for (auto& entry : comparison.entries) {
        if (entry.current) {
            entry.current->p95 = 20e6;
            entry.current->p99 = 30e6;
        }
    }
    comparison.stats = {"p95", "p99"};
    CHECK(stat_values(comparison.entries[1], comparison.stats) ==
          std::vector<std::string>{"20.0 ms", "30.0 ms"});
    CHECK(stat_values(comparison.entries[8], comparison.stats) ==
          std::vector<std::string>{"-", "-"}); // missing: no current run

    const auto console = render_console_comparison(comparison, false);
    const auto header = console.substr(0, console.find('\n'));
    CHECK(header.find("Current      p95      p99") != std::string::npos);
    CHECK(console.find("20.0 ms  30.0 ms") != std::string::npos);

    const auto markdown = render_markdown(comparison, MarkdownOptions{});
    CHECK(markdown.find("| Benchmark | Metric | Baseline | Current | p95 | p99 | Change |") !=
          std::string::npos);
    CHECK(markdown.find("|:--|:--|--:|--:|--:|--:|--:|:-:|--:|:--|") != std::string::npos);
    CHECK(markdown.find("| 20.0 ms | 30.0 ms |") != std::string::npos);

    const auto html = render_html(comparison, HtmlOptions{});
    CHECK(html.find(R"(<th data-sort="number" class="num" scope="col">p95</th>)") !=
          std::string::npos);
    CHECK(html.find(R"(<td class="num" data-value="20000000">20.0 ms</td>)") != std::string::npos);

    SUBCASE("without --stats, no extra column")
    {
        comparison.stats.clear();
        CHECK(render_markdown(comparison, MarkdownOptions{})
                  .find("| Benchmark | Metric | Baseline | Current | Change |") !=
              std::string::npos);
    }
}

TEST_CASE("render_budgets: the budgets and the gate of a run without a baseline")
{
    Comparison comparison;
    comparison.entries.push_back(test::make_entry("app", Verdict::new_benchmark, 0));
    CHECK(render_budgets(comparison).empty());
    auto budget = test::make_budget(1e6, "median", 10e6);
    budget.written = "1ms";
    comparison.entries[0].budgets.push_back(budget);
    decide(comparison);
    CHECK(render_budgets(comparison) ==
          "budget: 'app' wall: median 10.0 ms > 1ms: BREACHED (blocker) (perfgate.toml:7)\n"
          "gate: FAILED (fail-on blocker): 1 budget breach at or above blocker\n");
}

TEST_SUITE_END();
