#include <util/clock.hpp>

#include <array>
#include <ctime>

namespace perfgate::util {

namespace {

std::string format_utc_now(const char* format)
{
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    ::gmtime_r(&now, &utc);
    std::array<char, 32> buffer{};
    const std::size_t length = std::strftime(buffer.data(), buffer.size(), format, &utc);
    return std::string(buffer.data(), length);
}

} // namespace

double monotonic_seconds()
{
    timespec now{};
    ::clock_gettime(CLOCK_MONOTONIC, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

std::string utc_now_iso8601()
{
    return format_utc_now("%Y-%m-%dT%H:%M:%SZ");
}

std::string utc_now_stamp()
{
    return format_utc_now("%Y%m%dT%H%M%SZ");
}

} // namespace perfgate::util
