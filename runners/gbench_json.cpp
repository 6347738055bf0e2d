#include <core/json_file.hpp>
#include <runners/gbench_json.hpp>
#include <runners/gbench_json_values.hpp>
#include <util/error.hpp>

#include <fmt/format.h>
#include <rapidjson/reader.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <limits>
#include <optional>
#include <type_traits>

namespace perfgate::runners {
namespace {

using Value = GoogleBenchmarkValue;

// Bare NaN and ±Infinity as Google Benchmark writes them; numbers as text, which number_of reads
// exactly (RapidJSON 1.1.0 misreads "0e307" as 2.4e288 at full precision, and rounds otherwise).
// The strings that are kept are checked to be UTF-8 (is_utf8), as every reader of perfgate does.
constexpr unsigned k_parse_flags =
    rapidjson::kParseNanAndInfFlag | rapidjson::kParseNumbersAsStringsFlag;

// The members of a run: those perfgate reads, and the other fields of the library, which are
// not counters.
constexpr std::array<std::pair<std::string_view, Value GoogleBenchmarkRun::*>, 21> k_run_fields{{
    {"name", &GoogleBenchmarkRun::name},
    {"family_index", &GoogleBenchmarkRun::family_index},
    {"per_family_instance_index", &GoogleBenchmarkRun::per_family_instance_index},
    {"run_name", &GoogleBenchmarkRun::run_name},
    {"run_type", &GoogleBenchmarkRun::run_type},
    {"repetitions", nullptr},
    {"repetition_index", nullptr},
    {"threads", nullptr},
    {"iterations", nullptr},
    {"real_time", &GoogleBenchmarkRun::real_time},
    {"cpu_time", &GoogleBenchmarkRun::cpu_time},
    {"time_unit", &GoogleBenchmarkRun::time_unit},
    {"label", nullptr},
    {"error_occurred", &GoogleBenchmarkRun::error_occurred},
    {"error_message", &GoogleBenchmarkRun::error_message},
    {"skipped", &GoogleBenchmarkRun::skipped},
    {"skip_message", &GoogleBenchmarkRun::skip_message},
    {"aggregate_name", nullptr},
    {"aggregate_unit", nullptr},
    {"big_o", nullptr},
    {"rms", nullptr},
}};

// The context fields that perfgate reads, and the type each must have.
constexpr std::array<std::pair<std::string_view, Value::Type>, 3> k_context_fields{{
    {"date", Value::Type::string},
    {"library_build_type", Value::Type::string},
    {"cpu_scaling_enabled", Value::Type::boolean},
}};

// Fail with Error(usage) "'ORIGIN':LINE:COLUMN: invalid Google Benchmark JSON: problem" for the
// byte `offset` of `text`.
[[noreturn]] void fail_invalid(std::string_view text,
                               std::string_view origin,
                               std::size_t offset,
                               std::string_view problem)
{
    const auto [line, column] = core::line_and_column(text, offset);
    fail(ExitCode::usage,
         "'{}':{}:{}: invalid Google Benchmark JSON: {}",
         origin,
         line,
         column,
         problem);
}

// Reads a Google Benchmark document from parser events: the context into a tree, each run into
// a GoogleBenchmarkRun handed to the sink as soon as its object closes; other members skipped.
// Depths count the open objects and arrays: 1 is the document, 2 `benchmarks`, 3 a run.
class DocumentHandler
{
public:
    DocumentHandler(const std::string& text,
                    std::string_view origin,
                    const rapidjson::StringStream& stream,
                    GoogleBenchmarkSink& sink)
        : m_text(text), m_origin(origin), m_stream(stream), m_sink(sink)
    {}

    // True once a context was read and the benchmark list began, with a complete run.
    bool has_runs() const { return m_has_context && m_runs_begun && m_run.index > 0; }
    bool is_google_benchmark() const { return m_has_context && m_runs_begun && !m_in_runs; }

    // Note: the parser reports null, true and false once they are read, but strings and
    // numbers while it stands at their start (it reads them through a copy of the stream).
    // NOLINTBEGIN(readability-identifier-naming): RapidJSON's Handler concept names these.
    bool Null()
    {
        m_start = m_stream.Tell() - 4;
        return scalar({Value::Type::null, false, 0, 0, {}}, nullptr);
    }
    bool Bool(bool value)
    {
        m_start = m_stream.Tell() - (value ? 4 : 5);
        return scalar({Value::Type::boolean, value, 0, 0, {}}, value);
    }
    // Note: numbers come as text (kParseNumbersAsStringsFlag); these are never called.
    bool Int(int /*value*/) { return false; }
    bool Uint(unsigned /*value*/) { return false; }
    bool Int64(std::int64_t /*value*/) { return false; }
    bool Uint64(std::uint64_t /*value*/) { return false; }
    bool Double(double /*value*/) { return false; }

