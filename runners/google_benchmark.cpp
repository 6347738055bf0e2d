#include <core/units.hpp>
#include <runners/google_benchmark.hpp>
#include <util/error.hpp>
#include <util/executable.hpp>
#include <util/file.hpp>
#include <util/process.hpp>

#include <fmt/format.h>
#include <unistd.h>

#include <array>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <map>
#include <set>

namespace perfgate::runners {
namespace {

namespace fs = std::filesystem;
using core::Better;
using core::Status;

// Fields of a Google Benchmark run that are not metrics.
const std::set<std::string, std::less<>> k_run_fields = {"name",
                                                         "family_index",
                                                         "per_family_instance_index",
                                                         "run_name",
                                                         "run_type",
                                                         "repetitions",
                                                         "repetition_index",
                                                         "threads",
                                                         "iterations",
                                                         "real_time",
                                                         "cpu_time",
                                                         "time_unit",
                                                         "label",
                                                         "error_occurred",
                                                         "error_message",
                                                         "skipped",
                                                         "skip_message",
                                                         "aggregate_name",
                                                         "aggregate_unit",
                                                         "big_o",
                                                         "rms"};

// A temporary file removed when it goes out of scope.
class TemporaryFile
{
public:
    TemporaryFile()
    {
        std::string pattern = (fs::temp_directory_path() / "perfgate-gbench-XXXXXX.json").string();
        const int fd = ::mkstemps(pattern.data(), 5);
        if (fd < 0) {
            fail(ExitCode::measurement, "cannot create a temporary file: {}", os_error(errno));
        }
        ::close(fd);
        m_path = pattern;
    }
    TemporaryFile(const TemporaryFile&) = delete;
    TemporaryFile& operator=(const TemporaryFile&) = delete;
    ~TemporaryFile()
    {
        std::error_code ignored;
        fs::remove(m_path, ignored);
    }

    const fs::path& path() const { return m_path; }

private:
    fs::path m_path;
};

double ns_per(std::string_view time_unit)
{
    if (time_unit == "us") {
        return 1e3;
    }
    if (time_unit == "ms") {
        return 1e6;
    }
    if (time_unit == "s") {
        return 1e9;
    }
    return 1.0;
}

// Return a JSON value as a number: null is NaN, the strings the sanitiser made are ±infinity.
std::optional<double> number_of(const nlohmann::json& value)
{
    if (value.is_number()) {
        return value.get<double>();
    }
    if (value.is_null()) {
        return std::numeric_limits<double>::quiet_NaN();
    }
    if (value.is_string()) {
        const auto& text = value.get_ref<const std::string&>();
        if (text == "Infinity" || text == "-Infinity") {
            const double inf = std::numeric_limits<double>::infinity();
            return text.front() == '-' ? -inf : inf;
        }
    }
    return std::nullopt;
}

// Return the unit and direction of a Google Benchmark counter.
std::pair<std::string_view, Better> counter_kind(std::string_view name)
{
    if (name == "bytes_per_second") {
        return {"B/s", Better::higher};
    }
    if (name.ends_with("_per_second")) {
        return {"1/s", Better::higher};
    }
    if (name == "max_bytes_used" || name == "total_allocated_bytes" || name == "net_heap_growth") {
        return {"B", Better::lower};
    }
    return {"", Better::lower};
}

bool flag_set(const nlohmann::json& run, const char* key)
{
    const auto it = run.find(key);
    return it != run.end() &&
           ((it->is_boolean() && it->get<bool>()) || (it->is_number() && it->get<double>() != 0));
}

// Add one repetition `run` to `result`.
void add_repetition(core::BenchmarkResult& result, const nlohmann::json& run)
{
    if (flag_set(run, "error_occurred")) {
        result.status = Status::failed;
        result.message = run.value("error_message", std::string("error_occurred"));
        return;
    }
    if (flag_set(run, "skipped")) {
        result.status = Status::skipped;
        result.message = run.value("skip_message", std::string("skipped"));
        return;
    }
    const double scale = ns_per(run.value("time_unit", std::string("ns")));
    for (const char* key : {"real_time", "cpu_time"}) {
        if (const auto it = run.find(key); it != run.end()) {
            if (auto value = number_of(*it)) {
                result.metric(key, "ns", Better::lower).samples.push_back(*value * scale);
            }
        }
    }
    for (const auto& [key, value] : run.items()) {
        if (k_run_fields.contains(key)) {
            continue;
        }
        if (auto number = number_of(value)) {
            const auto [unit, better] = counter_kind(key);
            result.metric(key, unit, better).samples.push_back(*number);
        }
    }
}

// Replace Google Benchmark's bare NaN and ±Infinity tokens (outside strings) with JSON.
std::string sanitise(const std::string& text)
{
    std::string out;
    out.reserve(text.size());
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            out += c;
            if (c == '\\' && i + 1 < text.size()) {
                out += text[++i];
            } else if (c == '"') {
                in_string = false;
            }
        } else if (c == '"') {
            in_string = true;
            out += c;
        } else if (text.compare(i, 3, "NaN") == 0) {
            out += "null";
            i += 2;
        } else if (text.compare(i, 9, "-Infinity") == 0) {
            out += "\"-Infinity\"";
            i += 8;
        } else if (text.compare(i, 8, "Infinity") == 0) {
            out += "\"Infinity\"";
            i += 7;
        } else {
            out += c;
        }
    }
    return out;
}

