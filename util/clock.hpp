#pragma once

#include <string>

namespace perfgate::util {

// Return seconds on CLOCK_MONOTONIC.
double monotonic_seconds();

// Return the current UTC time as ISO 8601 (`2026-11-22T05:00:00Z`).
std::string utc_now_iso8601();

// Return the current UTC time as a compact file-name stamp (`20261122T050000Z`).
std::string utc_now_stamp();

} // namespace perfgate::util