    bool RawNumber(const char* text, rapidjson::SizeType length, bool /*copy*/)
    {
        m_start = m_stream.Tell();
        const std::string_view raw(text, length);
        const auto number = parse_number(raw);
        if (!number) {
            fail_invalid(m_text, m_origin, m_start, "number out of range of a double");
        }
        return scalar(*number, [&] {
            if (number->type == Value::Type::index) {
                return nlohmann::json(number->index);
            }
            std::int64_t integer = 0;
            const char* const end = raw.data() + raw.size();
            if (const auto [at, error] = std::from_chars(raw.data(), end, integer);
                error == std::errc() && at == end) {
                return nlohmann::json(integer);
            }
            return tree_number(number->number);
        });
    }
    bool String(const char* text, rapidjson::SizeType length, bool /*copy*/)
    {
        const std::string_view view(text, length);
        m_start = m_stream.Tell();
        const bool kept = m_in_context || (m_depth == 3 && m_field != nullptr);
        if (!skipping() && kept) {
            check_utf8(view);
        }
        return scalar({Value::Type::string, false, 0, 0, view}, [&] { return view; });
    }

    bool Key(const char* text, rapidjson::SizeType length, bool /*copy*/)
    {
        const std::string_view key(text, length);
        m_start = m_stream.Tell();
        if (skipping()) {
        } else if (m_in_context) {
            check_utf8(key);
            m_context.key(key);
            m_context_field = nullptr;
            for (const auto& field : k_context_fields) {
                if (m_context.depth() == 1 && field.first == key) {
                    m_context_field = &field;
                }
            }
        } else if (m_depth == 1) {
            m_member = key == "context"      ? Member::context
                       : key == "benchmarks" ? Member::benchmarks
                                             : Member::other;
        } else if (m_depth == 3) {
            select_run_member(key);
        }
        return true;
    }

    bool StartObject() { return begin(true); }
    bool StartArray() { return begin(false); }
    bool EndObject(rapidjson::SizeType /*members*/) { return end(); }
    bool EndArray(rapidjson::SizeType /*elements*/) { return end(); }
    // NOLINTEND(readability-identifier-naming)

private:
    enum class Member { other, context, benchmarks };

    const std::string& m_text;
    std::string_view m_origin;
    const rapidjson::StringStream& m_stream;
    GoogleBenchmarkSink& m_sink;
    std::size_t m_start = 0; // where the value being read starts
    std::size_t m_depth = 0;
    std::size_t m_skip_depth = 0; // the depth of the value being skipped, 0 when none
    Member m_member = Member::other;
    bool m_in_context = false;
    bool m_has_context = false;
    bool m_in_runs = false;
    bool m_runs_begun = false;
    JsonTreeBuilder m_context;
    const std::pair<std::string_view, Value::Type>* m_context_field = nullptr;
    GoogleBenchmarkRun m_run;
    Value* m_field = nullptr;  // the member of m_run that the current key names
    bool m_is_counter = false; // the current key is not a field of the library
    std::string m_counter;     // ... and this is its name
    std::size_t m_next_field = 0;

    bool skipping() const { return m_skip_depth != 0; }

    // Fail unless `text`, a string that is kept, is UTF-8 (as nlohmann::json needs to write it).
    void check_utf8(std::string_view text) const
    {
        if (!is_utf8(text)) {
            fail_invalid(m_text, m_origin, m_start, "a string is not valid UTF-8");
        }
    }

    // Fail when the context field being read is not of its type.
    void check_context_field(Value::Type type) const
    {
        if (m_context_field == nullptr || type == m_context_field->second) {
            return;
        }
        const core::JsonPath root;
        const core::JsonPath context = root.field("context");
        fail_at(m_text,
                m_origin,
                m_start,
                context.field(m_context_field->first),
                m_context_field->second == Value::Type::string ? "expected a string"
                                                               : "expected true or false");
    }

