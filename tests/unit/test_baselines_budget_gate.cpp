#include <baselines/gate.hpp>

#include "sample_comparison.hpp"
#include <doctest/doctest.h>

TEST_SUITE_BEGIN("baselines_budget_gate");

using namespace perfgate;
using namespace perfgate::baselines;

namespace {

Comparison with_entry(MetricComparison entry, core::FailOn fail_on)
{
    Comparison comparison;
    comparison.entries.push_back(std::move(entry));
    comparison.gate.fail_on = fail_on;
    decide(comparison);
    return comparison;
}

} // namespace

TEST_CASE("decide: budget breaches gate at their level, gated or not, with or without a baseline")
{
    struct Case
    {
        core::Level level;
        core::FailOn fail_on;
        bool fails;
    };
    const Case cases[] = {
        {core::Level::blocker, core::FailOn::blocker, true},
        {core::Level::critical, core::FailOn::blocker, false},
        {core::Level::critical, core::FailOn::critical, true},
        {core::Level::warning, core::FailOn::critical, false},
        {core::Level::warning, core::FailOn::warning, true},
        {core::Level::blocker, core::FailOn::never, false},
    };
    for (const auto& c : cases) {
        for (const auto role : {Role::primary, Role::informational}) {
            for (const auto verdict : {Verdict::new_benchmark, Verdict::unchanged}) {
                CAPTURE(core::to_string(c.level));
                CAPTURE(core::to_string(c.fail_on));
                auto entry = test::make_entry("x", verdict, 0);
                entry.role = role;
                entry.budgets.push_back(test::make_budget(1, "p95", 2, Bound::ceiling, c.level));
                const auto comparison = with_entry(entry, c.fail_on);
                CHECK(comparison.entries[0].fails_gate() == c.fails);
                CHECK(comparison.gate.passed == !c.fails);
                CHECK(comparison.gate.exit_code ==
                      (c.fails ? ExitCode::gate_failed : ExitCode::passed));
                CHECK(comparison.totals.budget_breaches == 1);
            }
        }
    }
}

TEST_CASE("decide: any breached budget of several fails; thin headroom never does")
{
    auto entry = test::make_entry("x", Verdict::new_benchmark, 0);
    entry.budgets.push_back(test::make_budget(10, "median", 5));
    auto thin = test::make_budget(10, "p99", 9.5);
    thin.warn_headroom = 0.1;
    thin.thin = true;
    entry.budgets.push_back(thin);
    auto comparison = with_entry(entry, core::FailOn::warning);
    CHECK(comparison.gate.passed);
    CHECK(comparison.totals.thin_headroom == 1);
    CHECK(comparison.totals.budget_breaches == 0);

    entry.budgets.push_back(test::make_budget(3, "min", 4, Bound::floor));
    comparison = with_entry(entry, core::FailOn::blocker);
    CHECK(comparison.gate.passed);
    entry.budgets.push_back(test::make_budget(1, "max", 4));
    comparison = with_entry(entry, core::FailOn::blocker);
    CHECK_FALSE(comparison.gate.passed);
    CHECK(comparison.totals.budget_breaches == 1);
    CHECK(comparison.gate.failures == 1);
}

TEST_CASE("decide: a floor breached by a rate fails")
{
    auto entry = test::make_entry("x", Verdict::unchanged, 0);
    entry.metric = "items_per_second";
    entry.budgets.push_back(test::make_budget(50, "median", 40, Bound::floor));
    CHECK(entry.budgets[0].breached);
    CHECK_FALSE(with_entry(entry, core::FailOn::blocker).gate.passed);
}

TEST_SUITE_END();
