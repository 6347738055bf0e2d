#include <runners/rounds.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

TEST_SUITE_BEGIN("runners_rounds");

using namespace perfgate;
using runners::Side;

namespace {

// A launcher that records every call into a shared log and returns one sample per launch: the
// number of the launch on this side, so that tests can tell which launch a sample came from.
class FakeLauncher : public runners::Launcher
{
public:
    FakeLauncher(std::string side, std::size_t units, std::vector<std::string>& log)
        : m_side(std::move(side)), m_units(units), m_log(&log)
    {}

    std::size_t size() const override { return m_units; }
    void start() override { m_log->push_back(m_side + " start"); }
    void finish() override { m_log->push_back(m_side + " finish"); }

    std::vector<core::BenchmarkResult> launch(std::size_t unit) override
    {
        m_log->push_back(m_side + " " + std::to_string(unit));
        core::BenchmarkResult result;
        result.id = "unit" + std::to_string(unit);
        result.source = core::Source::command;
        result.metric("wall", "s", core::Better::lower).samples = {static_cast<double>(m_launches)};
        ++m_launches;
        return {result};
    }

private:
    std::string m_side;
    std::size_t m_units;
    std::vector<std::string>* m_log;
    int m_launches = 0;
};

} // namespace

TEST_CASE("Rounds: every round launches every unit of both sides once")
{
    std::vector<std::string> log;
    FakeLauncher base("base", 3, log);
    FakeLauncher head("head", 3, log);
    runners::Rounds rounds(base, head, 42);
    rounds.start();
    CHECK(log == std::vector<std::string>{"base start", "head start"});
    log.clear();
    for (int round = 1; round <= 4; ++round) {
        rounds.run_round();
        CHECK(rounds.rounds() == round);
        auto sorted = log;
        std::sort(sorted.begin(), sorted.end());
        CHECK(sorted ==
              std::vector<std::string>{"base 0", "base 1", "base 2", "head 0", "head 1", "head 2"});
        REQUIRE(rounds.last_order().size() == 6);
        log.clear();
    }
    rounds.finish();
    CHECK(log == std::vector<std::string>{"base finish", "head finish"});

    SUBCASE("samples keep their round as launch index, so round i of both sides pair up")
    {
        for (const auto side : {Side::base, Side::head}) {
            const auto& results = rounds.results(side);
            REQUIRE(results.size() == 3);
            for (const auto& result : results) {
                const auto* wall = result.find_metric("wall");
                REQUIRE(wall != nullptr);
                CHECK(wall->samples.size() == 4);
                CHECK(wall->launches == std::vector<std::uint32_t>{0, 1, 2, 3});
            }
        }
    }
}

TEST_CASE("Rounds: the order is shuffled afresh each round and depends on the seed")
{
    const auto orders = [](std::uint64_t seed) {
        std::vector<std::string> log;
        FakeLauncher base("base", 4, log);
        FakeLauncher head("head", 4, log);
        runners::Rounds rounds(base, head, seed);
        std::vector<std::vector<std::pair<Side, std::size_t>>> all;
        for (int round = 0; round < 8; ++round) {
            rounds.run_round();
            all.push_back(rounds.last_order());
        }
        return all;
    };
    const auto first = orders(7);
    CHECK(first == orders(7));
    CHECK(first != orders(8));
    // Note: 8 rounds of 8 launches; equal orders in every round would mean no shuffling.
    CHECK(std::any_of(
        first.begin() + 1, first.end(), [&](const auto& order) { return order != first.front(); }));
    // Neither side always goes first: the machine's drift must hit both alike.
    const auto base_first = std::count_if(first.begin(), first.end(), [](const auto& order) {
        return order.front().first == Side::base;
    });
    CHECK(base_first > 0);
    CHECK(base_first < static_cast<long>(first.size()));
}

TEST_CASE("Rounds: sides of different sizes")
{
    std::vector<std::string> log;
    FakeLauncher base("base", 1, log);
    FakeLauncher head("head", 2, log);
    runners::Rounds rounds(base, head, 1);
    rounds.run_round();
    CHECK(log.size() == 3);
    CHECK(rounds.results(Side::base).size() == 1);
    CHECK(rounds.results(Side::head).size() == 2);
}

TEST_SUITE_END();
