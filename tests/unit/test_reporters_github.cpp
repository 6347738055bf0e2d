#include <reporters/github.hpp>

#include "sample_comparison.hpp"
#include "test_support.hpp"
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

TEST_SUITE_BEGIN("reporters_github");

using namespace perfgate;

namespace {

std::string read_file(const std::filesystem::path& path)
{
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// Set an environment variable for one scope, restoring the old value.
class ScopedEnv
{
public:
    ScopedEnv(const char* name, const char* value) : m_name(name)
    {
        if (const char* old = std::getenv(name)) {
            m_old = old;
        }
        if (value != nullptr) {
            ::setenv(name, value, 1);
        } else {
            ::unsetenv(name);
        }
    }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;
    ~ScopedEnv()
    {
        if (m_old) {
            ::setenv(m_name, m_old->c_str(), 1);
        } else {
            ::unsetenv(m_name);
        }
    }

private:
    const char* m_name;
    std::optional<std::string> m_old;
};

} // namespace

TEST_CASE("github_annotations emits one command per regression, breach and failure")
{
    const auto out = reporters::github_annotations(test::sample_comparison());
    CHECK(out == "::error title=perfgate::<script>alert(1)</script>|`x` wall regressed +50.0%25 "
                 "(blocker)\n"
                 "::error title=perfgate::BM_critical wall regressed +30.0%25 (critical)\n"
                 "::error title=perfgate::BM_budget wall over budget: median 10.0 ms > 5.0 ms: "
                 "BREACHED (blocker) (perfgate.toml:7)\n"
                 "::warning title=perfgate::BM_warning wall regressed +16.0%25 (warning)\n"
                 "::error title=perfgate::BM_crash wall could not be measured: killed by signal 11 "
                 "(SIGSEGV)\n"
                 "::warning title=perfgate::BM_few wall inconclusive (±25%25): \n");
}

TEST_CASE("github_annotations escapes workflow-command data")
{
    CHECK(reporters::escape_command_message("50% a\r\nb:c,d") == "50%25 a%0D%0Ab:c,d");
    CHECK(reporters::escape_command_property("50% a\nb:c,d") == "50%25 a%0Ab%3Ac%2Cd");
    CHECK(reporters::escape_command_message("\x1b[31mred\a ##[x]") ==
          "\\x1b[31mred\\x07 ##\\x5bx]");

    auto comparison = test::sample_comparison();
    comparison.entries.resize(1);
    comparison.entries[0].id = "a\n::error::injected";
    const auto out = reporters::github_annotations(comparison);
    CHECK(out == "::error title=perfgate::a%0A::error::injected wall regressed +50.0%25 "
                 "(blocker)\n");
}

TEST_CASE("write_step_summary appends under GitHub Actions only")
{
    test::TempDir dir;
    const auto path = dir / "summary.md";
    ScopedEnv summary("GITHUB_STEP_SUMMARY", path.c_str());

    SUBCASE("outside GitHub Actions nothing is written")
    {
        ScopedEnv actions("GITHUB_ACTIONS", nullptr);
        reporters::write_step_summary("# hello\n");
        CHECK(!std::filesystem::exists(path));
    }
    SUBCASE("appended, with a final newline")
    {
        ScopedEnv actions("GITHUB_ACTIONS", "true");
        reporters::write_step_summary("# one\n");
        reporters::write_step_summary("two");
        CHECK(read_file(path) == "# one\ntwo\n");
    }
    SUBCASE("an unwritable file is an error naming it")
    {
        ScopedEnv actions("GITHUB_ACTIONS", "true");
        const auto bad = dir / "no-such-dir" / "summary.md";
        ScopedEnv broken("GITHUB_STEP_SUMMARY", bad.c_str());
        CHECK_THROWS_WITH_AS(
            reporters::write_step_summary("x"), doctest::Contains(bad.c_str()), Error);
    }
}

TEST_CASE("github_annotations: a breach below fail-on and a thin headroom are warnings")
{
    baselines::Comparison comparison;
    auto entry = test::make_entry("app", baselines::Verdict::new_benchmark, 0);
    entry.budgets.push_back(
        test::make_budget(1e6, "p95", 2e6, baselines::Bound::ceiling, core::Level::warning));
    auto thin = test::make_budget(10e6, "median", 9.5e6);
    thin.warn_headroom = 0.1;
    thin.thin = true;
    entry.budgets.push_back(thin);
    entry.budgets.push_back(test::make_budget(50e6, "max", 20e6));
    comparison.entries.push_back(entry);
    baselines::decide(comparison);
    CHECK(reporters::github_annotations(comparison) ==
          "::warning title=perfgate::app wall over budget: p95 2.0 ms > 1.0 ms: BREACHED "
          "(warning) (perfgate.toml:7)\n"
          "::warning title=perfgate::app wall close to its budget: median 9.5 ms ≤ 10.0 ms: only "
          "5%25 headroom (warns below 10%25) (perfgate.toml:7)\n");
    comparison.gate.fail_on = core::FailOn::warning;
    baselines::decide(comparison);
    CHECK(reporters::github_annotations(comparison).starts_with("::error title=perfgate::app"));
}

TEST_SUITE_END();
