#include <baselines/comparison.hpp>

#include "sample_comparison.hpp"
#include "test_support.hpp"
#include <doctest/doctest.h>

#include <string>

TEST_SUITE_BEGIN("baselines_comparison_json");

using namespace perfgate;
using namespace perfgate::baselines;
using perfgate::test::error_of;

namespace {

Comparison budgeted()
{
    auto comparison = test::sample_comparison();
    auto& entry = comparison.entries[4]; // BM_unchanged
    auto floor = test::make_budget(50, "p95", 55, Bound::floor, core::Level::warning);
    floor.written = "50/s";
    floor.warn_headroom = 0.2;
    floor.thin = true;
    floor.origin = "perfgate.toml:12";
    entry.budgets.push_back(floor);
    auto zero = test::make_budget(1, "max", 0);
    zero.limit = 0;
    zero.headroom.reset();
    entry.budgets.push_back(zero);
    decide(comparison);
    return comparison;
}

} // namespace

TEST_CASE("comparison JSON: budgets round-trip")
{
    const auto comparison = budgeted();
    const auto json = nlohmann::json::parse(to_json(comparison).dump());
    const auto& written = json["benchmarks"][4]["budgets"];
    REQUIRE(written.size() == 2);
    CHECK(written[0]["bound"] == "floor");
    CHECK(written[0]["written"] == "50/s");
    CHECK(written[0]["thin"] == true);
    CHECK(written[0]["level"] == "warning");
    CHECK(written[1]["headroom"].is_null());
    CHECK(json["totals"]["thin_headroom"] == 1);
    CHECK(json["totals"]["budget_breaches"] == 1);

    const auto read = comparison_from_json(json, "comparison.json");
    REQUIRE(read.entries.size() == comparison.entries.size());
    for (std::size_t i = 0; i < read.entries.size(); ++i) {
        const auto& a = comparison.entries[i].budgets;
        const auto& b = read.entries[i].budgets;
        REQUIRE(a.size() == b.size());
        for (std::size_t j = 0; j < a.size(); ++j) {
            CHECK(a[j].statistic == b[j].statistic);
            CHECK(a[j].bound == b[j].bound);
            CHECK(a[j].limit == b[j].limit);
            CHECK(a[j].written == b[j].written);
            CHECK(a[j].value == b[j].value);
            CHECK(a[j].headroom == b[j].headroom);
            CHECK(a[j].warn_headroom == b[j].warn_headroom);
            CHECK(a[j].level == b[j].level);
            CHECK(a[j].breached == b[j].breached);
            CHECK(a[j].thin == b[j].thin);
            CHECK(a[j].origin == b[j].origin);
        }
    }
    CHECK(read.totals.thin_headroom == 1);
    CHECK(read.totals.budget_breaches == 1);
    CHECK(read.gate.passed == comparison.gate.passed);
}

TEST_CASE("comparison JSON: the reader is strict about budgets")
{
    auto json = nlohmann::json::parse(to_json(budgeted()).dump());
    SUBCASE("a missing field")
    {
        json["benchmarks"][4]["budgets"][0].erase("bound");
        const Error error = error_of([&] { comparison_from_json(json, "c.json"); });
        CHECK(error.code() == ExitCode::usage);
        CHECK(std::string(error.what()).find("benchmarks[4].budgets[0].bound") !=
              std::string::npos);
    }
    SUBCASE("an unknown bound")
    {
        json["benchmarks"][4]["budgets"][0]["bound"] = "roof";
        const Error error = error_of([&] { comparison_from_json(json, "c.json"); });
        CHECK(std::string(error.what()).find("benchmarks[4].budgets[0].bound") !=
              std::string::npos);
    }
    SUBCASE("an unknown statistic")
    {
        json["benchmarks"][4]["budgets"][0]["statistic"] = "p42";
        const Error error = error_of([&] { comparison_from_json(json, "c.json"); });
        CHECK(std::string(error.what()).find("unknown statistic 'p42'") != std::string::npos);
    }
    SUBCASE("a level of none")
    {
        json["benchmarks"][4]["budgets"][0]["level"] = "none";
        const Error error = error_of([&] { comparison_from_json(json, "c.json"); });
        CHECK(std::string(error.what()).find("expected warning, critical or blocker") !=
              std::string::npos);
    }
    SUBCASE("budgets not an array")
    {
        json["benchmarks"][4]["budgets"] = nullptr;
        const Error error = error_of([&] { comparison_from_json(json, "c.json"); });
        CHECK(std::string(error.what()).find("benchmarks[4].budgets") != std::string::npos);
    }
    SUBCASE("the gate is decided again: a breach read back fails")
    {
        json["gate"]["passed"] = true;
        json["gate"]["exit_code"] = 0;
        const auto read = comparison_from_json(json, "c.json");
        CHECK(read.totals.budget_breaches == 1);
        CHECK_FALSE(read.gate.passed);
    }
}

TEST_SUITE_END();
