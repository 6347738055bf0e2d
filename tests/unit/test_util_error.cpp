#include <util/error.hpp>

#include <doctest/doctest.h>

#include <set>

TEST_SUITE_BEGIN("util_error");

using namespace perfgate;

TEST_CASE("most_severe: a broken run outranks a failed gate, which outranks a lost file")
{
    CHECK(most_severe(ExitCode::gate_failed, ExitCode::measurement) == ExitCode::measurement);
    CHECK(most_severe(ExitCode::measurement, ExitCode::gate_failed) == ExitCode::measurement);
    CHECK(most_severe(ExitCode::gate_failed, ExitCode::io) == ExitCode::gate_failed);
    CHECK(most_severe(ExitCode::io, ExitCode::usage) == ExitCode::io);
    CHECK(most_severe(ExitCode::passed, ExitCode::usage) == ExitCode::usage);
    CHECK(most_severe(ExitCode::measurement, ExitCode::interrupted) == ExitCode::interrupted);
    CHECK(most_severe(ExitCode::passed, ExitCode::passed) == ExitCode::passed);
}

TEST_CASE("k_exit_codes names every exit code once")
{
    std::set<int> codes;
    for (const auto& entry : k_exit_codes) {
        const int code = static_cast<int>(entry.code);
        CAPTURE(code);
        CHECK(codes.insert(code).second);
        CHECK_FALSE(entry.meaning.empty());
    }
    CHECK(codes == std::set<int>{0, 1, 2, 3, 70, 74, 130});
}

TEST_SUITE_END();
