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

baselines::BaselineStore store_of(const core::Config& config)
{
    return baselines::BaselineStore(core::Workspace(config.root).baselines_directory());
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
    store_of(config).save_checked(options.name,
                                  document,
                                  options.allow_failed ? baselines::AllowFailed::yes
                                                       : baselines::AllowFailed::no);
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
    for (const auto& info : store_of(config).list()) {
        table.add_row({util::sanitize(info.name),
                       util::sanitize(info.created),
                       util::sanitize(util::cut_bytes(info.commit, 12)),
                       std::to_string(info.benchmarks)});
    }
    fmt::print("{}", table.render());
    return 0;
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
        "RESULTS", options->results, "Results file: perfgate, Google Benchmark or hyperfine JSON");
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
