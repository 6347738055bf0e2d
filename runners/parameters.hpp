#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace perfgate::runners {

// At most this many benchmarks come from parameters (values × combinations × commands); a
// larger plan is refused before anything is built, so a typo in a range cannot exhaust memory.
inline constexpr std::size_t k_max_parameter_benchmarks = 10'000;

// A parameter and the values it takes (hyperfine's `--parameter-scan`/`--parameter-list`).
struct Parameter
{
    std::string name;
    std::vector<std::string> values;
};

// Return `name` scanning `min` to `max` by `step`: integers print as integers, decimals with
// the step's precision. Throws Error(usage) for a non-positive step, min > max, a value that is
// not finite, or more than `k_max_parameter_benchmarks` values (counted before any is made).
Parameter scan_parameter(std::string name, double min, double max, double step);

// Return `name` taking the comma-separated `values`. Throws Error(usage) when empty or when
// there are more than `k_max_parameter_benchmarks` of them (counted before any is made).
Parameter list_parameter(std::string name, std::string_view values);

// Return how many combinations of the parameters' values there are, times `commands`, without
// making them; saturates at SIZE_MAX instead of overflowing.
std::size_t count_benchmarks(const std::vector<Parameter>& parameters, std::size_t commands = 1);

// Return every combination of the parameters' values (their cartesian product), the first
// parameter varying slowest; one empty combination when there are no parameters. Throws
// Error(usage) when there would be more than `k_max_parameter_benchmarks`.
std::vector<std::map<std::string, std::string>>
combinations(const std::vector<Parameter>& parameters);

// Return `text` with each `{name}` replaced by its value in `values`.
std::string substitute(std::string_view text, const std::map<std::string, std::string>& values);

} // namespace perfgate::runners
