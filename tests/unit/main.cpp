// The unit tests' main, after ccache's unittest/main.cpp: every TempDir is made in one scratch
// folder for this process; a passing test's folders are removed when it ends, a failing test's
// are kept and their paths printed, so that what it wrote can be read.
#define DOCTEST_CONFIG_IMPLEMENT
#include "test_support.hpp"
#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

namespace fs = std::filesystem;

namespace perfgate::test {
namespace {

fs::path g_scratch;              // this process's scratch folder, empty until the first TempDir
std::string g_test = "test";     // the running test's name, as a file name
std::vector<fs::path> g_folders; // the folders made for the running test

// Return `name` with every character that is not a letter, digit, '-' or '_' replaced by '_',
// at most 60 characters.
std::string file_name_of(const char* name)
{
    std::string result;
    for (const char* c = name; *c != '\0' && result.size() < 60; ++c) {
        const bool plain = (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
                           (*c >= '0' && *c <= '9') || *c == '-' || *c == '_';
        result += plain ? *c : '_';
    }
    return result;
}

// Remove the running test's folders when it passed; keep them and say where when it failed.
class ScratchListener : public doctest::IReporter
{
public:
    explicit ScratchListener(const doctest::ContextOptions& /*options*/) {}

    void test_case_start(const doctest::TestCaseData& test) override
    {
        g_test = file_name_of(test.m_name);
        g_folders.clear();
    }

    void test_case_end(const doctest::CurrentTestCaseStats& stats) override
    {
        for (const auto& folder : g_folders) {
            if (stats.testCaseSuccess) {
                std::error_code ignored;
                fs::remove_all(folder, ignored);
            } else {
                std::fprintf(stderr, "note: test data has been left in %s\n", folder.c_str());
            }
        }
        g_folders.clear();
    }

    void report_query(const doctest::QueryData& /*data*/) override {}
    void test_run_start() override {}
    void test_run_end(const doctest::TestRunStats& /*stats*/) override {}
    void test_case_reenter(const doctest::TestCaseData& /*test*/) override {}
    void test_case_exception(const doctest::TestCaseException& /*exception*/) override {}
    void subcase_start(const doctest::SubcaseSignature& /*subcase*/) override {}
    void subcase_end() override {}
    void log_assert(const doctest::AssertData& /*data*/) override {}
    void log_message(const doctest::MessageData& /*data*/) override {}
    void test_case_skipped(const doctest::TestCaseData& /*test*/) override {}
};

REGISTER_LISTENER("scratch", 1, ScratchListener);

} // namespace

fs::path make_scratch_folder()
{
    if (g_scratch.empty()) {
        std::string pattern = (fs::temp_directory_path() / "perfgate-tests-XXXXXX").string();
        REQUIRE(::mkdtemp(pattern.data()) != nullptr);
        g_scratch = pattern;
    }
    std::string pattern = (g_scratch / (g_test + ".XXXXXX")).string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    g_folders.emplace_back(pattern);
    return pattern;
}

} // namespace perfgate::test

int main(int argc, char** argv)
{
    doctest::Context context;
    context.applyCommandLine(argc, argv);
    const int result = context.run();
    // Note: only the folders of failed tests are left; the scratch folder goes when empty.
    if (!perfgate::test::g_scratch.empty()) {
        std::error_code ignored;
        fs::remove(perfgate::test::g_scratch, ignored);
    }
    return result;
}
