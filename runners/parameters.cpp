#include <runners/parameters.hpp>
#include <util/error.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace perfgate::runners {
namespace {

// Return how many decimals `step` needs (0 for integers, at most 9).
int decimals_of(double step)
{
    int decimals = 0;
    while (decimals < 9 && std::abs(step * std::pow(10.0, decimals) -
                                    std::round(step * std::pow(10.0, decimals))) > 1e-9) {
        ++decimals;
    }
    return decimals;
}

[[noreturn]] void fail_too_many(std::string_view what, double count)
{
    fail(ExitCode::usage,
         "{} would make {:.15g} benchmarks; at most {} can come from parameters (narrow the "
         "range, raise the step or use fewer values)",
         what,
         count,
         k_max_parameter_benchmarks);
}

} // namespace

Parameter scan_parameter(std::string name, double min, double max, double step)
{
    if (!std::isfinite(min) || !std::isfinite(max) || !std::isfinite(step)) {
        fail(ExitCode::usage,
             "the parameter range {}..{} by {} must be made of finite numbers",
             min,
             max,
             step);
    }
    if (!(step > 0)) {
        fail(ExitCode::usage, "the parameter step must be positive, not {}", step);
    }
    if (min > max) {
        fail(ExitCode::usage, "the parameter range {}..{} is empty", min, max);
    }
    // Note: counted in floating point first: the range may hold more values than a long.
    const double steps = std::floor((max - min) / step + 1e-9);
    if (!(steps + 1 <= static_cast<double>(k_max_parameter_benchmarks))) {
        fail_too_many(fmt::format("parameter '{}' from {} to {} by {}", name, min, max, step),
                      steps + 1);
    }
    const int decimals = std::max(decimals_of(step), decimals_of(min));
    Parameter parameter{std::move(name), {}};
    const auto count = static_cast<long>(steps);
    parameter.values.reserve(static_cast<std::size_t>(count) + 1);
    for (long i = 0; i <= count; ++i) {
        double value = min + static_cast<double>(i) * step;
        // Note: -0.9 + 3 * 0.3 is a tiny negative number, which would print as "-0.0".
        if (std::abs(value) < 0.5 * std::pow(10.0, -decimals)) {
            value = 0;
        }
        parameter.values.push_back(fmt::format("{:.{}f}", value, decimals));
    }
    return parameter;
}

Parameter list_parameter(std::string name, std::string_view values)
{
    Parameter parameter{std::move(name), {}};
    const auto count = static_cast<std::size_t>(std::count(values.begin(), values.end(), ',')) + 1;
    if (count > k_max_parameter_benchmarks) {
        fail_too_many(fmt::format("parameter '{}' with {} values", parameter.name, count),
                      static_cast<double>(count));
    }
    parameter.values.reserve(count);
    std::size_t start = 0;
    for (;;) {
        const auto comma = values.find(',', start);
        parameter.values.emplace_back(values.substr(start, comma - start));
        if (comma == std::string_view::npos) {
            break;
        }
        start = comma + 1;
    }
    if (values.empty()) {
        fail(ExitCode::usage, "parameter '{}' has no values", parameter.name);
    }
    return parameter;
}

std::size_t count_benchmarks(const std::vector<Parameter>& parameters, std::size_t commands)
{
    constexpr auto k_most = std::numeric_limits<std::size_t>::max();
    std::size_t count = commands;
    for (const auto& parameter : parameters) {
        const std::size_t values = parameter.values.size();
        count = values != 0 && count > k_most / values ? k_most : count * values;
    }
    return count;
}

std::vector<std::map<std::string, std::string>>
combinations(const std::vector<Parameter>& parameters)
{
    if (const auto count = count_benchmarks(parameters); count > k_max_parameter_benchmarks) {
        fail_too_many("the parameters' combinations", static_cast<double>(count));
    }
    std::vector<std::map<std::string, std::string>> result{{}};
    for (const auto& parameter : parameters) {
        std::vector<std::map<std::string, std::string>> next;
        for (const auto& partial : result) {
            for (const auto& value : parameter.values) {
                auto combination = partial;
                combination[parameter.name] = value;
                next.push_back(std::move(combination));
            }
        }
        result = std::move(next);
    }
    return result;
}

std::string substitute(std::string_view text, const std::map<std::string, std::string>& values)
{
    std::string out(text);
    for (const auto& [name, value] : values) {
        const std::string placeholder = "{" + name + "}";
        for (auto at = out.find(placeholder); at != std::string::npos;
             at = out.find(placeholder, at + value.size())) {
            out.replace(at, placeholder.size(), value);
        }
    }
    return out;
}

} // namespace perfgate::runners