// Return `text` cut after the last complete entry of the top-level "benchmarks" array and
// closed, or nullopt when no entry is complete.
std::optional<std::string> close_truncated(const std::string& text)
{
    int depth = 0;
    bool in_string = false;
    std::optional<std::size_t> last_entry_end;
    bool in_benchmarks = false;
    std::string last_key;
    std::string current;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\') {
                ++i;
            } else if (c == '"') {
                in_string = false;
                last_key = current;
            } else {
                current += c;
            }
            continue;
        }
        switch (c) {
        case '"':
            in_string = true;
            current.clear();
            break;
        case '{':
        case '[':
            if (depth == 1 && c == '[') {
                in_benchmarks = last_key == "benchmarks";
            }
            ++depth;
            break;
        case '}':
        case ']':
            --depth;
            if (depth == 2 && c == '}' && in_benchmarks) {
                last_entry_end = i;
            }
            break;
        default:
            break;
        }
    }
    if (!last_entry_end) {
        return std::nullopt;
    }
    return text.substr(0, *last_entry_end + 1) + "]}";
}

// True for the lines the library itself prints before any benchmark runs; they say nothing
// about what went wrong.
bool library_header(std::string_view line)
{
    constexpr std::array<std::string_view, 6> k_prefixes = {
        "***WARNING***", "Run on (", "CPU Caches:", "  L", "Load Average:", "Benchmark "};
    return std::any_of(k_prefixes.begin(), k_prefixes.end(), [&](auto prefix) {
        return line.starts_with(prefix);
    });
}

// Return the last line of a program's stderr worth showing, for an error message.
std::string stderr_hint(const std::string& err)
{
    std::string hint;
    std::size_t start = 0;
    while (start < err.size()) {
        auto end = err.find('\n', start);
        end = end == std::string::npos ? err.size() : end;
        const auto line = err.substr(start, end - start);
        if (line.find_first_not_of(" -\r") != std::string::npos && !library_header(line)) {
            hint = line;
        }
        start = end + 1;
    }
    return hint.empty() ? "" : fmt::format(" (stderr: {})", hint.substr(0, 200));
}

// Return a regex for `--benchmark_filter` matching exactly `names`.
std::string exact_filter(const std::vector<std::string>& names)
{
    std::string filter = "^(";
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0) {
            filter += '|';
        }
        for (char c : names[i]) {
            if (std::string_view(".[]{}()\\*+?^$|").find(c) != std::string_view::npos) {
                filter += '\\';
            }
            filter += c;
        }
    }
    return filter + ")$";
}

// Return whether a gcc-built program's own code was optimised, from the `-O` flags that gcc
// records in its DWARF producer strings; nullopt without such strings (no -g, or clang).
std::optional<bool> built_optimised(const fs::path& executable)
{
    std::ifstream file(executable, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(file)),
                            std::istreambuf_iterator<char>());
    std::optional<bool> optimised;
    for (auto at = bytes.find("GNU C"); at != std::string::npos; at = bytes.find("GNU C", at + 1)) {
        const auto end = bytes.find('\0', at);
        const std::string_view producer(bytes.data() + at,
                                        (end == std::string::npos ? bytes.size() : end) - at);
        const auto flag = producer.rfind(" -O");
        const bool this_one = flag != std::string_view::npos && producer.substr(flag, 4) != " -O0";
        optimised = optimised.value_or(false) || this_one;
    }
    return optimised;
}