    template <typename ContextValue>
    bool scalar(const ParsedScalar& value, ContextValue&& in_context)
    {
        if (skipping()) {
        } else if (m_in_context) {
            check_context_field(value.type == Value::Type::index ? Value::Type::number
                                                                 : value.type);
            if constexpr (std::is_invocable_v<ContextValue>) {
                m_context.add(nlohmann::json(in_context()));
            } else {
                m_context.add(nlohmann::json(in_context));
            }
        } else if (m_depth == 2) {
            fail_not_object();
        } else if (m_depth == 3) {
            run_member(value);
        }
        return true;
    }

    bool begin(bool object)
    {
        m_start = m_stream.Tell() - 1;
        ++m_depth;
        if (m_depth > core::k_max_json_depth) {
            fail_invalid(m_text,
                         m_origin,
                         m_start,
                         fmt::format("nested deeper than {} levels", core::k_max_json_depth));
        }
        if (skipping()) {
        } else if (m_in_context) {
            check_context_field(Value::Type::compound);
            m_context.begin(object ? nlohmann::json::object() : nlohmann::json::array());
        } else if (m_depth == 1) {
            skip_unless(object);
        } else if (m_depth == 2) {
            if (m_member == Member::context && object) {
                m_in_context = true;
                m_context.begin(nlohmann::json::object());
            } else if (m_member == Member::benchmarks && !object) {
                m_in_runs = true;
                m_runs_begun = true;
            } else {
                skip_unless(false);
            }
        } else if (m_depth == 3) {
            if (!object) {
                fail_not_object();
            }
            begin_run();
        } else {
            run_member({Value::Type::compound, false, 0, 0, {}});
            skip_unless(false);
        }
        return true;
    }

    bool end()
    {
        if (skipping()) {
            if (m_depth == m_skip_depth) {
                m_skip_depth = 0;
            }
        } else if (m_in_context) {
            m_context.end();
            if (m_context.done()) {
                m_in_context = false;
                m_has_context = true;
                m_sink.context(m_context.take());
            }
        } else if (m_depth == 3) {
            m_sink.run(m_run);
            ++m_run.index;
        } else if (m_depth == 2) {
            m_in_runs = false;
        }
        --m_depth;
        return true;
    }

    void skip_unless(bool read)
    {
        if (!read) {
            m_skip_depth = m_depth;
        }
    }

    [[noreturn]] void fail_not_object() const
    {
        const core::JsonPath root;
        fail_at(m_text,
                m_origin,
                m_start,
                root.field("benchmarks").element(m_run.index),
                "expected an object");
    }

    void begin_run()
    {
        m_run.offset = m_start;
        for (const auto& [name, field] : k_run_fields) {
            if (field != nullptr) {
                (m_run.*field).type = Value::Type::absent;
            }
        }
        m_run.counters.clear();
        m_field = nullptr;
        m_is_counter = false;
    }

    void select_run_member(std::string_view key)
    {
        // Note: runs list their fields in the same order, so the field after the last one
        // found is tried first.
        const auto matches = [&](std::size_t i) { return k_run_fields[i].first == key; };
        std::size_t found = matches(m_next_field) ? m_next_field : k_run_fields.size();
        for (std::size_t i = 0; found == k_run_fields.size() && i < k_run_fields.size(); ++i) {
            if (matches(i)) {
                found = i;
            }
        }
        m_is_counter = found == k_run_fields.size();
        if (m_is_counter) {
            check_utf8(key);
            m_field = nullptr;
            m_counter.assign(key);
            return;
        }
        m_next_field = (found + 1) % k_run_fields.size();
        m_field =
            k_run_fields[found].second == nullptr ? nullptr : &(m_run.*k_run_fields[found].second);
    }

    void run_member(const ParsedScalar& value)
    {
        if (m_field != nullptr) {
            m_field->type = value.type;
            m_field->boolean = value.boolean;
            m_field->index = value.index;
            m_field->number = value.number;
            m_field->offset = m_start;
            if (value.type == Value::Type::string) {
                m_field->text.assign(value.text);
            }
        } else if (m_is_counter) {
            auto& counters = m_run.counters;
            const auto same = std::find_if(counters.begin(), counters.end(), [&](const auto& c) {
                return c.first == m_counter;
            });
            if (same != counters.end()) {
                counters.erase(same);
            }
            if (const auto number = counter_value(value)) {
                counters.emplace_back(m_counter, *number);
            }
        }
    }
};

// Finds whether a document's top level has a `context` object, reading no further than needed.
class TopLevelProbe : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, TopLevelProbe>
{
public:
    std::optional<bool> answer;

