#include <baselines/gate.hpp>

#include "sample_comparison.hpp"
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

TEST_SUITE_BEGIN("baselines_gate");

using namespace perfgate;
using namespace perfgate::baselines;
using core::FailOn;
using core::InconclusivePolicy;
using core::Level;
using perfgate::test::make_entry;

namespace {

constexpr std::array k_levels{Level::none, Level::warning, Level::critical, Level::blocker};
constexpr std::array k_fail_ons{FailOn::warning, FailOn::critical, FailOn::blocker, FailOn::never};

GateResult gate(FailOn fail_on, InconclusivePolicy inconclusive = InconclusivePolicy::warn)
{
    GateResult result;
    result.fail_on = fail_on;
    result.inconclusive = inconclusive;
    return result;
}

MetricComparison with_role(MetricComparison entry, Role role)
{
    entry.role = role;
    return entry;
}

MetricComparison with_budget(MetricComparison entry, bool breached, Level level)
{
    BudgetCheck budget;
    budget.statistic = "median";
    budget.limit = 5e6;
    budget.value = breached ? 6e6 : 4e6;
    budget.headroom = breached ? -0.2 : 0.2;
    budget.breached = breached;
    budget.level = level;
    entry.budgets.push_back(budget);
    return entry;
}

} // namespace

TEST_CASE("reaches: every level against every fail_on")
{
    // Rows: none, warning, critical, blocker; columns: warning, critical, blocker, never.
    const bool expected[4][4] = {{false, false, false, false},
                                 {true, false, false, false},
                                 {true, true, false, false},
                                 {true, true, true, false}};
    for (std::size_t l = 0; l < k_levels.size(); ++l) {
        for (std::size_t f = 0; f < k_fail_ons.size(); ++f) {
            CAPTURE(core::to_string(k_levels[l]));
            CAPTURE(core::to_string(k_fail_ons[f]));
            CHECK(reaches(k_levels[l], k_fail_ons[f]) == expected[l][f]);
        }
    }
}

namespace {

// `reason` when an entry fails the gate, else none.
GateFailure failing(bool fails, GateFailure reason)
{
    return fails ? reason : GateFailure::none;
}

} // namespace

TEST_CASE("gate_failure: regressions at and below fail_on")
{
    for (const auto level : {Level::warning, Level::critical, Level::blocker}) {
        for (const auto fail_on : k_fail_ons) {
            CAPTURE(core::to_string(level));
            CAPTURE(core::to_string(fail_on));
            const auto entry = make_entry("BM", Verdict::regressed, 0.2, level);
            const auto expected = failing(reaches(level, fail_on), GateFailure::regression);
            CHECK(gate_failure(entry, gate(fail_on)) == expected);
            // A guard is gated like the primary metric; an informational metric never is.
            CHECK(gate_failure(with_role(entry, Role::guard), gate(fail_on)) == expected);
            CHECK(gate_failure(with_role(entry, Role::informational), gate(fail_on)) ==
                  GateFailure::none);
        }
    }
}

TEST_CASE("gate_failure: verdicts that never fail the gate")
{
    for (const auto verdict : {Verdict::slower,
                               Verdict::unchanged,
                               Verdict::faster,
                               Verdict::improved,
                               Verdict::new_benchmark,
                               Verdict::missing,
                               Verdict::failed,
                               Verdict::skipped}) {
        CAPTURE(to_string(verdict));
        CHECK(gate_failure(make_entry("BM", verdict, 0.1), gate(FailOn::warning)) ==
              GateFailure::none);
    }
}

TEST_CASE("gate_failure: a budget breach counts at its level, whatever the role or verdict")
{
    const auto unchanged = make_entry("BM", Verdict::unchanged, 0.0);
    const auto regressed = make_entry("BM", Verdict::regressed, 0.5, Level::blocker);
    for (const auto level : {Level::warning, Level::critical, Level::blocker}) {
        for (const auto fail_on : k_fail_ons) {
            CAPTURE(core::to_string(level));
            CAPTURE(core::to_string(fail_on));
            const auto breached = with_budget(unchanged, true, level);
            const auto expected = failing(reaches(level, fail_on), GateFailure::budget);
            CHECK(fails_gate(breached.budgets.front(), gate(fail_on)) == reaches(level, fail_on));
            CHECK(gate_failure(breached, gate(fail_on)) == expected);
            CHECK(gate_failure(with_role(breached, Role::informational), gate(fail_on)) ==
                  expected);
            CHECK(gate_failure(with_budget(unchanged, false, level), gate(fail_on)) ==
                  GateFailure::none);
            // A breach that fails is the reason given, before the regression on the same row.
            if (reaches(level, fail_on)) {
                CHECK(gate_failure(with_budget(regressed, true, level), gate(fail_on)) ==
                      GateFailure::budget);
            }
        }
    }
}

