#include <core/json_file.hpp>
#include <runners/gbench_json.hpp>
#include <util/error.hpp>

#include <optional>

namespace perfgate::runners {
namespace {

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

} // namespace

nlohmann::json
parse_google_benchmark_json(const std::string& text, std::string_view origin, bool allow_truncated)
{
    const auto clean = sanitise(text);
    if (const auto deep = core::find_excess_nesting(clean)) {
        fail(ExitCode::usage,
             "'{}': invalid Google Benchmark JSON at byte {}: nested deeper than {} levels",
             origin,
             *deep + 1,
             core::k_max_json_depth);
    }
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
    } catch (const nlohmann::json::exception& error) {
        // Note: a number too large for a double is an out_of_range error, not a parse_error.
        fail(ExitCode::usage,
             "'{}': invalid Google Benchmark JSON: {}",
             origin,
             core::json_error_reason(error.what()));
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

} // namespace perfgate::runners
