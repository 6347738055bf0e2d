#include <core/json_reader.hpp>
#include <core/results.hpp>
#include <util/error.hpp>
#include <util/file.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace perfgate::core {

namespace {

namespace fs = std::filesystem;
using nlohmann::ordered_json;

constexpr std::array k_better_names{std::pair{Better::lower, std::string_view("lower")},
                                    std::pair{Better::higher, std::string_view("higher")}};
constexpr std::array k_status_names{
    std::pair{Status::ok, std::string_view("ok")},
    std::pair{Status::failed, std::string_view("failed")},
    std::pair{Status::timeout, std::string_view("timeout")},
    std::pair{Status::skipped, std::string_view("skipped")},
    std::pair{Status::interrupted, std::string_view("interrupted")},
};
constexpr std::array k_source_names{
    std::pair{Source::command, std::string_view("command")},
    std::pair{Source::google_benchmark, std::string_view("google-benchmark")},
    std::pair{Source::criterion, std::string_view("criterion")},
    std::pair{Source::pytest_benchmark, std::string_view("pytest-benchmark")},
    std::pair{Source::samples, std::string_view("samples")},
};

template <typename Enum, std::size_t size>
std::string_view name_of(const std::array<std::pair<Enum, std::string_view>, size>& names,
                         Enum value)
{
    for (const auto& [candidate, name] : names) {
        if (candidate == value) {
            return name;
        }
    }
    return "unknown";
}

// JSON has no NaN or Infinity: they are written as null, and null is read back as NaN.
ordered_json number_or_null(double value)
{
    return std::isfinite(value) ? ordered_json(value) : ordered_json(nullptr);
}

ordered_json to_json(const Environment& environment)
{
    ordered_json json = ordered_json::object();
    json["host"] = environment.host;
    json["os"] = environment.os;
    json["cpu"] = environment.cpu;
    json["cpus"] = environment.cpus;
    json["memory_bytes"] = environment.memory_bytes;
    if (environment.git) {
        json["git"] = {{"commit", environment.git->commit},
                       {"branch", environment.git->branch},
                       {"dirty", environment.git->dirty}};
    }
    return json;
}

ordered_json to_json(const Summary& summary)
{
    ordered_json json = ordered_json::object();
    json["n"] = summary.n;
    json["mean"] = number_or_null(summary.mean);
    json["median"] = number_or_null(summary.median);
    json["stddev"] = number_or_null(summary.stddev);
    json["min"] = number_or_null(summary.min);
    json["max"] = number_or_null(summary.max);
    json["p90"] = number_or_null(summary.p90);
    json["p95"] = number_or_null(summary.p95);
    json["p99"] = number_or_null(summary.p99);
    json["mad"] = number_or_null(summary.mad);
    json["outliers"] = summary.outliers;
    return json;
}

ordered_json to_json(const Metric& metric)
{
    ordered_json samples = ordered_json::array();
    samples.get_ref<ordered_json::array_t&>().reserve(metric.samples.size());
    for (const double sample : metric.samples) {
        samples.push_back(number_or_null(sample));
    }
    ordered_json json = ordered_json::object();
    json["unit"] = metric.unit;
    json["better"] = to_string(metric.better);
    json["samples"] = std::move(samples);
    json["summary"] = to_json(summarize(metric.samples));
    return json;
}

ordered_json to_json(const BenchmarkResult& result)
{
    ordered_json json = ordered_json::object();
    json["id"] = result.id;
    json["source"] = to_string(result.source);
    if (!result.executable.empty()) {
        json["executable"] = result.executable;
    }
    if (!result.command.empty()) {
        json["command"] = result.command;
    }
    if (!result.shell.empty()) {
        json["shell"] = result.shell;
    }
    if (result.shell_startup_seconds) {
        json["shell_startup_seconds"] = number_or_null(*result.shell_startup_seconds);
    }
    json["status"] = to_string(result.status);
    if (!result.message.empty()) {
        json["message"] = result.message;
    }
    if (!result.exit_codes.empty()) {
        json["exit_codes"] = result.exit_codes;
    }
    if (!result.parameters.empty()) {
        json["parameters"] = result.parameters;
    }
    if (!result.context.is_null()) {
        json["context"] = ordered_json(result.context);
    }
    ordered_json metrics = ordered_json::object();
    for (const Metric& metric : result.metrics) {
        metrics[metric.name] = to_json(metric);
    }
    json["metrics"] = std::move(metrics);
    return json;
}

// Reads one perfgate-results/1 document, from either JSON flavour, with errors naming the
// origin and the path of the offending value.
template <typename Json> class DocumentReader
{
public:
    explicit DocumentReader(std::string_view origin) : m_origin(origin) {}

    ResultsDocument read(const Json& json) const
    {
        const JsonPath root;
        if (!json.is_object()) {
            fail(ExitCode::usage, "'{}': expected a JSON object", m_origin);
        }
        check_schema(json);
        ResultsDocument document;
        document.perfgate_version = optional_string(json, root.field("perfgate"));
        document.created = optional_string(json, root.field("created"));
        if (const Json* environment = find(json, "environment")) {
            document.environment = read_environment(*environment, root.field("environment"));
        }
        const JsonPath benchmarks_path = root.field("benchmarks");
        const Json& benchmarks = require(json, benchmarks_path, "an array");
        if (!benchmarks.is_array()) {
            fail_at(benchmarks_path, "expected an array");
        }
        document.benchmarks.reserve(benchmarks.size());
        for (std::size_t i = 0; i < benchmarks.size(); ++i) {
            document.benchmarks.push_back(
                read_benchmark(benchmarks[i], benchmarks_path.element(i)));
        }
        return document;
    }

private:
    std::string_view m_origin;

    [[noreturn]] void fail_at(const JsonPath& path, std::string_view problem) const
    {
        fail(ExitCode::usage, "'{}': {}: {}", m_origin, path.str(), problem);
    }

    static const Json* find(const Json& object, std::string_view key)
    {
        const auto it = object.find(key);
        return it == object.end() ? nullptr : &*it;
    }

    const Json& require(const Json& object, const JsonPath& path, std::string_view what) const
    {
        const Json* value = find(object, path.key);
        if (value == nullptr) {
            fail_at(path, fmt::format("missing, expected {}", what));
        }
        return *value;
    }

    void check_schema(const Json& json) const
    {
        const Json* schema = find(json, "schema");
        if (schema == nullptr) {
            fail(
                ExitCode::usage, "'{}': missing schema: expected '{}'", m_origin, k_results_schema);
        }
        if (!schema->is_string() ||
            schema->template get_ref<const std::string&>() != k_results_schema) {
            fail(ExitCode::usage,
                 "'{}': unknown schema {}: expected '{}'",
                 m_origin,
                 schema->is_string() ? "'" + schema->template get<std::string>() + "'"
                                     : schema->dump(),
                 k_results_schema);
        }
    }

    const std::string& as_string(const Json& value, const JsonPath& path) const
    {
        if (!value.is_string()) {
            fail_at(path, "expected a string");
        }
        return value.template get_ref<const std::string&>();
    }

    std::string required_string(const Json& object, const JsonPath& path) const
    {
        return as_string(require(object, path, "a string"), path);
    }

    std::string optional_string(const Json& object, const JsonPath& path) const
    {
        const Json* value = find(object, path.key);
        return value == nullptr ? std::string() : as_string(*value, path);
    }

    double as_number(const Json& value, const JsonPath& path) const
    {
        if (value.is_null()) {
            return std::numeric_limits<double>::quiet_NaN();
        }
        if (!value.is_number()) {
            fail_at(path, "expected a number");
        }
        return value.template get<double>();
    }

    template <typename Integer>
    Integer as_integer(const Json& value, const JsonPath& path, std::string_view what) const
    {
        if (value.is_number_unsigned()) {
            const auto number = value.template get<std::uint64_t>();
            if (number <= static_cast<std::uint64_t>(std::numeric_limits<Integer>::max())) {
                return static_cast<Integer>(number);
            }
        } else if (value.is_number_integer()) {
            const auto number = value.template get<std::int64_t>();
            if (std::in_range<Integer>(number)) {
                return static_cast<Integer>(number);
            }
        }
        fail_at(path, fmt::format("expected {}", what));
    }

    template <typename Enum, std::size_t size>
    Enum required_enum(const Json& object,
                       const JsonPath& path,
                       const std::array<std::pair<Enum, std::string_view>, size>& names) const
    {
        const std::string& text = as_string(require(object, path, "a string"), path);
        for (const auto& [value, name] : names) {
            if (name == text) {
                return value;
            }
        }
        std::string expected;
        for (std::size_t i = 0; i < size; ++i) {
            expected += i == 0 ? "" : i + 1 == size ? " or " : ", ";
            expected += "'" + std::string(names[i].second) + "'";
        }
        fail_at(path, fmt::format("unknown value '{}': expected {}", text, expected));
    }

    Environment read_environment(const Json& json, const JsonPath& path) const
    {
        if (!json.is_object()) {
            fail_at(path, "expected an object");
        }
        Environment environment;
        environment.host = optional_string(json, path.field("host"));
        environment.os = optional_string(json, path.field("os"));
        environment.cpu = optional_string(json, path.field("cpu"));
        if (const Json* cpus = find(json, "cpus")) {
            environment.cpus = as_integer<int>(*cpus, path.field("cpus"), "an integer");
        }
        if (const Json* memory = find(json, "memory_bytes")) {
            environment.memory_bytes = as_integer<std::uint64_t>(
                *memory, path.field("memory_bytes"), "a non-negative integer");
        }
        if (const Json* git = find(json, "git"); git != nullptr && !git->is_null()) {
            const JsonPath git_path = path.field("git");
            if (!git->is_object()) {
                fail_at(git_path, "expected an object");
            }
            GitInfo info;
            info.commit = optional_string(*git, git_path.field("commit"));
            info.branch = optional_string(*git, git_path.field("branch"));
            if (const Json* dirty = find(*git, "dirty")) {
                if (!dirty->is_boolean()) {
                    fail_at(git_path.field("dirty"), "expected true or false");
                }
                info.dirty = dirty->template get<bool>();
            }
            environment.git = std::move(info);
        }
        return environment;
    }

    BenchmarkResult read_benchmark(const Json& json, const JsonPath& path) const
    {
        if (!json.is_object()) {
            fail_at(path, "expected an object");
        }
        BenchmarkResult result;
        result.id = required_string(json, path.field("id"));
        result.source = required_enum(json, path.field("source"), k_source_names);
        result.executable = optional_string(json, path.field("executable"));
        if (const Json* command = find(json, "command")) {
            const JsonPath command_path = path.field("command");
            if (!command->is_array() || !std::all_of(command->begin(),
                                                     command->end(),
                                                     [](const Json& v) { return v.is_string(); })) {
                fail_at(command_path, "expected an array of strings");
            }
            result.command = command->template get<std::vector<std::string>>();
        }
        result.shell = optional_string(json, path.field("shell"));
        if (const Json* startup = find(json, "shell_startup_seconds")) {
            result.shell_startup_seconds = as_number(*startup, path.field("shell_startup_seconds"));
        }
        result.status = required_enum(json, path.field("status"), k_status_names);
        result.message = optional_string(json, path.field("message"));
        if (const Json* codes = find(json, "exit_codes")) {
            const JsonPath codes_path = path.field("exit_codes");
            if (!codes->is_array()) {
                fail_at(codes_path, "expected an array of integers");
            }
            result.exit_codes.reserve(codes->size());
            for (std::size_t i = 0; i < codes->size(); ++i) {
                result.exit_codes.push_back(
                    as_integer<int>((*codes)[i], codes_path.element(i), "an integer"));
            }
        }
        if (const Json* parameters = find(json, "parameters")) {
            if (!parameters->is_object() ||
                !std::all_of(parameters->begin(), parameters->end(), [](const Json& value) {
                    return value.is_string();
                })) {
                fail_at(path.field("parameters"), "expected an object of strings");
            }
            for (const auto& [name, value] : parameters->items()) {
                result.parameters.emplace(name, value.template get<std::string>());
            }
        }
        if (const Json* context = find(json, "context")) {
            result.context = nlohmann::json(*context);
        }
        const JsonPath metrics_path = path.field("metrics");
        const Json& metrics = require(json, metrics_path, "an object");
        if (!metrics.is_object()) {
            fail_at(metrics_path, "expected an object");
        }
        result.metrics.reserve(metrics.size());
        for (const auto& [name, metric] : metrics.items()) {
            result.metrics.push_back(read_metric(name, metric, metrics_path.field(name)));
        }
        return result;
    }

    Metric read_metric(const std::string& name, const Json& json, const JsonPath& path) const
    {
        if (!json.is_object()) {
            fail_at(path, "expected an object");
        }
        Metric metric;
        metric.name = name;
        metric.unit = required_string(json, path.field("unit"));
        metric.better = required_enum(json, path.field("better"), k_better_names);
        const JsonPath samples_path = path.field("samples");
        const Json& samples = require(json, samples_path, "an array of numbers");
        if (!samples.is_array()) {
            fail_at(samples_path, "expected an array of numbers");
        }
        metric.samples.reserve(samples.size());
        for (std::size_t i = 0; i < samples.size(); ++i) {
            metric.samples.push_back(as_number(samples[i], samples_path.element(i)));
        }
        return metric;
    }
};

// Return 1-based line and column (in characters) of the byte at `offset` in `text`.
std::pair<std::size_t, std::size_t> line_and_column(std::string_view text, std::size_t offset)
{
    offset = std::min(offset, text.size());
    const std::string_view before = text.substr(0, offset);
    const std::size_t line =
        1 + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
    const std::size_t line_start =
        before.rfind('\n') == std::string_view::npos ? 0 : before.rfind('\n') + 1;
    const std::string_view on_line = before.substr(line_start);
    // Count UTF-8 lead bytes only, so that a column matches what an editor shows.
    const auto continuation_bytes = std::count_if(on_line.begin(), on_line.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
    });
    return {line, on_line.size() - static_cast<std::size_t>(continuation_bytes) + 1};
}

