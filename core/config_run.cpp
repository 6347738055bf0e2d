#include <core/config_section.hpp>

#include <algorithm>

namespace perfgate::core {
namespace config_reading {

RunSettings read_run(const Section& section)
{
    RunSettings run;
    assign(run.warmup, section.integer("warmup", 0));
    assign(run.min_runs, section.integer("min_runs", 1));
    assign(run.max_runs, section.integer("max_runs", 1));
    assign(run.min_time, section.duration("min_time", Zero::allowed));
    assign(run.timeout, section.duration("timeout", Zero::rejected));
    assign(run.metric, section.string("metric"));
    if (run.max_runs < run.min_runs) {
        const char* key = section.find("max_runs") != nullptr ? "max_runs" : "min_runs";
        section.fail(section.where(key),
                     "'max_runs' ({}) in [run] must not be below 'min_runs' ({})",
                     run.max_runs,
                     run.min_runs);
    }
    return run;
}

DiscoverSettings read_discover(const Section& section)
{
    DiscoverSettings discover;
    assign(discover.paths, section.strings("paths"));
    assign(discover.include, section.strings("include"));
    assign(discover.exclude, section.strings("exclude"));
    assign(discover.launches, section.integer("launches", 1));
    assign(discover.repetitions, section.integer("repetitions", 1));
    assign(discover.min_time, section.duration("min_time", Zero::allowed));
    assign(discover.probe_timeout, section.duration("probe_timeout", Zero::rejected));
    return discover;
}

Profile read_profile(const Section& section, std::string name)
{
    Profile profile;
    profile.name = std::move(name);
    profile.line = section.line();
    profile.warmup = section.integer("warmup", 0);
    profile.min_runs = section.integer("min_runs", 1);
    profile.max_runs = section.integer("max_runs", 1);
    profile.min_time = section.duration("min_time", Zero::allowed);
    profile.timeout = section.duration("timeout", Zero::rejected);
    profile.launches = section.integer("launches", 1);
    profile.repetitions = section.integer("repetitions", 1);
    profile.benchmark_min_time = section.duration("benchmark_min_time", Zero::allowed);
    profile.filter = section.string("filter");
    if (profile.min_runs && profile.max_runs && *profile.max_runs < *profile.min_runs) {
        section.fail(section.where("max_runs"),
                     "'max_runs' ({}) in {} must not be below 'min_runs' ({})",
                     *profile.max_runs,
                     section.name(),
                     *profile.min_runs);
    }
    return profile;
}

} // namespace config_reading

std::string apply_profile(Config& config, std::string_view name)
{
    const auto found = std::find_if(config.profiles.begin(),
                                    config.profiles.end(),
                                    [&](const Profile& profile) { return profile.name == name; });
    if (found == config.profiles.end()) {
        std::vector<std::string_view> names;
        for (const auto& profile : config.profiles) {
            names.push_back(profile.name);
        }
        if (names.empty()) {
            fail(ExitCode::usage,
                 "unknown profile '{}': {} defines no [profile.NAME] table",
                 name,
                 config.origin);
        }
        fail(ExitCode::usage,
             "unknown profile '{}': {} defines {}",
             name,
             config.origin,
             fmt::join(names, ", "));
    }
    using config_reading::assign;
    const Profile& profile = *found;
    assign(config.run.warmup, profile.warmup);
    assign(config.run.min_runs, profile.min_runs);
    assign(config.run.max_runs, profile.max_runs);
    assign(config.run.min_time, profile.min_time);
    assign(config.run.timeout, profile.timeout);
    assign(config.discover.launches, profile.launches);
    assign(config.discover.repetitions, profile.repetitions);
    assign(config.discover.min_time, profile.benchmark_min_time);
    // Note: a profile that sets only one bound keeps the runs possible, as the flags do.
    if (profile.min_runs && !profile.max_runs) {
        config.run.max_runs = std::max(config.run.max_runs, config.run.min_runs);
    } else if (profile.max_runs && !profile.min_runs) {
        config.run.min_runs = std::min(config.run.min_runs, config.run.max_runs);
    }
    return profile.filter.value_or("");
}

} // namespace perfgate::core
