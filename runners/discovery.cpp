#include <core/units.hpp>
#include <runners/discovery.hpp>
#include <runners/id_filter.hpp>
#include <util/error.hpp>
#include <util/executable.hpp>
#include <util/glob.hpp>
#include <util/process.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <optional>

namespace perfgate::runners {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t k_probe_output_limit = 16 << 20;

// Bytes that every Google Benchmark program has: the flag name (linked statically) or the
// shared library's name (linked dynamically).
const std::vector<std::string_view> k_google_benchmark_markers = {"benchmark_list_tests",
                                                                  "libbenchmark"};

bool skipped_folder(const fs::path& folder)
{
    const auto name = folder.filename().string();
    return name == "CMakeFiles" || (name.size() > 1 && name.front() == '.');
}

// Return the reason not to probe `path`, or "" to probe it.
std::string reason_to_skip(const fs::path& path)
{
    switch (util::classify_file(path)) {
    case util::FileKind::not_executable:
        return "not executable";
    case util::FileKind::not_elf:
        return "not an ELF program (a script or data)";
    case util::FileKind::shared_library:
        return "a shared library, not a program";
    case util::FileKind::executable:
        break;
    }
    if (!util::file_contains_any(path, k_google_benchmark_markers)) {
        return "not Google Benchmark (the program does not contain the library)";
    }
    return "";
}

std::vector<std::string> parse_listing(const std::string& out)
{
    std::vector<std::string> names;
    const auto first = out.find_first_not_of(" \t\r\n");
    if (first != std::string::npos && (out[first] == '{' || out[first] == '[')) {
        // A JSON listing: an array of names, or of objects with "name", possibly under
        // "benchmarks".
        const auto json = nlohmann::json::parse(out, nullptr, false);
        const auto& list =
            json.is_object() && json.contains("benchmarks") ? json["benchmarks"] : json;
        if (list.is_array()) {
            for (const auto& entry : list) {
                if (entry.is_string()) {
                    names.push_back(entry.get<std::string>());
                } else if (entry.is_object() && entry.contains("name") &&
                           entry["name"].is_string()) {
                    names.push_back(entry["name"].get<std::string>());
                }
            }
        }
        return names;
    }
    std::size_t start = 0;
    while (start < out.size()) {
        auto end = out.find('\n', start);
        if (end == std::string::npos) {
            end = out.size();
        }
        std::string line = out.substr(start, end - start);
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        if (!line.empty()) {
            names.push_back(std::move(line));
        }
        start = end + 1;
    }
    return names;
}

} // namespace

const std::string& BenchmarkProgram::run_name(const std::string& benchmark) const
{
    const auto it = duplicates.find(benchmark);
    return it == duplicates.end() ? benchmark : it->second;
}

std::vector<std::string> number_duplicates(BenchmarkProgram& program)
{
    std::map<std::string, int> seen;
    std::map<std::string, std::vector<std::string>> renamed;
    for (auto& name : program.benchmarks) {
        const int count = ++seen[name];
        if (count > 1) {
            auto unique = fmt::format("{}#{}", name, count);
            renamed[name].push_back(fmt::format("'{}/{}'", program.prefix, unique));
            program.duplicates[unique] = name;
            name = std::move(unique);
        }
    }
    std::vector<std::string> warnings;
    warnings.reserve(renamed.size());
    for (const auto& [name, ids] : renamed) {
        warnings.push_back(fmt::format("'{}' lists '{}' {} times: the others are {} (in "
                                       "registration order); give each a distinct name",
                                       program.executable.string(),
                                       name,
                                       ids.size() + 1,
                                       fmt::join(ids, ", ")));
    }
    return warnings;
}