// Return nlohmann's message without its "[json.exception...] parse error at ...: syntax error
// while parsing X - " preamble, which repeats what our own message says.
std::string_view short_reason(std::string_view message)
{
    if (const auto dash = message.find(" - "); dash != std::string_view::npos) {
        return message.substr(dash + 3);
    }
    if (const auto bracket = message.find("] "); bracket != std::string_view::npos) {
        message.remove_prefix(bracket + 2);
    }
    return message;
}

template <typename Json> Json parse_json_file(const fs::path& path)
{
    const std::string text = util::read_file(path);
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
        fail(ExitCode::usage, "{}: empty file, expected JSON", path.string());
    }
    try {
        return Json::parse(text);
    } catch (const nlohmann::json::parse_error& error) {
        // `byte` is the 1-based position of the character the parser stopped at.
        const auto [line, column] = line_and_column(text, error.byte == 0 ? 0 : error.byte - 1);
        fail(ExitCode::usage,
             "{}:{}:{}: malformed JSON: {}",
             path.string(),
             line,
             column,
             short_reason(error.what()));
    } catch (const nlohmann::json::exception& error) {
        fail(ExitCode::usage, "{}: malformed JSON: {}", path.string(), short_reason(error.what()));
    }
}

} // namespace

std::string_view to_string(Better better)
{
    return name_of(k_better_names, better);
}

