#include <core/json_reader.hpp>
#include <runners/hyperfine.hpp>
#include <util/error.hpp>

#include <fmt/format.h>

#include <map>
#include <string>

namespace perfgate::runners {

bool is_hyperfine_json(const nlohmann::json& json)
{
    return json.is_object() && json.contains("results") && json["results"].is_array() &&
           !json.contains("schema");
}

core::ResultsDocument import_hyperfine(const nlohmann::json& json, std::string_view origin)
{
    const core::JsonReader<nlohmann::json> read(origin);
    const core::JsonPath root;
    const core::JsonPath results_path = root.field("results");
    read.object(json, root);
    const auto& entries =
        read.array(read.require(json, results_path, "an array"), results_path, "hyperfine results");
    core::ResultsDocument document;
    std::map<std::string, std::size_t, std::less<>> index_of_command;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const core::JsonPath path = results_path.element(i);
        const auto& entry = read.object(entries[i], path);
        const core::JsonPath command_path = path.field("command");
        core::BenchmarkResult result;
        result.id = read.required_string(entry, command_path);
        if (result.id.empty()) {
            read.fail_at(command_path, "expected a non-empty command");
        }
        if (const auto [previous, added] = index_of_command.emplace(result.id, i); !added) {
            read.fail_at(command_path,
                         fmt::format("the command '{}' is also results[{}]; give each command "
                                     "its own name (hyperfine --command-name)",
                                     result.id,
                                     previous->second));
        }
        result.source = core::Source::command;
        const core::JsonPath times_path = path.field("times");
        const auto& times = read.array(
            read.require(entry, times_path, "an array of numbers"), times_path, "numbers");
        auto& wall = result.metric("wall", "s", core::Better::lower);
        for (std::size_t t = 0; t < times.size(); ++t) {
            wall.samples.push_back(read.time(times[t], times_path.element(t), "s"));
        }
        if (const auto* codes = read.find(entry, "exit_codes")) {
            const core::JsonPath codes_path = path.field("exit_codes");
            read.array(*codes, codes_path, "integers");
            for (std::size_t c = 0; c < codes->size(); ++c) {
                // Note: hyperfine writes null for a run killed by a signal.
                const auto& code = (*codes)[c];
                result.exit_codes.push_back(
                    code.is_null() ? -1 : read.integer<int>(code, codes_path.element(c)));
            }
        }
        if (const auto* memory = read.find(entry, "memory_usage_byte")) {
            const core::JsonPath memory_path = path.field("memory_usage_byte");
            read.array(*memory, memory_path, "numbers");
            auto& rss = result.metric("peak_rss", "B", core::Better::lower);
            for (std::size_t m = 0; m < memory->size(); ++m) {
                rss.samples.push_back(read.non_negative((*memory)[m], memory_path.element(m)));
            }
        }
        if (const auto* parameters = read.find(entry, "parameters")) {
            const core::JsonPath parameters_path = path.field("parameters");
            read.object(*parameters, parameters_path);
            for (const auto& [name, value] : parameters->items()) {
                result.parameters[name] = read.string(value, parameters_path.field(name));
            }
        }
        document.benchmarks.push_back(std::move(result));
    }
    return document;
}

} // namespace perfgate::runners