    bool Default()
    {
        m_context_next = false;
        return m_depth != 0 || decide(false);
    }
    bool Key(const char* text, rapidjson::SizeType length, bool /*copy*/)
    {
        const std::string_view key(text, length);
        if (m_depth == 1 && key == "schema") {
            return decide(false);
        }
        m_context_next = m_depth == 1 && key == "context";
        return true;
    }
    bool StartObject() { return m_context_next ? decide(true) : begin(); }
    bool StartArray() { return m_depth == 0 ? decide(false) : begin(); }
    bool EndObject(rapidjson::SizeType /*members*/) { return end(); }
    bool EndArray(rapidjson::SizeType /*elements*/) { return end(); }

private:
    std::size_t m_depth = 0;
    bool m_context_next = false;

    // Stop reading with `found` as the answer.
    bool decide(bool found)
    {
        answer = found;
        return false;
    }
    // Note: deep nesting is left for the full reader to refuse; parsing stops here.
    bool begin()
    {
        m_context_next = false;
        return ++m_depth <= core::k_max_json_depth;
    }
    bool end()
    {
        m_context_next = false;
        --m_depth;
        return true;
    }
};

// Return what a parse error means, in the words of perfgate's messages.
std::string_view reason(rapidjson::ParseErrorCode code)
{
    switch (code) {
    case rapidjson::kParseErrorDocumentRootNotSingular:
        return "unexpected text after the document";
    case rapidjson::kParseErrorObjectMissName:
        return "expected a member name in double quotes";
    case rapidjson::kParseErrorObjectMissColon:
        return "expected ':' after a member name";
    case rapidjson::kParseErrorObjectMissCommaOrCurlyBracket:
        return "expected ',' or '}' after an object member";
    case rapidjson::kParseErrorArrayMissCommaOrSquareBracket:
        return "expected ',' or ']' after an array element";
    case rapidjson::kParseErrorStringUnicodeEscapeInvalidHex:
    case rapidjson::kParseErrorStringUnicodeSurrogateInvalid:
    case rapidjson::kParseErrorStringEscapeInvalid:
        return "invalid escape in a string";
    case rapidjson::kParseErrorStringMissQuotationMark:
        return "a string lacks its closing quote";
    case rapidjson::kParseErrorStringInvalidEncoding:
        return "a string is not valid UTF-8";
    case rapidjson::kParseErrorNumberTooBig:
        return "number out of range of a double";
    case rapidjson::kParseErrorNumberMissFraction:
    case rapidjson::kParseErrorNumberMissExponent:
        return "malformed number";
    default:
        return "expected a value";
    }
}

} // namespace

void read_google_benchmark_json(const std::string& text,
                                std::string_view origin,
                                bool allow_truncated,
                                GoogleBenchmarkSink& sink)
{
    rapidjson::StringStream stream(text.c_str());
    DocumentHandler handler(text, origin, stream, sink);
    rapidjson::Reader reader;
    const rapidjson::ParseResult result = reader.Parse<k_parse_flags>(stream, handler);
    // Note: the stream ends at a NUL byte, as if the text ended there.
    const std::size_t end = result ? stream.Tell() : result.Offset();
    const bool ended_early = end < text.size() && text[end] == '\0';
    if (!result || ended_early) {
        if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
            fail(ExitCode::usage,
                 "'{}': invalid Google Benchmark JSON: the output is empty",
                 origin);
        }
        if (!(allow_truncated && handler.has_runs())) {
            fail_invalid(text,
                         origin,
                         end,
                         ended_early          ? "unexpected NUL byte"
                         : end >= text.size() ? "truncated: the text ends inside the document"
                                              : reason(result.Code()));
        }
    } else if (!handler.is_google_benchmark()) {
        fail(ExitCode::usage,
             "'{}': not Google Benchmark output (expected a \"context\" object and a "
             "\"benchmarks\" array)",
             origin);
    }
}

bool looks_like_google_benchmark_json(const std::string& text)
{
    if (text.find("\"context\"") == std::string::npos) {
        return false;
    }
    rapidjson::StringStream stream(text.c_str());
    TopLevelProbe probe;
    rapidjson::Reader reader;
    if (reader.Parse<k_parse_flags>(stream, probe)) {
        return false;
    }
    return probe.answer.value_or(text.find("\"benchmarks\"") != std::string::npos);
}

void fail_at(std::string_view text,
             std::string_view origin,
             std::size_t offset,
             const core::JsonPath& path,
             std::string_view problem)
{
    const auto [line, column] = core::line_and_column(text, offset);
    fail(ExitCode::usage, "'{}':{}:{}: {}: {}", origin, line, column, path.str(), problem);
}

} // namespace perfgate::runners
