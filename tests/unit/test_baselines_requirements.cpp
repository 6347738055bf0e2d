#include <baselines/judge.hpp>

#include <doctest/doctest.h>

#include <vector>

TEST_SUITE_BEGIN("baselines_requirements");

using namespace perfgate;
using namespace perfgate::baselines;

namespace {

std::vector<double> around(double center)
{
    std::vector<double> values;
    values.reserve(10);
    for (int i = 0; i < 10; ++i) {
        values.push_back(center * (1 + 0.002 * (i - 5)));
    }
    return values;
}

JudgeSettings with(MetricPolicy policy, core::Better better = core::Better::lower)
{
    JudgeSettings settings;
    settings.policy = policy;
    settings.better = better;
    return settings;
}

} // namespace

TEST_CASE("judge: negative thresholds require an improvement, at their levels")
{
    const MetricPolicy required{-0.40, -0.35, -0.30};
    SUBCASE("no improvement at all: blocker")
    {
        const auto judgement = judge(around(100), around(100), with(required));
        CHECK(judgement.verdict == Verdict::regressed);
        CHECK(judgement.level == core::Level::blocker);
    }
    SUBCASE("32% better: short of warning and critical")
    {
        const auto judgement = judge(around(100), around(68), with(required));
        CHECK(judgement.verdict == Verdict::regressed);
        CHECK(judgement.level == core::Level::critical);
        CHECK(judgement.notes.back() ==
              "required a change of at most -35.0% (critical), measured -32.0%");
    }
    SUBCASE("45% better: met")
    {
        const auto judgement = judge(around(100), around(55), with(required));
        CHECK(judgement.verdict == Verdict::improved);
        CHECK(judgement.level == core::Level::none);
    }
    SUBCASE("a rate required 20% higher: 10% higher falls short")
    {
        const MetricPolicy rate{-0.20, 0.30, 0.50};
        const auto judgement = judge(around(100), around(110), with(rate, core::Better::higher));
        CHECK(judgement.verdict == Verdict::regressed);
        CHECK(judgement.level == core::Level::warning);
        CHECK(judgement.notes.back() ==
              "required a change of at most +20.0% (warning), measured +10.0%");
    }
    SUBCASE("a requirement at warning with positive critical: a large worsening goes higher")
    {
        const MetricPolicy mixed{-0.10, 0.30, 0.50};
        const auto judgement = judge(around(100), around(140), with(mixed));
        CHECK(judgement.verdict == Verdict::regressed);
        CHECK(judgement.level == core::Level::critical);
    }
}

TEST_CASE("judge: 'must not drop more than 10%' on a higher-is-better rate")
{
    const MetricPolicy policy{0.10, 0.30, 0.50};
    SUBCASE("15% fewer per second: a warning")
    {
        const auto judgement = judge(around(100), around(85), with(policy, core::Better::higher));
        CHECK(judgement.verdict == Verdict::regressed);
        CHECK(judgement.level == core::Level::warning);
    }
    SUBCASE("15% more per second: improved")
    {
        const auto judgement = judge(around(100), around(115), with(policy, core::Better::higher));
        CHECK(judgement.verdict == Verdict::improved);
    }
}

TEST_SUITE_END();