std::string_view to_string(Status status)
{
    return name_of(k_status_names, status);
}

std::string_view to_string(Source source)
{
    return name_of(k_source_names, source);
}

const Metric* BenchmarkResult::find_metric(std::string_view name) const
{
    const auto it = std::find_if(
        metrics.begin(), metrics.end(), [&](const Metric& metric) { return metric.name == name; });
    return it == metrics.end() ? nullptr : &*it;
}

Metric& BenchmarkResult::metric(std::string_view name, std::string_view unit, Better better)
{
    const auto it = std::find_if(
        metrics.begin(), metrics.end(), [&](const Metric& metric) { return metric.name == name; });
    if (it != metrics.end()) {
        return *it;
    }
    return metrics.emplace_back(Metric{std::string(name), std::string(unit), better, {}});
}

nlohmann::ordered_json to_json(const ResultsDocument& document)
{
    ordered_json json = ordered_json::object();
    json["schema"] = k_results_schema;
    json["perfgate"] = document.perfgate_version;
    json["created"] = document.created;
    json["environment"] = to_json(document.environment);
    ordered_json benchmarks = ordered_json::array();
    benchmarks.get_ref<ordered_json::array_t&>().reserve(document.benchmarks.size());
    for (const BenchmarkResult& result : document.benchmarks) {
        benchmarks.push_back(to_json(result));
    }
    json["benchmarks"] = std::move(benchmarks);
    return json;
}

ResultsDocument results_from_json(const nlohmann::json& json, std::string_view origin)
{
    return DocumentReader<nlohmann::json>(origin).read(json);
}

ResultsDocument results_from_json(const nlohmann::ordered_json& json, std::string_view origin)
{
    return DocumentReader<nlohmann::ordered_json>(origin).read(json);
}

nlohmann::json read_json_file(const fs::path& path)
{
    return parse_json_file<nlohmann::json>(path);
}

ResultsDocument load_results(const fs::path& path)
{
    // Ordered, so that metrics keep the order they were written in.
    return results_from_json(parse_json_file<ordered_json>(path), path.string());
}

void save_results(const ResultsDocument& document, const fs::path& path)
{
    // Ids and messages come from arbitrary programs: replace invalid UTF-8 rather than throw.
    const std::string text =
        to_json(document).dump(2, ' ', false, ordered_json::error_handler_t::replace);
    util::write_file_atomic(path, text + "\n");
}

} // namespace perfgate::core