TEST_CASE("gate_failure: inconclusive under each [gate].inconclusive policy")
{
    const auto inconclusive = make_entry("BM", Verdict::inconclusive, 0.05);
    for (const auto fail_on : k_fail_ons) {
        CAPTURE(core::to_string(fail_on));
        const bool gating = fail_on != FailOn::never;
        CHECK(gate_failure(inconclusive, gate(fail_on, InconclusivePolicy::fail)) ==
              failing(gating, GateFailure::inconclusive));
        CHECK(gate_failure(inconclusive, gate(fail_on, InconclusivePolicy::warn)) ==
              GateFailure::none);
        CHECK(gate_failure(inconclusive, gate(fail_on, InconclusivePolicy::pass)) ==
              GateFailure::none);
        // Load swamps a guard's wall time: only the primary metric's lack of evidence fails.
        CHECK(gate_failure(with_role(inconclusive, Role::guard),
                           gate(fail_on, InconclusivePolicy::fail)) == GateFailure::none);
        CHECK(gate_failure(with_role(inconclusive, Role::informational),
                           gate(fail_on, InconclusivePolicy::fail)) == GateFailure::none);
    }
}

TEST_CASE("decide: totals count gated entries, budget breaches count all")
{
    Comparison comparison;
    comparison.gate.fail_on = FailOn::critical;
    comparison.entries = {
        make_entry("a", Verdict::regressed, 0.2, Level::warning),
        make_entry("b", Verdict::regressed, 0.35, Level::critical),
        make_entry("c", Verdict::regressed, 0.6, Level::blocker),
        with_role(make_entry("c", Verdict::regressed, 0.6, Level::blocker), Role::guard),
        with_role(make_entry("d", Verdict::regressed, 0.6, Level::blocker), Role::informational),
        make_entry("e", Verdict::slower, 0.05),
        make_entry("f", Verdict::inconclusive, 0.05),
        make_entry("g", Verdict::unchanged, 0.0),
        make_entry("h", Verdict::faster, -0.05),
        make_entry("i", Verdict::improved, -0.3),
        make_entry("j", Verdict::new_benchmark, 0),
        make_entry("k", Verdict::missing, 0),
        make_entry("l", Verdict::skipped, 0),
        with_budget(with_role(make_entry("m", Verdict::unchanged, 0.0), Role::informational),
                    true,
                    Level::warning),
    };
    decide(comparison);
    const auto& totals = comparison.totals;
    CHECK(totals.regressed == 4);
    CHECK(totals.warning == 1);
    CHECK(totals.critical == 1);
    CHECK(totals.blocker == 2);
    CHECK(totals.slower == 1);
    CHECK(totals.inconclusive == 1);
    CHECK(totals.unchanged == 1);
    CHECK(totals.faster == 1);
    CHECK(totals.improved == 1);
    CHECK(totals.new_benchmarks == 1);
    CHECK(totals.missing == 1);
    CHECK(totals.skipped == 1);
    CHECK(totals.failed == 0);
    CHECK(totals.budget_breaches == 1);
    // The critical, the blocker and its guard; not the informational blocker, nor the budget
    // breach at warning.
    CHECK(comparison.gate.failures == 3);
    std::vector<std::string> failing;
    for (const auto& entry : comparison.entries) {
        if (entry.fails_gate()) {
            failing.push_back(entry.id + "/" + std::string(to_string(entry.role)));
        }
    }
    CHECK(failing == std::vector<std::string>{"b/primary", "c/primary", "c/guard"});
    CHECK_FALSE(comparison.gate.passed);
    CHECK(comparison.gate.exit_code == ExitCode::gate_failed);

    // Deciding again gives the same totals, not twice them.
    decide(comparison);
    CHECK(comparison.totals.regressed == 4);
    CHECK(comparison.gate.failures == 3);
}

