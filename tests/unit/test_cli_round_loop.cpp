#include <cli/round_loop.hpp>

#include <doctest/doctest.h>

#include <optional>
#include <vector>

TEST_SUITE_BEGIN("cli_round_loop");

using namespace perfgate;

namespace {

// A launcher with one unit and nothing measured: the loop's decisions come from the callbacks.
class EmptyLauncher : public runners::Launcher
{
public:
    std::size_t size() const override { return 1; }
    std::vector<core::BenchmarkResult> launch(std::size_t) override { return {}; }
};

// The loop's view of the world: a clock that advances by `seconds_per_round` each round and an
// undecided count per round (the last one repeats).
struct Script
{
    std::vector<std::size_t> undecided;
    double seconds_per_round = 1;
};

// What the loop did.
struct Record
{
    std::vector<int> looked_at; // the rounds after which `undecided` was asked
    std::vector<std::pair<int, std::optional<std::size_t>>> progress;
};

cli::RoundOutcome run(const Script& script, Record& record, const cli::RoundLimits& limits)
{
    EmptyLauncher base;
    EmptyLauncher head;
    runners::Rounds rounds(base, head, 1);
    const auto undecided = [&](const runners::Rounds& r) {
        record.looked_at.push_back(r.rounds());
        const auto index = std::min(record.looked_at.size(), script.undecided.size()) - 1;
        return script.undecided[index];
    };
    const auto now = [&] { return rounds.rounds() * script.seconds_per_round; };
    const auto progress = [&](int round, std::optional<std::size_t> left) {
        record.progress.emplace_back(round, left);
    };
    return cli::run_until_decided(rounds, limits, undecided, now, progress);
}

} // namespace

TEST_CASE("run_until_decided: no look before the minimum, then a stop once all are decided")
{
    const Script script{.undecided = {3, 1, 0}};
    Record record;
    const auto outcome =
        run(script, record, {.min_rounds = 6, .max_rounds = 200, .max_time = 1000});
    CHECK(outcome.decided);
    CHECK_FALSE(outcome.out_of_time);
    CHECK(outcome.rounds == 8);
    CHECK(record.looked_at == std::vector<int>{6, 7, 8});
    REQUIRE(record.progress.size() == 8);
    CHECK_FALSE(record.progress[4].second);
    CHECK(record.progress[5] == std::pair<int, std::optional<std::size_t>>{6, 3});
    CHECK(record.progress[7] == std::pair<int, std::optional<std::size_t>>{8, 0});
}

TEST_CASE("run_until_decided: decided at the first look stops at the minimum")
{
    const Script script{.undecided = {0}};
    Record record;
    const auto outcome =
        run(script, record, {.min_rounds = 6, .max_rounds = 200, .max_time = 1000});
    CHECK(outcome.decided);
    CHECK(outcome.rounds == 6);
}

TEST_CASE("run_until_decided: the time budget ends the rounds, the running round finished")
{
    const Script script{.undecided = {2}, .seconds_per_round = 10};
    Record record;
    const auto outcome = run(script, record, {.min_rounds = 6, .max_rounds = 200, .max_time = 95});
    CHECK_FALSE(outcome.decided);
    CHECK(outcome.out_of_time);
    CHECK(outcome.rounds == 10);
}

TEST_CASE("run_until_decided: never more than max_rounds")
{
    const Script script{.undecided = {1}};
    Record record;
    const auto outcome = run(script, record, {.min_rounds = 6, .max_rounds = 9, .max_time = 1e9});
    CHECK_FALSE(outcome.decided);
    CHECK_FALSE(outcome.out_of_time);
    CHECK(outcome.rounds == 9);
}

TEST_CASE("run_until_decided: the time budget wins over the minimum number of rounds")
{
    // Note: the budget is a promise to CI; what it leaves undecided stays inconclusive.
    const Script script{.undecided = {1}, .seconds_per_round = 100};
    Record record;
    const auto outcome = run(script, record, {.min_rounds = 6, .max_rounds = 200, .max_time = 50});
    CHECK(outcome.out_of_time);
    CHECK(outcome.rounds == 1);
    CHECK(record.looked_at.empty());
}

TEST_SUITE_END();
