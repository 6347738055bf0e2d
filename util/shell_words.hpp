#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace perfgate::util {

// Split `command` into words as a POSIX shell would for a simple command: whitespace separates,
// single and double quotes group, backslash escapes. No expansion of any kind.
// Throws Error(usage) for an unterminated quote.
std::vector<std::string> split_shell_words(std::string_view command);

// True when running `command` needs a shell: pipes, redirections, variables, globs, quotes,
// `VAR=value` prefixes, compound commands or a shell builtin as the first word.
bool needs_shell(std::string_view command);

// Return `argv` as one line a shell would split back into the same words.
std::string join_shell_words(const std::vector<std::string>& argv);

} // namespace perfgate::util
