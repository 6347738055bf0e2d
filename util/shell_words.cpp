#include <util/error.hpp>
#include <util/shell_words.hpp>

#include <algorithm>
#include <array>

namespace perfgate::util {
namespace {

constexpr std::string_view k_shell_syntax = "|&;<>()$`\\\"'*?[]#~{}\n";

// First words that only a shell understands (keywords and builtins without an executable).
constexpr std::array<std::string_view, 20> k_shell_only_words = {
    "!",     "case",   "cd",   "eval",   "exec",  "export", "for",   "if",    "read",  "set",
    "shift", "source", "trap", "ulimit", "umask", "unset",  "until", "while", "alias", "."};

bool is_space(char c)
{
    return c == ' ' || c == '\t';
}

} // namespace

std::vector<std::string> split_shell_words(std::string_view command)
{
    std::vector<std::string> words;
    std::string word;
    bool in_word = false;
    for (std::size_t i = 0; i < command.size(); ++i) {
        const char c = command[i];
        if (is_space(c) || c == '\n') {
            if (in_word) {
                words.push_back(std::move(word));
                word.clear();
                in_word = false;
            }
            continue;
        }
        in_word = true;
        if (c == '\\' && i + 1 < command.size()) {
            word += command[++i];
        } else if (c == '\'') {
            const auto end = command.find(c, i + 1);
            if (end == std::string_view::npos) {
                fail(ExitCode::usage, "unterminated ' quote in command '{}'", command);
            }
            word.append(command.substr(i + 1, end - i - 1));
            i = end;
        } else if (c == '"') {
            // Inside double quotes a backslash escapes only $ ` " \ (POSIX).
            for (++i;; ++i) {
                if (i >= command.size()) {
                    fail(ExitCode::usage, "unterminated \" quote in command '{}'", command);
                }
                if (command[i] == '"') {
                    break;
                }
                if (command[i] == '\\' && i + 1 < command.size() &&
                    std::string_view("$`\"\\").find(command[i + 1]) != std::string_view::npos) {
                    ++i;
                }
                word += command[i];
            }
        } else {
            word += c;
        }
    }
    if (in_word) {
        words.push_back(std::move(word));
    }
    return words;
}

bool needs_shell(std::string_view command)
{
    if (command.find_first_of(k_shell_syntax) != std::string_view::npos) {
        return true;
    }
    const auto start = command.find_first_not_of(" \t");
    if (start == std::string_view::npos) {
        return false;
    }
    const auto first = command.substr(start, command.find_first_of(" \t", start) - start);
    return first.find('=') != std::string_view::npos ||
           std::find(k_shell_only_words.begin(), k_shell_only_words.end(), first) !=
               k_shell_only_words.end();
}

std::string join_shell_words(const std::vector<std::string>& argv)
{
    std::string line;
    for (const auto& arg : argv) {
        if (!line.empty()) {
            line += ' ';
        }
        const bool plain = !arg.empty() && arg.find_first_of(" \t") == std::string::npos &&
                           arg.find_first_of(k_shell_syntax) == std::string::npos;
        if (plain) {
            line += arg;
            continue;
        }
        line += '\'';
        for (char c : arg) {
            if (c == '\'') {
                line += "'\\''";
            } else {
                line += c;
            }
        }
        line += '\'';
    }
    return line;
}

} // namespace perfgate::util
