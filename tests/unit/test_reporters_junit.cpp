#include <reporters/junit.hpp>
#include <util/process.hpp>

#include "sample_comparison.hpp"
#include "test_support.hpp"
#include <doctest/doctest.h>

#include <fstream>
#include <string>

TEST_SUITE_BEGIN("reporters_junit");

using namespace perfgate;
using reporters::render_junit;

namespace {

std::size_t count(const std::string& text, const std::string& needle)
{
    std::size_t n = 0;
    for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
        ++n;
    }
    return n;
}

} // namespace

TEST_CASE("render_junit has one test case per entry with failures, errors and skips")
{
    const auto out = render_junit(test::sample_comparison());
    CHECK(out.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", 0) == 0);
    CHECK(out.find("<testsuite name=\"perfgate\" tests=\"10\" failures=\"3\" errors=\"1\" "
                   "skipped=\"3\"") != std::string::npos);
    CHECK(count(out, "<testcase ") == 10);
    CHECK(count(out, "<failure ") == 3);
    CHECK(count(out, "<error ") == 1);
    CHECK(count(out, "<skipped ") == 3);
    CHECK(out.find("<testcase classname=\"perfgate.wall\" name=\"BM_critical\" "
                   "time=\"0.013000000\">") != std::string::npos);
    CHECK(out.find("message=\"regressed (critical): baseline 10.0 ms, current "
                   "13.0 ms, change +30.0%, 95% CI [+29.0%, +31.0%], p 0.001\"") !=
          std::string::npos);
    CHECK(out.find("over budget: median 10.0 ms &gt; 5.0 ms: BREACHED") != std::string::npos);
    CHECK(out.find("<error message=\"killed by signal 11 (SIGSEGV)\"") != std::string::npos);
    // Below fail-on (critical): a warning-level regression passes, with a note.
    CHECK(out.find("<system-out>regressed (warning):") != std::string::npos);
    CHECK(out.find("<script>") == std::string::npos);
    CHECK(out.find("name=\"&lt;script&gt;alert(1)&lt;/script&gt;|`x`\"") != std::string::npos);
}

TEST_CASE("render_junit of an empty comparison")
{
    const auto out = render_junit(baselines::Comparison{});
    CHECK(out.find("tests=\"0\" failures=\"0\" errors=\"0\" skipped=\"0\"") != std::string::npos);
    CHECK(count(out, "<testcase ") == 0);
}

TEST_CASE("render_junit output is well-formed XML for xmllint")
{
    auto comparison = test::sample_comparison();
    comparison.entries[0].message = "control \x02 and \"quotes\" & 'apostrophes'";
    comparison.warnings.push_back("line\nbreak");
    test::TempDir dir;
    const auto path = dir / "junit.xml";
    std::ofstream(path) << render_junit(comparison);
    util::SpawnOptions options;
    options.argv = {"xmllint", "--noout", path.string()};
    options.err = util::Output::capture;
    const auto result = util::run_process(options);
    if (!result.started) {
        MESSAGE("xmllint is not installed: skipped");
        return;
    }
    CHECK_MESSAGE(result.succeeded(), result.err);
}

TEST_CASE("render_junit: a passing entry's note shows its budgets")
{
    baselines::Comparison comparison;
    auto entry = test::make_entry("app", baselines::Verdict::unchanged, 0);
    entry.budgets.push_back(test::make_budget(20e6, "p95", 10e6));
    comparison.entries.push_back(entry);
    baselines::decide(comparison);
    const auto out = render_junit(comparison);
    CHECK(count(out, "<failure ") == 0);
    CHECK(out.find("; budget: p95 10.0 ms ≤ 20.0 ms: 50% headroom</system-out>") !=
          std::string::npos);
}

TEST_SUITE_END();
