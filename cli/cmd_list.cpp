#include <cli/commands.hpp>
#include <core/config.hpp>
#include <runners/plan.hpp>
#include <util/error.hpp>
#include <util/file.hpp>
#include <util/sanitize.hpp>
#include <util/shell_words.hpp>
#include <util/text_table.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <memory>

namespace perfgate::cli {
namespace {

struct ListOptions
{
    std::string config;
    std::string filter;
    bool json = false;
};

int list(const ListOptions& options)
{
    auto config = core::load_project_config(options.config);
    // Note: list asks every program again, and so refreshes the listings that runs reuse.
    config.discover.reuse_listings = false;
    const auto plan = runners::make_plan(config, {}, {}, options.filter);
    const auto& root = config.root;

    struct Row
    {
        std::string id, source, what;
    };
    std::vector<Row> rows;
    for (const auto& command : plan.commands) {
        const auto line = command.command.argv.empty()
                              ? command.command.text
                              : util::join_shell_words(command.command.argv);
        rows.push_back({command.id, "command", line});
    }
    for (const auto& program : plan.programs) {
        for (const auto& name : program.benchmarks) {
            rows.push_back({program.prefix + "/" + name,
                            "google-benchmark",
                            util::shown_path(program.executable, root)});
        }
    }
    // Note: a harness names its benchmarks only when it runs.
    for (const auto& harness : plan.harnesses) {
        const auto line = harness.command.argv.empty()
                              ? harness.command.text
                              : util::join_shell_words(harness.command.argv);
        rows.push_back({harness.name + "/*",
                        std::string(core::to_string(runners::source_of(harness.kind))),
                        line});
    }

    if (options.json) {
        auto json = nlohmann::ordered_json::object();
        json["benchmarks"] = nlohmann::ordered_json::array();
        for (const auto& row : rows) {
            json["benchmarks"].push_back(
                {{"id", row.id},
                 {"source", row.source},
                 {row.source == "google-benchmark" ? "executable" : "command", row.what}});
        }
        json["skipped"] = nlohmann::ordered_json::array();
        for (const auto& skipped : plan.skipped) {
            json["skipped"].push_back(
                {{"path", util::shown_path(skipped.path, root)}, {"reason", skipped.reason}});
        }
        for (const auto& unlisted : plan.unlisted) {
            json["skipped"].push_back({{"path", util::shown_path(unlisted.executable, root)},
                                       {"reason", unlisted.reason},
                                       {"configured", !unlisted.configured.empty()}});
        }
        // Note: ASCII only, so that no control character or bidi override reaches a terminal;
        // "##[" can only be inside a string, where "\u005b" is the same "[": the JSON stays
        // equal and cannot start a workflow command in a CI log.
        auto text = json.dump(2, ' ', true, nlohmann::ordered_json::error_handler_t::replace);
        for (auto at = text.find("##["); at != std::string::npos; at = text.find("##[", at)) {
            text.replace(at + 2, 1, "\\u005b");
        }
        fmt::print("{}\n", text);
        return plan.listing.errors.empty() ? 0 : static_cast<int>(ExitCode::measurement);
    }

    util::TextTable table({{"Benchmark"}, {"Source"}, {"Executable or command"}});
    for (auto& row : rows) {
        table.add_row({util::sanitize(row.id), row.source, util::sanitize(row.what)});
    }
    fmt::print("{}", table.render());
    if (!plan.skipped.empty() || !plan.unlisted.empty()) {
        fmt::print("\nSkipped:\n");
        for (const auto& skipped : plan.skipped) {
            fmt::print("  {}\n",
                       util::sanitize(fmt::format(
                           "{}: {}", util::shown_path(skipped.path, root), skipped.reason)));
        }
        for (const auto& unlisted : plan.unlisted) {
            fmt::print(
                "  {}\n",
                util::sanitize(fmt::format("{}: {}{}",
                                           util::shown_path(unlisted.executable, root),
                                           unlisted.reason,
                                           unlisted.configured.empty() ? "" : " (configured)")));
        }
    }
    for (const auto& warning : plan.listing.warnings) {
        fmt::print(stderr, "warning: {}\n", util::sanitize(warning));
    }
    // Note: a configured program that cannot list its benchmarks breaks every run.
    for (const auto& error : plan.listing.errors) {
        print_error(error);
    }
    return plan.listing.errors.empty() ? 0 : static_cast<int>(ExitCode::measurement);
}

} // namespace

Handler setup_list(CLI::App& app)
{
    auto options = std::make_shared<ListOptions>();
    app.add_option(
        "--config", options->config, "Configuration file (default: perfgate.toml found upwards)");
    app.add_option("--filter", options->filter, "Only benchmarks whose id matches this regex");
    app.add_flag("--json", options->json, "Print JSON for machines");
    return [options] { return list(*options); };
}

} // namespace perfgate::cli