// One execution of a program on some of its benchmarks: what it reported and how it ended.
struct Attempt
{
    std::vector<core::BenchmarkResult> found;
    std::string problem; // why benchmarks without a result have none
    util::ProcessResult process;
};

Attempt attempt(const BenchmarkProgram& program,
                const std::vector<std::string>& names,
                const GoogleBenchmarkSettings& settings)
{
    const TemporaryFile output;
    util::SpawnOptions options;
    options.argv = {program.executable.string()};
    options.argv.insert(options.argv.end(), program.extra_args.begin(), program.extra_args.end());
    options.argv.push_back(fmt::format("--benchmark_out={}", output.path().string()));
    options.argv.emplace_back("--benchmark_out_format=json");
    options.argv.push_back(fmt::format("--benchmark_repetitions={}", settings.repetitions));
    options.argv.emplace_back("--benchmark_enable_random_interleaving=true");
    // Note: a bare number of seconds is what both the 1.7 library and 1.8+ ("0.1s") accept.
    options.argv.push_back(fmt::format("--benchmark_min_time={}", settings.min_time));
    options.argv.push_back(fmt::format("--benchmark_filter={}", exact_filter(names)));
    options.err = util::Output::capture;
    const double timeout =
        settings.timeout * static_cast<double>(std::max<std::size_t>(1, names.size()));
    options.timeout = std::chrono::duration_cast<std::chrono::nanoseconds>(
        std::chrono::duration<double>(timeout));

    Attempt result;
    result.process = util::run_process(options);
    const auto& process = result.process;
    const auto display = program.executable.string();
    if (!process.started) {
        result.problem = fmt::format("'{}' could not start: {}", display, process.start_error);
        return result;
    }
    try {
        const auto json = parse_google_benchmark_json(
            util::read_file(output.path()), display, !process.succeeded());
        result.found = ingest_google_benchmark(json, program.prefix, display);
    } catch (const Error& error) {
        result.problem = error.what();
    }
    const std::string when = names.size() == 1 ? "while running it" : "before finishing it";
    if (process.timed_out) {
        result.problem = fmt::format("'{}' timed out after {} {}; its process group was killed",
                                     display,
                                     core::format_time(timeout),
                                     when);
    } else if (process.interrupted) {
        result.problem = "interrupted";
    } else if (!process.succeeded()) {
        result.problem =
            fmt::format("'{}' {} {}{}",
                        display,
                        process.signal != 0 ? fmt::format("was {}", process.describe_end())
                                            : fmt::format("exited with code {}", process.exit_code),
                        when,
                        stderr_hint(process.err));
    } else if (result.problem.empty() && result.found.empty()) {
        result.problem = fmt::format("'{}' exited 0 but produced no benchmarks", display);
    }
    return result;
}

// Return the result with `id` in `found`, if there is one.
std::optional<core::BenchmarkResult> take(const std::vector<core::BenchmarkResult>& found,
                                          const std::string& id)
{
    const auto it =
        std::find_if(found.begin(), found.end(), [&](const auto& r) { return r.id == id; });
    if (it == found.end()) {
        return std::nullopt;
    }
    return *it;
}

// The result of a listed benchmark that `attempt` left without one.
core::BenchmarkResult
unfinished(const BenchmarkProgram& program, const std::string& id, const Attempt& attempt)
{
    core::BenchmarkResult result;
    result.id = id;
    result.source = core::Source::google_benchmark;
    result.executable = program.executable.string();
    result.status = attempt.process.timed_out     ? Status::timeout
                    : attempt.process.interrupted ? Status::interrupted
                                                  : Status::failed;
    result.message = attempt.problem.empty()
                         ? fmt::format("'{}' reported no result for it", result.executable)
                         : attempt.problem;
    return result;
}

} // namespace

nlohmann::json
parse_google_benchmark_json(const std::string& text, std::string_view origin, bool allow_truncated)
{
    const auto clean = sanitise(text);
    nlohmann::json json;
    try {
        json = nlohmann::json::parse(clean);
    } catch (const nlohmann::json::parse_error& error) {
        auto closed = allow_truncated ? close_truncated(clean) : std::nullopt;
        if (closed) {
            json = nlohmann::json::parse(*closed, nullptr, false);
        }
        if (!closed || json.is_discarded()) {
            fail(ExitCode::usage,
                 "'{}': invalid Google Benchmark JSON at byte {}: {}",
                 origin,
                 error.byte,
                 text.empty() ? "the output is empty" : "truncated or malformed");
        }
    }
    if (!is_google_benchmark_json(json)) {
        fail(ExitCode::usage,
             "'{}': not Google Benchmark output (expected a \"context\" object and a "
             "\"benchmarks\" array)",
             origin);
    }
    return json;
}

