#include <baselines/meaning.hpp>
#include <baselines/policy.hpp>
#include <util/error.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <vector>

namespace perfgate::baselines {
namespace {

constexpr std::array<std::string_view, 7> k_lower_words{
    "miss", "error", "fail", "failure", "drop", "timeout", "latency"};
constexpr std::array<std::string_view, 8> k_higher_words{
    "hit", "throughput", "bandwidth", "speedup", "success", "qps", "rps", "iops"};

bool is_word_char(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) != 0;
}

// Split `name` into lower-case words at non-alphanumerics and at a capital after a small letter
// or a digit.
std::vector<std::string> words_of(std::string_view name)
{
    std::vector<std::string> words;
    std::string word;
    char previous = '\0';
    for (const char c : name) {
        const auto after = static_cast<unsigned char>(previous);
        const bool boundary =
            !is_word_char(c) || (std::isupper(static_cast<unsigned char>(c)) != 0 &&
                                 (std::islower(after) != 0 || std::isdigit(after) != 0));
        if (boundary && !word.empty()) {
            words.push_back(std::move(word));
            word.clear();
        }
        if (is_word_char(c)) {
            word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        previous = c;
    }
    if (!word.empty()) {
        words.push_back(std::move(word));
    }
    return words;
}

// True when `word` is one of `list`, or its plural ("errors", "misses").
template <std::size_t size>
bool among(const std::string& word, const std::array<std::string_view, size>& list)
{
    return std::any_of(list.begin(), list.end(), [&](std::string_view candidate) {
        return word == candidate || word == std::string(candidate) + "s" ||
               word == std::string(candidate) + "es";
    });
}

bool has_word(const std::vector<std::string>& words, auto list)
{
    return std::any_of(words.begin(), words.end(), [&](const auto& w) { return among(w, list); });
}

} // namespace

std::optional<core::Better> direction_from_name(std::string_view name)
{
    const auto words = words_of(name);
    if (has_word(words, k_lower_words)) {
        return core::Better::lower;
    }
    const bool per_second =
        words.size() >= 2 && words[words.size() - 2] == "per" && words.back() == "second";
    if (per_second || has_word(words, k_higher_words)) {
        return core::Better::higher;
    }
    return std::nullopt;
}

std::optional<core::BenchmarkResult> with_meanings(const core::Config& config,
                                                   const core::BenchmarkResult& result)
{
    std::optional<core::BenchmarkResult> changed;
    for (std::size_t i = 0; i < result.metrics.size(); ++i) {
        const auto& metric = result.metrics[i];
        auto better = metric.better;
        auto unit = metric.unit;
        if (result.source == core::Source::google_benchmark && metric.name != "real_time" &&
            metric.name != "cpu_time") {
            better = direction_from_name(metric.name).value_or(better);
        }
        for (const auto* policy : matching_policies(config, result.id, metric.name)) {
            better = policy->better.value_or(better);
            if (!policy->unit || *policy->unit == unit) {
                continue;
            }
            if (!metric.unit.empty()) {
                fail(ExitCode::usage,
                     "{}: [[policy]] gives metric '{}' of '{}' the unit '{}', but it is measured "
                     "in '{}'; 'unit' is for metrics measured without one",
                     config_location(config, policy->line),
                     metric.name,
                     result.id,
                     *policy->unit,
                     metric.unit);
            }
            unit = *policy->unit;
        }
        if (better == metric.better && unit == metric.unit) {
            continue;
        }
        if (!changed) {
            changed = result;
        }
        changed->metrics[i].better = better;
        changed->metrics[i].unit = unit;
    }
    return changed;
}

} // namespace perfgate::baselines
