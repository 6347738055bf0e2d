#include <cli/cli_docs.hpp>

#include "test_support.hpp"
#include <doctest/doctest.h>

#include <string>

TEST_SUITE_BEGIN("cli_cli_docs");

using namespace perfgate;
using perfgate::test::error_of;

namespace {

// A small command tree: `tool go [-n N] [--fast]` and `tool store save`.
struct Tool
{
    CLI::App app{"tool: does things."};
    int n = 0;
    bool fast = false;

    Tool()
    {
        app.name("tool");
        app.footer("Exit codes:\n  0    fine\n  2    bad");
        auto* go = app.add_subcommand("go", "Go somewhere \\ fast");
        go->add_option("-n,--count", n, "How many times");
        go->add_flag("--fast", fast, "Hurry up");
        go->footer("Exit codes:\n  0    fine\n\nExamples:\n  tool go -n 3");
        auto* store = app.add_subcommand("store", "Keep what went");
        store->add_subcommand("save", "Save it");
    }
};

} // namespace

TEST_CASE("completion_script completes each command's subcommands and options")
{
    const Tool tool;
    SUBCASE("bash: one entry per command path")
    {
        const auto script = cli::completion_script(tool.app, "bash");
        CHECK(script.find("'') subs='go store' opts='-h --help' ;;") != std::string::npos);
        CHECK(script.find("'/go') subs='' opts='-h --help -n --count --fast' ;;") !=
              std::string::npos);
        CHECK(script.find("'/store/save') subs='' opts='-h --help' ;;") != std::string::npos);
        CHECK(script.find("complete -o filenames -F _perfgate perfgate") != std::string::npos);
    }
    SUBCASE("zsh: descriptions with each name")
    {
        const auto script = cli::completion_script(tool.app, "zsh");
        CHECK(script.starts_with("#compdef perfgate\n"));
        CHECK(script.find("subcommands=('go:Go somewhere \\ fast' 'store:Keep what went')") !=
              std::string::npos);
        CHECK(script.find("'--count:How many times'") != std::string::npos);
    }
    SUBCASE("fish: conditions on the words seen, values required where taken")
    {
        const auto script = cli::completion_script(tool.app, "fish");
        CHECK(script.find("complete -c perfgate -f -n '__fish_use_subcommand' -a 'go' -d 'Go "
                          "somewhere \\ fast'") != std::string::npos);
        CHECK(script.find("complete -c perfgate -n '__fish_seen_subcommand_from go' -s 'n' -l "
                          "'count' -r -d 'How many times'") != std::string::npos);
        CHECK(script.find("-l 'fast' -d 'Hurry up'") != std::string::npos);
        CHECK(script.find("-n '__fish_seen_subcommand_from store; and not "
                          "__fish_seen_subcommand_from save' -a 'save'") != std::string::npos);
    }
    SUBCASE("another shell is a usage error")
    {
        const Error error = error_of([&] { cli::completion_script(tool.app, "tcsh"); });
        CHECK(error.code() == ExitCode::usage);
        CHECK(std::string(error.what()) ==
              "no completions for shell 'tcsh': expected bash, zsh or fish");
    }
}

TEST_CASE("man_page documents every command, option, example and exit code in roff")
{
    const Tool tool;
    const auto page = cli::man_page(tool.app, "1.2.3");
    CHECK(page.starts_with(".TH TOOL 1 \"\" \"tool 1.2.3\" \"User Commands\"\n.SH NAME\ntool \\- "
                           "does things.\n"));
    CHECK(page.find(".SS \"tool go\"\nGo somewhere \\e fast\n") != std::string::npos);
    CHECK(page.find(".TP\n\\fB\\-n\\fR, \\fB\\-\\-count\\fR \\fIINT\\fR\nHow many times\n") !=
          std::string::npos);
    CHECK(page.find(".TP\n\\fB\\-\\-fast\\fR\nHurry up\n") != std::string::npos);
    CHECK(page.find(".SS \"tool store save\"\nSave it\n") != std::string::npos);
    CHECK(page.find(".nf\nExamples:\n  tool go \\-n 3\n.fi\n") != std::string::npos);
    CHECK(page.ends_with(".SH \"EXIT STATUS\"\n.nf\n  0    fine\n  2    bad\n.fi\n"));
}

TEST_SUITE_END();
