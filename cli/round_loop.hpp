#pragma once

#include <runners/rounds.hpp>

#include <cstddef>
#include <functional>
#include <optional>

namespace perfgate::cli {

// When interleaved rounds stop.
struct RoundLimits
{
    int min_rounds = 6;    // before the first look: a paired test needs 6
    int max_rounds = 200;  // never more
    double max_time = 300; // seconds of rounds; the round running then is finished
};

// How the rounds ended.
struct RoundOutcome
{
    int rounds = 0;
    bool decided = false;     // every benchmark was decided
    bool out_of_time = false; // max_time ran out first
    bool interrupted = false;
};

// Return how many benchmarks are still undecided after the rounds so far (judged by the caller
// with baselines' decision rule); 0 stops the rounds.
using Undecided = std::function<std::size_t(const runners::Rounds& rounds)>;

// Run rounds until `undecided` says every benchmark is decided (looked at after each round
// from `limits.min_rounds`), `limits.max_rounds` ran, `limits.max_time` is used up (by `now`, in
// seconds), or perfgate is interrupted. `progress` is told the rounds and the undecided count.
RoundOutcome
run_until_decided(runners::Rounds& rounds,
                  const RoundLimits& limits,
                  const Undecided& undecided,
                  const std::function<double()>& now,
                  const std::function<void(int, std::optional<std::size_t>)>& progress);

} // namespace perfgate::cli
