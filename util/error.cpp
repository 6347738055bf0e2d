#include <util/error.hpp>
#include <util/sanitize.hpp>

#include <algorithm>
#include <cstdio>
#include <cstring>

namespace perfgate {

namespace {

// Higher is more severe (most_severe).
int severity(ExitCode code)
{
    constexpr std::array k_order{ExitCode::passed,
                                 ExitCode::usage,
                                 ExitCode::io,
                                 ExitCode::gate_failed,
                                 ExitCode::internal,
                                 ExitCode::measurement,
                                 ExitCode::interrupted};
    return static_cast<int>(std::find(k_order.begin(), k_order.end(), code) - k_order.begin());
}

} // namespace

ExitCode most_severe(ExitCode a, ExitCode b)
{
    return severity(a) >= severity(b) ? a : b;
}

void print_error(std::string_view message)
{
    fmt::print(stderr, "perfgate: error: {}\n", util::sanitize_lines(message));
}

std::string os_error(int errnum)
{
    return std::strerror(errnum);
}

} // namespace perfgate