Discovery find_candidates(const core::DiscoverSettings& settings, const fs::path& root)
{
    Discovery discovery;
    for (const auto& base : settings.paths) {
        const fs::path folder = (root / base).lexically_normal();
        std::error_code error;
        if (!fs::is_directory(folder, error)) {
            continue;
        }
        fs::recursive_directory_iterator it(
            folder, fs::directory_options::skip_permission_denied, error);
        for (; !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
            const auto& entry = *it;
            if (entry.is_directory(error)) {
                if (skipped_folder(entry.path())) {
                    it.disable_recursion_pending();
                }
                continue;
            }
            const auto name = entry.path().filename().string();
            if (!entry.is_regular_file(error) || !util::first_match(settings.include, name)) {
                continue;
            }
            if (const auto* pattern = util::first_match(settings.exclude, name)) {
                discovery.skipped.push_back(
                    {entry.path(), fmt::format("excluded by '{}'", *pattern)});
                continue;
            }
            if (auto reason = reason_to_skip(entry.path()); !reason.empty()) {
                discovery.skipped.push_back({entry.path(), std::move(reason)});
                continue;
            }
            discovery.programs.push_back({entry.path(), entry.path().stem().string(), {}, {}});
        }
    }
    auto by_path = [](const auto& a, const auto& b) { return a.path < b.path; };
    std::sort(discovery.skipped.begin(), discovery.skipped.end(), by_path);
    std::sort(discovery.programs.begin(),
              discovery.programs.end(),
              [](const auto& a, const auto& b) { return a.executable < b.executable; });
    return discovery;
}

ProbeResult probe(const fs::path& executable,
                  const std::vector<std::string>& extra_args,
                  double timeout_seconds)
{
    util::SpawnOptions options;
    options.argv = {executable.string()};
    options.argv.insert(options.argv.end(), extra_args.begin(), extra_args.end());
    options.argv.emplace_back("--benchmark_list_tests=true");
    options.out = util::Output::capture;
    options.err = util::Output::capture;
    options.capture_limit = k_probe_output_limit;
    options.timeout = std::chrono::duration_cast<std::chrono::nanoseconds>(
        std::chrono::duration<double>(timeout_seconds));
    const auto process = util::run_process(options);
    ProbeResult result;
    if (process.timed_out) {
        result.failure =
            fmt::format("probe timed out after {}", core::format_time(timeout_seconds));
    } else if (!process.succeeded()) {
        auto err = process.err.substr(0, process.err.find('\n'));
        result.failure = fmt::format("probe failed: {}{}",
                                     process.describe_end(),
                                     err.empty() ? "" : fmt::format(" ({})", err));
    } else if (process.out.size() >= k_probe_output_limit) {
        result.failure = "probe output too large";
    } else {
        result.benchmarks = parse_listing(process.out);
        if (result.benchmarks.empty()) {
            result.failure = "not Google Benchmark (it listed no benchmarks)";
        }
    }
    return result;
}

Discovery discover(const core::Config& config)
{
    Discovery discovery;
    for (const auto& entry : config.benchmarks) {
        if (entry.kind != core::BenchmarkKind::google_benchmark) {
            continue;
        }
        BenchmarkProgram program;
        program.executable = entry.argv.empty() ? fs::path(entry.command_string.value_or(""))
                                                : fs::path(entry.argv.front());
        if (program.executable.is_relative()) {
            program.executable = (config.root / program.executable).lexically_normal();
        }
        if (!entry.argv.empty()) {
            program.extra_args.assign(entry.argv.begin() + 1, entry.argv.end());
        }
        program.prefix = entry.name;
        auto probed = probe(program.executable, program.extra_args, config.discover.probe_timeout);
        if (!probed.failure.empty()) {
            discovery.unlisted.push_back(
                {program.executable,
                 program.prefix,
                 std::move(probed.failure),
                 fmt::format("{}:{}: benchmark '{}'",
                             config.file ? config.file->string() : "perfgate.toml",
                             entry.line,
                             entry.name)});
            continue;
        }
        program.benchmarks = std::move(probed.benchmarks);
        for (auto& warning : number_duplicates(program)) {
            discovery.warnings.push_back(std::move(warning));
        }
        discovery.programs.push_back(std::move(program));
    }

    auto found = find_candidates(config.discover, config.root);
    discovery.skipped = std::move(found.skipped);
    for (auto& program : found.programs) {
        const auto same_file = [&](const fs::path& path) {
            std::error_code error;
            return fs::equivalent(path, program.executable, error);
        };
        const bool configured =
            std::any_of(discovery.programs.begin(),
                        discovery.programs.end(),
                        [&](const BenchmarkProgram& p) { return same_file(p.executable); }) ||
            std::any_of(discovery.unlisted.begin(),
                        discovery.unlisted.end(),
                        [&](const UnlistedProgram& p) { return same_file(p.executable); });
        if (configured) {
            continue;
        }
        auto probed = probe(program.executable, {}, config.discover.probe_timeout);
        if (!probed.failure.empty()) {
            discovery.unlisted.push_back(
                {program.executable, program.prefix, std::move(probed.failure), ""});
            continue;
        }
        program.benchmarks = std::move(probed.benchmarks);
        for (auto& warning : number_duplicates(program)) {
            discovery.warnings.push_back(std::move(warning));
        }
        discovery.programs.push_back(std::move(program));
    }
    return discovery;
}