bool is_google_benchmark_json(const nlohmann::json& json)
{
    return json.is_object() && json.contains("benchmarks") && json["benchmarks"].is_array() &&
           json.contains("context") && json["context"].is_object();
}

std::vector<core::BenchmarkResult> ingest_google_benchmark(const nlohmann::json& json,
                                                           std::string_view prefix,
                                                           std::string_view executable)
{
    std::vector<core::BenchmarkResult> results;
    std::map<std::string, std::size_t, std::less<>> index;
    for (const auto& run : json["benchmarks"]) {
        if (!run.is_object() || run.value("run_type", std::string("iteration")) == "aggregate") {
            continue;
        }
        const auto run_name = run.value("run_name", run.value("name", std::string()));
        auto [it, added] = index.try_emplace(run_name, results.size());
        if (added) {
            core::BenchmarkResult result;
            result.id = fmt::format("{}/{}", prefix, run_name);
            result.source = core::Source::google_benchmark;
            result.executable = std::string(executable);
            result.context = json.value("context", nlohmann::json());
            results.push_back(std::move(result));
        }
        add_repetition(results[it->second], run);
    }
    return results;
}

std::vector<core::BenchmarkResult> run_google_benchmark(const BenchmarkProgram& program,
                                                        const GoogleBenchmarkSettings& settings,
                                                        core::RunObserver& observer)
{
    const auto first = attempt(program, program.benchmarks, settings);
    const auto& process = first.process;
    // Note: a crash loses every benchmark whose repetitions were not all done, and with random
    // interleaving that is most of them; each is run again alone, which also pins the crash on
    // the benchmark that caused it.
    const bool crashed = process.started && !process.timed_out && !process.interrupted &&
                         !process.succeeded() && program.benchmarks.size() > 1;

    std::vector<core::BenchmarkResult> results;
    for (const auto& name : program.benchmarks) {
        const auto id = fmt::format("{}/{}", program.prefix, name);
        auto found = take(first.found, id);
        if (!found && crashed && !util::interrupt_requested()) {
            const auto alone = attempt(program, {name}, settings);
            found = take(alone.found, id);
            if (!found) {
                found = unfinished(program, id, alone);
            }
        }
        results.push_back(found ? std::move(*found) : unfinished(program, id, first));
        observer.finished(results.back());
    }
    return results;
}

std::vector<std::string> context_warnings(const std::vector<core::BenchmarkResult>& results)
{
    std::vector<std::string> warnings;
    std::set<std::string> seen;
    for (const auto& result : results) {
        if (!result.context.is_object() || !seen.insert(result.executable).second) {
            continue;
        }
        const auto& context = result.context;
        if (context.value("library_build_type", std::string()) == "debug") {
            const bool debian =
                util::file_contains_any(result.executable, {"libbenchmark.so.1debian"});
            const auto optimised = built_optimised(result.executable);
            if (!debian) {
                warnings.push_back(
                    fmt::format("'{}' uses a debug build of the Google Benchmark library; "
                                "timings may not reflect an optimised build",
                                result.executable));
            } else if (optimised == false) {
                warnings.push_back(
                    fmt::format("'{}' was compiled without optimisation (no -O flag); "
                                "build it with -DCMAKE_BUILD_TYPE=Release",
                                result.executable));
            } else if (!optimised) {
                warnings.push_back(fmt::format(
                    "'{}' reports a debug Google Benchmark library: Debian's libbenchmark 1.7 says "
                    "'debug' although it is optimised; make sure the program itself is built with "
                    "optimisation (perfgate cannot tell without gcc debug info)",
                    result.executable));
            }
        }
        if (context.value("cpu_scaling_enabled", false)) {
            warnings.push_back(fmt::format("'{}' ran with CPU frequency scaling enabled; "
                                           "expect noisier timings",
                                           result.executable));
        }
    }
    return warnings;
}

} // namespace perfgate::runners
