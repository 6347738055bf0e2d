#include <baselines/baseline_store.hpp>
#include <cli/commands.hpp>
#include <core/config.hpp>
#include <core/workspace.hpp>
#include <reporters/run_table.hpp>
#include <runners/importers.hpp>
#include <util/error.hpp>
#include <util/sanitize.hpp>
#include <util/text_table.hpp>
#include <util/utf8.hpp>

#include <fmt/format.h>

#include <memory>

namespace perfgate::cli {
namespace {

struct BaselineOptions
{
    std::string config;
    std::string name;
    std::string results;
    bool allow_failed = false;
};

// Print a note of perfgate's on stderr.
void note(const std::string& text)
{
    fmt::print(stderr, "perfgate: {}\n", util::sanitize(text));
}

// Return the baselines of the project, once what killed runs left behind is removed (and said).
baselines::BaselineStore store_of(const core::Config& config)
{
    const core::Workspace workspace(config.root);
    for (const auto& line : workspace.remove_leftovers()) {
        note(line);
    }
    return baselines::BaselineStore(workspace.baselines_directory());
}

int save(const BaselineOptions& options)
{
    const auto config = core::load_project_config(options.config);
    baselines::BaselineStore::validate_name(options.name);
    const auto source = options.results.empty()
                            ? core::Workspace(config.root).last_run() / "results.json"
                            : std::filesystem::path(options.results);
    if (options.results.empty() && !std::filesystem::exists(source)) {
        fail(ExitCode::usage, "no run to save: run 'perfgate run' first, or name a results file");
    }
    const auto document = runners::load_any_results(source);
    const auto replaced = store_of(config).save_checked(
        options.name,
        document,
        options.allow_failed ? baselines::AllowFailed::yes : baselines::AllowFailed::no);
    if (replaced) {
        note(*replaced);
    }
    fmt::print("{}\n",
               util::sanitize(fmt::format("saved {} benchmarks from {} as baseline '{}'",
                                          document.benchmarks.size(),
                                          source.string(),
                                          options.name)));
    return 0;
}

int list(const BaselineOptions& options)
{
    const auto config = core::load_project_config(options.config);
    util::TextTable table(
        {{"Baseline"}, {"Created"}, {"Commit"}, {"Benchmarks", util::TextTable::Align::right}});
    const auto listing = store_of(config).list();
    for (const auto& info : listing.baselines) {
        table.add_row({util::sanitize(info.name),
                       util::sanitize(info.created),
                       util::sanitize(util::cut_bytes(info.commit, 12)),
                       std::to_string(info.benchmarks)});
    }
    fmt::print("{}", table.render());
    // Note: the readable ones are listed all the same; the exit code tells scripts.
    for (const auto& error : listing.errors) {
        print_error(error);
    }
    return listing.errors.empty() ? 0 : static_cast<int>(ExitCode::usage);
}

int show(const BaselineOptions& options)
{
    const auto config = core::load_project_config(options.config);
    const auto document = store_of(config).load(options.name);
    const auto& environment = document.environment;
    // Note: everything shown comes from the file, which anyone may have written.
    const auto line = [](const std::string& text) { fmt::print("{}\n", util::sanitize(text)); };
    line(fmt::format("baseline '{}': created {}, perfgate {}",
                     options.name,
                     document.created,
                     document.perfgate_version));
    line(fmt::format("machine: {} ({}, {} x {})",
                     environment.host,
                     environment.os,
                     environment.cpus,
                     environment.cpu));
    if (environment.git) {
        line(fmt::format("git: {} on {}{}",
                         environment.git->commit,
                         environment.git->branch,
                         environment.git->dirty ? " (dirty)" : ""));
    }
    reporters::RunTableOptions table;
    table.metric = config.run.metric == "auto" ? "wall" : config.run.metric;
    fmt::print("\n{}", reporters::render_run_table(document.benchmarks, table));
    return 0;
}

int remove(const BaselineOptions& options)
{
    const auto config = core::load_project_config(options.config);
    store_of(config).remove(options.name);
    fmt::print("deleted baseline '{}'\n", util::sanitize(options.name));
    return 0;
}

} // namespace

Handler setup_baseline(CLI::App& app)
{
    auto options = std::make_shared<BaselineOptions>();
    app.require_subcommand(1);
    app.add_option(
        "--config", options->config, "Configuration file (default: perfgate.toml found upwards)");
    auto* save_app = app.add_subcommand("save", "Store the last run (or RESULTS) as baseline NAME");
    save_app->add_option("NAME", options->name, "Baseline name, e.g. main")->required();
    save_app->add_option(
        "RESULTS",
        options->results,
        "Results: perfgate, perfgate-samples, Google Benchmark, hyperfine or pytest-benchmark "
        "JSON, or a criterion folder");
    save_app->add_flag("--allow-failed", options->allow_failed, "Save even when benchmarks failed");
    auto* list_app = app.add_subcommand("list", "List the stored baselines");
    auto* show_app = app.add_subcommand("show", "Show baseline NAME");
    show_app->add_option("NAME", options->name, "Baseline name")->required();
    auto* delete_app = app.add_subcommand("delete", "Delete baseline NAME");
    delete_app->add_option("NAME", options->name, "Baseline name")->required();
    return [=] {
        if (save_app->parsed()) {
            return save(*options);
        }
        if (list_app->parsed()) {
            return list(*options);
        }
        if (show_app->parsed()) {
            return show(*options);
        }
        return remove(*options);
    };
}

} // namespace perfgate::cli