ListingProblems judge_unlisted(const std::vector<UnlistedProgram>& unlisted,
                               const std::string& filter,
                               const std::vector<std::string>& known_ids)
{
    const std::optional<IdFilter> wanted =
        filter.empty() ? std::nullopt : std::optional<IdFilter>(filter);
    const auto matches = [&](const std::string& id) { return !wanted || wanted->matches(id); };
    ListingProblems problems;
    for (const auto& program : unlisted) {
        const auto path = program.executable.string();
        const auto start = program.prefix + "/";
        const auto known = std::find_if(known_ids.begin(), known_ids.end(), [&](const auto& id) {
            return id.starts_with(start) && matches(id);
        });
        // Note: the ids of a program that did not list are unknown; a filter that does not
        // name the program (nor match its name) is taken to exclude it.
        const bool named = !wanted || filter.find(program.prefix) != std::string::npos ||
                           matches(program.prefix) || matches(start);
        if (known != known_ids.end()) {
            problems.errors.push_back(fmt::format(
                "'{}' {}: it could not list its benchmarks, which the baseline has (e.g. '{}')",
                path,
                program.reason,
                *known));
        } else if (!program.configured.empty() && named) {
            problems.errors.push_back(
                fmt::format("{}: '{}' {}", program.configured, path, program.reason));
        } else if (!named) {
            problems.warnings.push_back(fmt::format(
                "'{}' {}; not needed: --filter '{}' excludes it", path, program.reason, filter));
        } else {
            problems.warnings.push_back(fmt::format(
                "'{}' {}; skipped: no baseline has its benchmarks", path, program.reason));
        }
    }
    return problems;
}

std::vector<std::string> find_build_trees(const fs::path& root)
{
    std::vector<std::string> trees;
    std::error_code error;
    for (fs::directory_iterator it(root, error), end; !error && it != end; it.increment(error)) {
        if (!it->is_directory(error) || skipped_folder(it->path())) {
            continue;
        }
        if (fs::exists(it->path() / "CMakeCache.txt", error)) {
            trees.push_back(it->path().filename().string());
            continue;
        }
        for (fs::directory_iterator inner(it->path(), error); !error && inner != end;
             inner.increment(error)) {
            if (inner->is_directory(error) && fs::exists(inner->path() / "CMakeCache.txt", error)) {
                trees.push_back(inner->path().lexically_relative(root).string());
            }
        }
        error.clear();
    }
    std::sort(trees.begin(), trees.end());
    return trees;
}

void filter_programs(std::vector<BenchmarkProgram>& programs, const std::string& pattern)
{
    const IdFilter filter(pattern);
    for (auto& program : programs) {
        std::erase_if(program.benchmarks, [&](const std::string& name) {
            return !filter.matches(program.prefix + "/" + name);
        });
    }
    std::erase_if(programs, [](const BenchmarkProgram& p) { return p.benchmarks.empty(); });
}

} // namespace perfgate::runners
