#include <cli/app.hpp>
#include <cli/commands.hpp>
#include <core/version.hpp>
#include <util/error.hpp>
#include <util/sanitize.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <exception>
#include <new>
#include <numeric>
#include <regex>

namespace perfgate::cli {
namespace {

constexpr std::array k_subcommands = {
    Subcommand{"run",
               "Run commands or the configured benchmarks, report and gate",
               setup_run,
               R"(  perfgate run 'sort data.txt' 'sort -u data.txt'   compare two commands
  perfgate run --baseline main --fail-on critical    gate the configured benchmarks
  perfgate run --save-baseline main                  measure and store baseline 'main')"},
    Subcommand{"list",
               "Show what would run, and what discovery skipped and why",
               setup_list,
               R"(  perfgate list                     what perfgate.toml and discovery would run
  perfgate list --filter 'BM_Sort'  only the benchmarks whose id matches)"},
    Subcommand{"compare",
               "Compare two result files (perfgate, Google Benchmark or hyperfine)",
               setup_compare,
               R"(  perfgate compare before.json after.json          two Google Benchmark files
  perfgate compare base.json head.json --format markdown,html
  perfgate compare .perfgate/baselines/main.json .perfgate/last/results.json)"},
    Subcommand{"baseline",
               "Save, list, show or delete baselines",
               setup_baseline,
               R"(  perfgate baseline save main        the last run becomes baseline 'main'
  perfgate baseline list              the stored baselines
  perfgate baseline show main         what baseline 'main' holds)"},
    Subcommand{"report",
               "Render a saved comparison or results file again",
               setup_report,
               R"(  perfgate report .perfgate/last/comparison.json --format html
  perfgate report results.json --format markdown)"},
    Subcommand{"merge",
               "Merge shards or repeated runs (samples concatenate)",
               setup_merge,
               R"(  perfgate merge shard-*/results.json -o merged.json
  perfgate merge run1.json run2.json -o both.json)"},
    Subcommand{"init",
               "Write a starter perfgate.toml and GitHub workflow",
               setup_init,
               R"(  perfgate init            perfgate.toml, the workflow and .gitignore's entry
  perfgate init --force    overwrite what an earlier init wrote)"},
    Subcommand{"completions",
               "Print a shell completion script (bash, zsh or fish)",
               setup_completions,
               R"(  perfgate completions bash > ~/.local/share/bash-completion/completions/perfgate
  perfgate completions zsh > "${fpath[1]}/_perfgate"
  perfgate completions fish > ~/.config/fish/completions/perfgate.fish)"},
    Subcommand{"man",
               "Print perfgate's man page (roff)",
               setup_man,
               R"(  perfgate man | man -l -
  perfgate man > perfgate.1)"},
};

// The "Exit codes:" footer of every --help, from the one table of them.
std::string exit_codes_text()
{
    std::string text = "Exit codes:";
    for (const auto& [code, meaning] : k_exit_codes) {
        text += fmt::format("\n  {:<4} {}", static_cast<int>(code), meaning);
    }
    return text;
}

std::size_t edit_distance(std::string_view a, std::string_view b)
{
    std::vector<std::size_t> row(b.size() + 1);
    std::iota(row.begin(), row.end(), 0);
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
            diagonal = above;
        }
    }
    return row[b.size()];
}

// Return an error for an unknown subcommand `word`, with a "did you mean" hint when one is close.
std::string unknown_subcommand(std::string_view word)
{
    std::string_view closest;
    std::size_t best = 3; // suggest only within two edits
    for (const auto& subcommand : k_subcommands) {
        const auto distance = edit_distance(word, subcommand.name);
        if (distance < best) {
            best = distance;
            closest = subcommand.name;
        }
    }
    return closest.empty() ? fmt::format("unknown command '{}'; see 'perfgate --help'", word)
                           : fmt::format("unknown command '{}'; did you mean '{}'?", word, closest);
}

int report(const Error& error)
{
    print_error(error.what());
    return static_cast<int>(error.code());
}

// Flush standard output and return `code`, or an error's code when the output was lost (a
// closed pipe, a full disk): lost output is reported, and only a gate verdict outranks it.
int finish(int code)
{
    if (std::fflush(stdout) == 0 && std::ferror(stdout) == 0) {
        return code;
    }
    const int reason = errno;
    print_error(fmt::format("cannot write to standard output: {}",
                            reason != 0 ? os_error(reason) : std::string("write error")));
    return static_cast<int>(most_severe(static_cast<ExitCode>(code), ExitCode::io));
}

// Run the handler of the chosen subcommand; turn what it throws into a message and exit code.
int run_handler(const Handler& handler)
{
    try {
        return handler();
    } catch (const Error& error) {
        return report(error);
    } catch (const std::bad_alloc&) {
        print_error("out of memory");
        return static_cast<int>(ExitCode::internal);
    } catch (const std::exception& error) {
        fmt::print(stderr,
                   "perfgate: internal error: {}\nthis is a bug in perfgate; please report it with "
                   "the command line and input that caused it\n",
                   util::sanitize_lines(error.what()));
        return static_cast<int>(ExitCode::internal);
    }
}

// Return CLI11's message for `error`, with "Could not convert: --runs = X" said as a sentence:
// a whole number too large (or small) for the option, or a value of the wrong kind.
std::string parse_error_text(const CLI::ParseError& error)
{
    std::string what = error.what();
    static const std::regex k_conversion("Could not convert: (.+) = (.*)");
    std::smatch match;
    if (!std::regex_match(what, match, k_conversion)) {
        return what;
    }
    static const std::regex k_whole_number("[+-]?[0-9]+");
    return std::regex_match(match[2].str(), k_whole_number)
               ? fmt::format("{} {} is out of range", match[1].str(), match[2].str())
               : fmt::format("'{}' is not a valid value for {}", match[2].str(), match[1].str());
}

} // namespace

int main(int argc, char** argv)
{
    // Note: a closed stdout must show as a write error, never kill perfgate before it saved.
    std::signal(SIGPIPE, SIG_IGN);
    CLI::App app{"perfgate: benchmark commands and Google Benchmark programs, compare them with "
                 "stored baselines, and fail CI on regressions."};
    app.name("perfgate");
    app.set_version_flag("-V,--version", std::string(k_version));
    app.footer(exit_codes_text());
    app.require_subcommand(1);

    std::vector<std::pair<CLI::App*, Handler>> handlers;
    for (const auto& subcommand : k_subcommands) {
        auto* sub = app.add_subcommand(std::string(subcommand.name), std::string(subcommand.help));
        sub->footer(fmt::format("{}\n\nExamples:\n{}", exit_codes_text(), subcommand.examples));
        handlers.emplace_back(sub, subcommand.setup(*sub));
    }

    if (argc > 1 && argv[1][0] != '-' &&
        std::none_of(k_subcommands.begin(), k_subcommands.end(), [&](const Subcommand& s) {
            return s.name == argv[1];
        })) {
        return report(Error(ExitCode::usage, unknown_subcommand(argv[1])));
    }

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        if (error.get_exit_code() == 0) {
            return app.exit(error); // --help, --version
        }
        print_error(parse_error_text(error));
        fmt::print(stderr,
                   "run 'perfgate {}--help' for usage\n",
                   argc > 1 && argv[1][0] != '-' ? util::sanitize(fmt::format("{} ", argv[1]))
                                                 : "");
        return static_cast<int>(ExitCode::usage);
    }

    for (const auto& [sub, handler] : handlers) {
        if (sub->parsed()) {
            return finish(run_handler(handler));
        }
    }
    return static_cast<int>(ExitCode::usage);
}

} // namespace perfgate::cli