TEST_CASE("decide: the geometric mean of the primary metrics' ratios")
{
    Comparison comparison;
    comparison.entries = {
        make_entry("a", Verdict::regressed, 0.44, Level::warning),
        make_entry("b", Verdict::unchanged, 0.0),
        with_role(make_entry("a", Verdict::regressed, 3.0, Level::blocker), Role::guard),
        with_role(make_entry("c", Verdict::regressed, 3.0, Level::blocker), Role::informational),
        make_entry("d", Verdict::new_benchmark, 0),
    };
    decide(comparison);
    REQUIRE(comparison.geomean_change);
    CHECK(*comparison.geomean_change == doctest::Approx(std::sqrt(1.44) - 1));

    SUBCASE("a higher-is-better metric counts by its inverse ratio")
    {
        // Throughput doubled: as good as a time halved.
        auto throughput = make_entry("t", Verdict::improved, 1.0);
        throughput.better = core::Better::higher;
        comparison.entries = {throughput, make_entry("u", Verdict::unchanged, 0.0)};
        decide(comparison);
        REQUIRE(comparison.geomean_change);
        CHECK(*comparison.geomean_change == doctest::Approx(std::sqrt(0.5) - 1));
    }
    SUBCASE("none without a change")
    {
        comparison.entries = {make_entry("n", Verdict::new_benchmark, 0),
                              make_entry("m", Verdict::missing, 0)};
        decide(comparison);
        CHECK_FALSE(comparison.geomean_change);
    }
}

TEST_CASE("decide: exit codes")
{
    Comparison comparison;
    comparison.gate.fail_on = FailOn::blocker;
    SUBCASE("nothing reaches fail_on: passed")
    {
        comparison.entries = {make_entry("a", Verdict::regressed, 0.35, Level::critical),
                              make_entry("b", Verdict::improved, -0.3)};
        decide(comparison);
        CHECK(comparison.gate.passed);
        CHECK(comparison.gate.exit_code == ExitCode::passed);
    }
    SUBCASE("a blocker: the gate fails")
    {
        comparison.entries = {make_entry("a", Verdict::regressed, 0.6, Level::blocker)};
        decide(comparison);
        CHECK(comparison.gate.exit_code == ExitCode::gate_failed);
    }
    SUBCASE("fail_on never: a blocker passes")
    {
        comparison.gate.fail_on = FailOn::never;
        comparison.entries = {make_entry("a", Verdict::regressed, 0.6, Level::blocker)};
        decide(comparison);
        CHECK(comparison.gate.passed);
        CHECK(comparison.gate.exit_code == ExitCode::passed);
    }
    SUBCASE("a failed benchmark makes it 3, even beside a regression")
    {
        comparison.entries = {make_entry("a", Verdict::regressed, 0.6, Level::blocker),
                              make_entry("b", Verdict::failed, 0)};
        decide(comparison);
        CHECK_FALSE(comparison.gate.passed);
        CHECK(comparison.gate.exit_code == ExitCode::measurement);
        CHECK(comparison.totals.failed == 1);
    }
    SUBCASE("a failed benchmark alone: 3, never a pass")
    {
        comparison.gate.fail_on = FailOn::never;
        comparison.entries = {make_entry("b", Verdict::failed, 0)};
        decide(comparison);
        CHECK(comparison.gate.exit_code == ExitCode::measurement);
    }
    SUBCASE("a skipped benchmark is not broken")
    {
        comparison.entries = {make_entry("b", Verdict::skipped, 0)};
        decide(comparison);
        CHECK(comparison.gate.exit_code == ExitCode::passed);
    }
}

TEST_CASE("decided and undecided: inconclusive primary metrics only")
{
    Comparison comparison;
    comparison.entries = {
        make_entry("a", Verdict::unchanged, 0.0),
        with_role(make_entry("a", Verdict::inconclusive, 0.1), Role::guard),
        with_role(make_entry("b", Verdict::inconclusive, 0.1), Role::informational),
        make_entry("c", Verdict::failed, 0),
        make_entry("d", Verdict::new_benchmark, 0),
    };
    CHECK(undecided(comparison) == 0);
    CHECK(decided(comparison));
    comparison.entries.push_back(make_entry("e", Verdict::inconclusive, 0.1));
    comparison.entries.push_back(make_entry("f", Verdict::inconclusive, -0.1));
    CHECK(undecided(comparison) == 2);
    CHECK_FALSE(decided(comparison));
}

TEST_SUITE_END();
