#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace perfgate::runners {

// A parameter and the values it takes (hyperfine's `--parameter-scan`/`--parameter-list`).
struct Parameter
{
    std::string name;
    std::vector<std::string> values;
};

// Return `name` scanning `min` to `max` by `step`: integers print as integers, decimals with
// the step's precision. Throws Error(usage) for a non-positive step or min > max.
Parameter scan_parameter(std::string name, double min, double max, double step);

// Return `name` taking the comma-separated `values`. Throws Error(usage) when empty.
Parameter list_parameter(std::string name, std::string_view values);

// Return every combination of the parameters' values (their cartesian product), the first
// parameter varying slowest; one empty combination when there are no parameters.
std::vector<std::map<std::string, std::string>>
combinations(const std::vector<Parameter>& parameters);

// Return `text` with each `{name}` replaced by its value in `values`.
std::string substitute(std::string_view text, const std::map<std::string, std::string>& values);

} // namespace perfgate::runners
