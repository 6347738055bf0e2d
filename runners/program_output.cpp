#include <runners/program_output.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <string_view>
#include <vector>

namespace perfgate::runners {
namespace {

// How many of a stream's last lines a message shows, and how much of each.
constexpr std::size_t k_lines_shown = 3;
constexpr std::size_t k_line_limit = 200;

// True for the lines the library itself prints before any benchmark runs, and for rules: they
// say nothing about what went wrong.
bool library_header(std::string_view line)
{
    constexpr std::array<std::string_view, 6> k_prefixes = {
        "***WARNING***", "Run on (", "CPU Caches:", "  L", "Load Average:", "Benchmark "};
    return line.find_first_not_of(" -\r") == std::string_view::npos ||
           std::any_of(k_prefixes.begin(), k_prefixes.end(), [&](auto prefix) {
               return line.starts_with(prefix);
           });
}

// Return the last lines of `text` worth showing, oldest first, joined by " | ".
std::string last_lines(std::string_view text)
{
    std::vector<std::string_view> lines;
    while (!text.empty() && lines.size() < k_lines_shown) {
        const auto newline = text.rfind('\n');
        const auto start = newline == std::string_view::npos ? 0 : newline + 1;
        auto line = text.substr(start);
        text = text.substr(0, newline == std::string_view::npos ? 0 : newline);
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) {
            line.remove_suffix(1);
        }
        if (!library_header(line)) {
            lines.push_back(line.substr(0, k_line_limit));
        }
    }
    std::reverse(lines.begin(), lines.end());
    return fmt::format("{}", fmt::join(lines, " | "));
}

} // namespace

std::string output_hint(const std::string& out, const std::string& err)
{
    std::vector<std::string> parts;
    if (auto lines = last_lines(err); !lines.empty()) {
        parts.push_back("stderr: " + lines);
    }
    if (auto lines = last_lines(out); !lines.empty()) {
        parts.push_back("stdout: " + lines);
    }
    return parts.empty() ? "" : fmt::format(" ({})", fmt::join(parts, "; "));
}

} // namespace perfgate::runners
