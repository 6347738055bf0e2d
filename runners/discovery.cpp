#include <core/units.hpp>
#include <core/workspace.hpp>
#include <runners/discovery.hpp>
#include <runners/id_filter.hpp>
#include <runners/listing_cache.hpp>
#include <runners/program_output.hpp>
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

// The lines of `text` that are not empty, without their line ends.
std::vector<std::string> lines_of(const std::string& text)
{
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find('\n', start);
        end = end == std::string::npos ? text.size() : end;
        std::string line = text.substr(start, end - start);
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        if (!line.empty()) {
            lines.push_back(std::move(line));
        }
        start = end + 1;
    }
    return lines;
}

// The listing of newer libraries, asked for with --benchmark_format=json: the object
// `{"benchmarks": [{"name": ...}, ...]}` on lines of its own, amid whatever the program prints
// itself. None when `out` holds no such listing.
std::optional<std::vector<std::string>> json_listing(const std::string& out)
{
    constexpr std::string_view k_start = "{\n  \"benchmarks\": [";
    constexpr std::string_view k_end = "\n  ]\n}";
    const auto start = out.starts_with(k_start) ? 0 : out.find(fmt::format("\n{}", k_start));
    if (start == std::string::npos) {
        return std::nullopt;
    }
    const auto begin = start == 0 ? 0 : start + 1;
    const auto end = out.find(k_end, begin);
    if (end == std::string::npos) {
        return std::nullopt;
    }
    const auto json = nlohmann::json::parse(
        std::string_view(out).substr(begin, end + k_end.size() - begin), nullptr, false);
    if (!json.is_object() || !json.contains("benchmarks") || !json.at("benchmarks").is_array()) {
        return std::nullopt;
    }
    std::vector<std::string> names;
    for (const auto& entry : json.at("benchmarks")) {
        if (entry.is_object() && entry.contains("name") && entry.at("name").is_string()) {
            names.push_back(entry.at("name").get<std::string>());
        }
    }
    return names;
}

// The flags of a listing. "--benchmark_format=json" asks newer libraries for their JSON
// listing (older ones list plain lines all the same); "--benchmark_min_time=0.05s" tells
// whether the library takes a time with its unit, which 1.7 rejects and 1.8+ wants.
constexpr std::string_view k_list = "--benchmark_list_tests=true";
constexpr std::string_view k_json = "--benchmark_format=json";
constexpr std::string_view k_min_time_with_unit = "--benchmark_min_time=0.05s";
// Note: a regex that no benchmark's name matches (names are never empty).
constexpr std::string_view k_select_none = "--benchmark_filter=^$";

util::ProcessResult run_listing(const fs::path& executable,
                                const std::vector<std::string>& extra_args,
                                const std::vector<std::string_view>& flags,
                                double timeout_seconds)
{
    util::SpawnOptions options;
    options.argv = {executable.string()};
    options.argv.insert(options.argv.end(), extra_args.begin(), extra_args.end());
    options.argv.insert(options.argv.end(), flags.begin(), flags.end());
    options.out = util::Output::capture;
    options.err = util::Output::capture;
    options.capture_limit = k_probe_output_limit;
    options.timeout = std::chrono::duration_cast<std::chrono::nanoseconds>(
        std::chrono::duration<double>(timeout_seconds));
    return util::run_process(options);
}

// Return why `process` gave no listing, or "".
std::string listing_failure(const util::ProcessResult& process, double timeout_seconds)
{
    if (process.timed_out) {
        return fmt::format("probe timed out after {}", core::format_time(timeout_seconds));
    }
    if (!process.succeeded()) {
        return fmt::format(
            "probe failed: {}{}", process.describe_end(), output_hint(process.out, process.err));
    }
    if (process.out.size() >= k_probe_output_limit) {
        return "probe output too large";
    }
    return "";
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
    ProbeResult result;
    result.min_time_with_unit = true;
    auto listing = run_listing(
        executable, extra_args, {k_list, k_json, k_min_time_with_unit}, timeout_seconds);
    if (!listing.succeeded() &&
        (listing.err + listing.out).find("benchmark_min_time") != std::string::npos) {
        result.min_time_with_unit = false;
        listing = run_listing(executable, extra_args, {k_list, k_json}, timeout_seconds);
    }
    if (result.failure = listing_failure(listing, timeout_seconds); !result.failure.empty()) {
        return result;
    }
    if (auto names = json_listing(listing.out)) {
        result.benchmarks = std::move(*names);
    } else {
        // Note: a plain listing is checked against a listing that selects no benchmark: what
        // the program prints then is its own output, not names. When that check cannot be
        // made, the listing is taken as it is.
        const auto none =
            run_listing(executable, extra_args, {k_list, k_select_none}, timeout_seconds);
        const auto own = none.succeeded() ? lines_of(none.out) : std::vector<std::string>{};
        for (auto& line : lines_of(listing.out)) {
            if (std::find(own.begin(), own.end(), line) == own.end()) {
                result.benchmarks.push_back(std::move(line));
            } else if (std::find(result.ignored.begin(), result.ignored.end(), line) ==
                       result.ignored.end()) {
                result.ignored.push_back(std::move(line));
            }
        }
    }
    for (const auto& name : result.benchmarks) {
        if (name.starts_with("--benchmark_")) {
            result.failure = fmt::format(
                "not usable: it takes its arguments as what to benchmark (it listed '{}'), so "
                "perfgate's flags never reach the library",
                name);
            result.benchmarks.clear();
            return result;
        }
    }
    if (result.benchmarks.empty()) {
        result.failure =
            result.ignored.empty()
                ? "not Google Benchmark (it listed no benchmarks)"
                : fmt::format("not Google Benchmark (it listed no benchmarks; what it printed, "
                              "'{}', it prints also when no benchmark is selected)",
                              result.ignored.front());
    }
    return result;
}

namespace {

// Add `program` to `discovery` with what `probed` listed, and say what is odd about it.
void accept(Discovery& discovery, BenchmarkProgram program, ProbeResult probed)
{
    program.benchmarks = std::move(probed.benchmarks);
    program.min_time_with_unit = probed.min_time_with_unit;
    if (!probed.ignored.empty()) {
        discovery.warnings.push_back(fmt::format(
            "'{}' prints lines of its own when listing, also when no benchmark is selected; "
            "they are not benchmarks and were left out: '{}'",
            program.executable.string(),
            fmt::join(probed.ignored, "', '")));
    }
    for (auto& warning : number_duplicates(program)) {
        discovery.warnings.push_back(std::move(warning));
    }
    discovery.programs.push_back(std::move(program));
}

} // namespace

Discovery discover(const core::Config& config)
{
    Discovery discovery;
    ListingCache cache(core::Workspace(config.root).directory() / "listings.json");
    const auto list = [&](const fs::path& executable, const std::vector<std::string>& args) {
        if (config.discover.reuse_listings) {
            if (auto kept = cache.find(executable, args)) {
                return std::move(*kept);
            }
        }
        return cache.probe_and_store(executable, args, config.discover.probe_timeout);
    };
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
        auto probed = list(program.executable, program.extra_args);
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
        accept(discovery, std::move(program), std::move(probed));
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
        auto probed = list(program.executable, {});
        if (!probed.failure.empty()) {
            discovery.unlisted.push_back(
                {program.executable, program.prefix, std::move(probed.failure), ""});
            continue;
        }
        accept(discovery, std::move(program), std::move(probed));
    }
    cache.save();
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
