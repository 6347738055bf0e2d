#include <core/json_file.hpp>
#include <core/results_json.hpp>
#include <core/units.hpp>
#include <util/error.hpp>

#include <algorithm>
#include <set>

namespace perfgate::core {
namespace {

// Reads one perfgate-results/1 document, from either JSON flavour, with errors naming the
// origin and the path of the offending value.
template <typename Json> class DocumentReader
{
public:
    explicit DocumentReader(std::string_view origin) : m_read(std::string(origin)) {}

    ResultsDocument read(const Json& json) const
    {
        const JsonPath root;
        m_read.check_schema(json, k_results_schema);
        ResultsDocument document;
        document.perfgate_version = m_read.optional_string(json, root.field("perfgate"));
        document.created = m_read.optional_string(json, root.field("created"));
        if (const Json* environment = m_read.find(json, "environment")) {
            document.environment =
                environment_from_json(m_read, *environment, root.field("environment"));
        }
        const JsonPath benchmarks_path = root.field("benchmarks");
        const Json& benchmarks = m_read.array(
            m_read.require(json, benchmarks_path, "an array"), benchmarks_path, "benchmarks");
        document.benchmarks.reserve(benchmarks.size());
        std::set<std::string_view> ids;
        for (std::size_t i = 0; i < benchmarks.size(); ++i) {
            const JsonPath path = benchmarks_path.element(i);
            auto& result = document.benchmarks.emplace_back(read_benchmark(benchmarks[i], path));
            if (!ids.insert(result.id).second) {
                m_read.fail_at(
                    path.field("id"),
                    fmt::format("the id '{}' is used twice; ids must be unique", result.id));
            }
        }
        return document;
    }

private:
    JsonReader<Json> m_read;

    BenchmarkResult read_benchmark(const Json& json, const JsonPath& path) const
    {
        m_read.object(json, path);
        BenchmarkResult result;
        result.id = m_read.required_string(json, path.field("id"));
        if (result.id.empty()) {
            m_read.fail_at(path.field("id"), "expected a non-empty id");
        }
        result.source = m_read.enumeration(m_read.require(json, path.field("source"), "a string"),
                                           path.field("source"),
                                           k_source_names);
        result.executable = m_read.optional_string(json, path.field("executable"));
        if (const Json* command = m_read.find(json, "command")) {
            const JsonPath command_path = path.field("command");
            m_read.array(*command, command_path, "strings");
            for (std::size_t i = 0; i < command->size(); ++i) {
                result.command.push_back(m_read.string((*command)[i], command_path.element(i)));
            }
        }
        result.shell = m_read.optional_string(json, path.field("shell"));
        if (const Json* startup = m_read.find(json, "shell_startup_seconds")) {
            result.shell_startup_seconds =
                m_read.time(*startup, path.field("shell_startup_seconds"), "s", NullNumber::nan);
        }
        result.status = m_read.enumeration(m_read.require(json, path.field("status"), "a string"),
                                           path.field("status"),
                                           k_status_names);
        result.message = m_read.optional_string(json, path.field("message"));
        if (const Json* codes = m_read.find(json, "exit_codes")) {
            const JsonPath codes_path = path.field("exit_codes");
            m_read.array(*codes, codes_path, "integers");
            result.exit_codes.reserve(codes->size());
            for (std::size_t i = 0; i < codes->size(); ++i) {
                result.exit_codes.push_back(
                    m_read.template integer<int>((*codes)[i], codes_path.element(i)));
            }
        }
        if (const Json* parameters = m_read.find(json, "parameters")) {
            const JsonPath parameters_path = path.field("parameters");
            m_read.object(*parameters, parameters_path);
            for (const auto& [name, value] : parameters->items()) {
                result.parameters.emplace(name, m_read.string(value, parameters_path.field(name)));
            }
        }
        if (const Json* context = m_read.find(json, "context")) {
            result.context = std::make_shared<const nlohmann::json>(*context);
        }
        const JsonPath metrics_path = path.field("metrics");
        const Json& metrics =
            m_read.object(m_read.require(json, metrics_path, "an object"), metrics_path);
        result.metrics.reserve(metrics.size());
        for (const auto& [name, metric] : metrics.items()) {
            if (name.empty()) {
                m_read.fail_at(metrics_path.field(name), "expected a non-empty metric name");
            }
            result.metrics.push_back(read_metric(name, metric, metrics_path.field(name)));
        }
        return result;
    }

    Metric read_metric(const std::string& name, const Json& json, const JsonPath& path) const
    {
        m_read.object(json, path);
        Metric metric;
        metric.name = name;
        metric.unit = m_read.required_string(json, path.field("unit"));
        metric.better = m_read.enumeration(m_read.require(json, path.field("better"), "a string"),
                                           path.field("better"),
                                           k_better_names);
        const JsonPath samples_path = path.field("samples");
        const Json& samples = m_read.array(
            m_read.require(json, samples_path, "an array of numbers"), samples_path, "numbers");
        // Note: a time can be zero (a clock's resolution) but never negative.
        const bool time = seconds_per(metric.unit).has_value();
        metric.samples.reserve(samples.size());
        for (std::size_t i = 0; i < samples.size(); ++i) {
            const JsonPath sample_path = samples_path.element(i);
            metric.samples.push_back(
                time ? m_read.time(samples[i], sample_path, metric.unit, NullNumber::nan)
                     : m_read.number(samples[i], sample_path, NullNumber::nan));
        }
        if (const Json* launches = m_read.find(json, "launches")) {
            const JsonPath launches_path = path.field("launches");
            m_read.array(*launches, launches_path, "integers");
            if (launches->size() != samples.size()) {
                m_read.fail_at(launches_path,
                               fmt::format("expected one launch index per sample ({}), not {}",
                                           samples.size(),
                                           launches->size()));
            }
            metric.launches.reserve(launches->size());
            for (std::size_t i = 0; i < launches->size(); ++i) {
                metric.launches.push_back(m_read.template integer<std::uint32_t>(
                    (*launches)[i], launches_path.element(i)));
            }
        }
        return metric;
    }
};

} // namespace

template <typename Json>
Environment
environment_from_json(const JsonReader<Json>& read, const Json& json, const JsonPath& path)
{
    read.object(json, path);
    Environment environment;
    environment.host = read.optional_string(json, path.field("host"));
    environment.os = read.optional_string(json, path.field("os"));
    environment.cpu = read.optional_string(json, path.field("cpu"));
    if (const Json* cpus = read.find(json, "cpus")) {
        environment.cpus = read.template integer<int>(*cpus, path.field("cpus"), 0);
    }
    if (const Json* memory = read.find(json, "memory_bytes")) {
        environment.memory_bytes =
            read.template integer<std::uint64_t>(*memory, path.field("memory_bytes"));
    }
    if (const Json* git = read.find(json, "git"); git != nullptr && !git->is_null()) {
        const JsonPath git_path = path.field("git");
        read.object(*git, git_path);
        GitInfo info;
        info.commit = read.optional_string(*git, git_path.field("commit"));
        info.branch = read.optional_string(*git, git_path.field("branch"));
        if (const Json* dirty = read.find(*git, "dirty")) {
            info.dirty = read.boolean(*dirty, git_path.field("dirty"));
        }
        environment.git = std::move(info);
    }
    return environment;
}

template <typename Json>
Summary summary_from_json(const JsonReader<Json>& read, const Json& json, const JsonPath& path)
{
    read.object(json, path);
    Summary summary;
    summary.n = read.template integer<std::size_t>(
        read.require(json, path.field("n"), "an integer"), path.field("n"));
    const std::array<std::pair<std::string_view, double*>, 9> fields{{{"mean", &summary.mean},
                                                                      {"median", &summary.median},
                                                                      {"stddev", &summary.stddev},
                                                                      {"min", &summary.min},
                                                                      {"max", &summary.max},
                                                                      {"p90", &summary.p90},
                                                                      {"p95", &summary.p95},
                                                                      {"p99", &summary.p99},
                                                                      {"mad", &summary.mad}}};
    for (const auto& [name, value] : fields) {
        const JsonPath field = path.field(name);
        *value = read.number(read.require(json, field, "a number"), field, NullNumber::nan);
    }
    summary.outliers = read.template integer<std::size_t>(
        read.require(json, path.field("outliers"), "an integer"), path.field("outliers"));
    if (summary.outliers > summary.n) {
        read.fail_at(path.field("outliers"),
                     fmt::format("expected at most n ({}) outliers", summary.n));
    }
    return summary;
}

template Environment
environment_from_json(const JsonReader<nlohmann::json>&, const nlohmann::json&, const JsonPath&);
template Environment environment_from_json(const JsonReader<nlohmann::ordered_json>&,
                                           const nlohmann::ordered_json&,
                                           const JsonPath&);
template Summary
summary_from_json(const JsonReader<nlohmann::json>&, const nlohmann::json&, const JsonPath&);

ResultsDocument results_from_json(const nlohmann::json& json, std::string_view origin)
{
    return DocumentReader<nlohmann::json>(origin).read(json);
}

ResultsDocument results_from_json(const nlohmann::ordered_json& json, std::string_view origin)
{
    return DocumentReader<nlohmann::ordered_json>(origin).read(json);
}

ResultsDocument load_results(const std::filesystem::path& path)
{
    // Ordered, so that metrics keep the order they were written in.
    return results_from_json(read_ordered_json_file(path), path.string());
}

} // namespace perfgate::core
