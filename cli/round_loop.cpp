#include <cli/round_loop.hpp>
#include <util/process.hpp>

namespace perfgate::cli {

RoundOutcome run_until_decided(runners::Rounds& rounds,
                               const RoundLimits& limits,
                               const Undecided& undecided,
                               const std::function<double()>& now,
                               const std::function<void(int, std::optional<std::size_t>)>& progress)
{
    RoundOutcome outcome;
    const double started = now();
    while (rounds.rounds() < limits.max_rounds) {
        rounds.run_round();
        if (util::interrupt_requested()) {
            outcome.interrupted = true;
            break;
        }
        std::optional<std::size_t> left;
        if (rounds.rounds() >= limits.min_rounds) {
            left = undecided(rounds);
        }
        progress(rounds.rounds(), left);
        if (left && *left == 0) {
            outcome.decided = true;
            break;
        }
        if (now() - started >= limits.max_time) {
            outcome.out_of_time = true;
            break;
        }
    }
    outcome.rounds = rounds.rounds();
    return outcome;
}

} // namespace perfgate::cli
