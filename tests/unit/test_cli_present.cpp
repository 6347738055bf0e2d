#include <cli/present.hpp>
#include <util/file.hpp>

#include "sample_comparison.hpp"
#include "test_support.hpp"
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

TEST_SUITE_BEGIN("cli_present");

using namespace perfgate;
using cli::GateRequest;
using cli::ReportRequest;

TEST_CASE("compare_options carries the gate's flags and the two labels")
{
    SUBCASE("nothing asked: the configuration decides")
    {
        const auto options = cli::compare_options({}, "main", "head");
        CHECK_FALSE(options.fail_on.has_value());
        CHECK(options.metric.empty());
        CHECK_FALSE(options.strict_env);
        CHECK(options.baseline_label == "main");
        CHECK(options.current_label == "head");
    }
    SUBCASE("every flag")
    {
        const GateRequest gate{.fail_on = "warning", .metric = "cpu_time", .strict_env = true};
        const auto options = cli::compare_options(gate, "a", "b");
        CHECK(options.fail_on == core::FailOn::warning);
        CHECK(options.metric == "cpu_time");
        CHECK(options.strict_env);
    }
    SUBCASE("an unknown level is a usage error")
    {
        GateRequest gate;
        gate.fail_on = "sometimes";
        const auto error = test::error_of([&] { cli::compare_options(gate, "a", "b"); });
        CHECK(error.code() == ExitCode::usage);
    }
}

TEST_CASE("with_settings fills what the command line left unset from [report]")
{
    core::ReportSettings settings;
    SUBCASE("neither says: console and no statistics")
    {
        const auto report = cli::with_settings({}, settings);
        CHECK(report.formats == "console");
        CHECK(report.stats.empty());
    }
    SUBCASE("[report] says")
    {
        settings.formats = {"markdown", "junit"};
        settings.stats = {"p50", "p99"};
        const auto report = cli::with_settings({}, settings);
        CHECK(report.formats == "markdown,junit");
        CHECK(report.stats == "p50,p99");
    }
    SUBCASE("the command line wins")
    {
        settings.formats = {"markdown"};
        settings.stats = {"p50"};
        ReportRequest asked;
        asked.formats = "html";
        asked.stats = "max";
        asked.directory = "out";
        const auto report = cli::with_settings(asked, settings);
        CHECK(report.formats == "html");
        CHECK(report.stats == "max");
        CHECK(report.directory == "out");
    }
}

TEST_CASE("show_stats sets the comparison's extra columns")
{
    auto comparison = test::sample_comparison();
    ReportRequest report;
    report.stats = "p95,mean";
    cli::show_stats(comparison, report);
    CHECK(comparison.stats == std::vector<std::string>{"p95", "mean"});
    report.stats.clear();
    cli::show_stats(comparison, report);
    CHECK(comparison.stats.empty());
}

TEST_CASE("check refuses a bad report request before anything runs")
{
    ReportRequest report;
    report.formats = "console,markdown";
    SUBCASE("a good one passes")
    {
        report.stats = "p50";
        CHECK_NOTHROW(cli::check(report));
    }
    SUBCASE("a readable template passes")
    {
        const test::TempDir dir;
        std::ofstream(dir / "mine.mustache") << "{{gate_line}}\n";
        report.templates = {"markdown=" + (dir / "mine.mustache").string()};
        CHECK_NOTHROW(cli::check(report));
    }
    const auto refused = [&](std::string_view expected) {
        const auto error = test::error_of([&] { cli::check(report); });
        CHECK(error.code() == ExitCode::usage);
        CHECK(std::string(error.what()).find(expected) != std::string::npos);
    };
    SUBCASE("an unknown format")
    {
        report.formats = "console,pdf";
        refused("unknown format 'pdf'");
    }
    SUBCASE("an unknown statistic")
    {
        report.stats = "p42x";
        refused("unknown statistic 'p42x'");
    }
    SUBCASE("a template for a format without templates")
    {
        report.templates = {"junit=x"};
        refused("invalid --template 'junit=x'");
    }
    SUBCASE("a template that cannot be read")
    {
        const test::TempDir dir;
        report.templates = {"html=" + (dir / "missing.mustache").string()};
        const auto error = test::error_of([&] { cli::check(report); });
        CHECK(std::string(error.what()).find("missing.mustache") != std::string::npos);
    }
    SUBCASE("an unknown colour mode")
    {
        report.color = "sometimes";
        refused("invalid colour mode 'sometimes'");
    }
}

TEST_CASE("write_report_files puts comparison.json in the run's folder and reports where asked")
{
    const test::TempDir dir;
    const auto comparison = test::sample_comparison();
    const auto run = dir / "run";
    std::filesystem::create_directories(run);
    ReportRequest report;
    SUBCASE("console only: comparison.json and nothing else")
    {
        report.formats = "console";
        cli::write_report_files(comparison, report, run);
        const auto saved = nlohmann::json::parse(util::read_file(run / "comparison.json"));
        CHECK(saved["schema"] == "perfgate-comparison/1");
        CHECK(saved["benchmarks"].size() == comparison.entries.size());
        CHECK_FALSE(std::filesystem::exists(run / "report.md"));
    }
    SUBCASE("the report files go in the run's folder by default")
    {
        report.formats = "markdown,junit";
        cli::write_report_files(comparison, report, run);
        CHECK(std::filesystem::exists(run / "report.md"));
        CHECK(std::filesystem::exists(run / "junit.xml"));
    }
    SUBCASE("--report-dir chooses their folder; comparison.json stays with the run")
    {
        report.formats = "markdown";
        report.directory = (dir / "reports").string();
        std::filesystem::create_directories(report.directory);
        cli::write_report_files(comparison, report, run);
        CHECK(std::filesystem::exists(dir / "reports" / "report.md"));
        CHECK_FALSE(std::filesystem::exists(run / "report.md"));
        CHECK(std::filesystem::exists(run / "comparison.json"));
    }
    SUBCASE("no run folder: no comparison.json")
    {
        report.formats = "junit";
        report.directory = (dir / "reports").string();
        std::filesystem::create_directories(report.directory);
        cli::write_report_files(comparison, report, std::nullopt);
        CHECK(std::filesystem::exists(dir / "reports" / "junit.xml"));
        CHECK_FALSE(std::filesystem::exists(dir / "reports" / "comparison.json"));
    }
}

TEST_CASE("present returns the exit code the gate decided")
{
    const test::TempDir dir;
    auto comparison = test::sample_comparison();
    ReportRequest report;
    report.formats = "json";
    report.directory = dir.path().string();
    CHECK(cli::present(comparison, report, std::nullopt) ==
          static_cast<int>(comparison.gate.exit_code));
    CHECK(comparison.gate.exit_code != ExitCode::passed);
    CHECK(std::filesystem::exists(dir / "comparison.json"));
}

TEST_SUITE_END();
