#pragma once

#include <baselines/comparison.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace perfgate::reporters {

// GitHub's limit on the body of a comment or step summary.
inline constexpr std::size_t k_github_comment_limit = 65536;

struct MarkdownOptions
{
    bool pr_comment = false;                        // start with the `<!-- perfgate -->` marker
    std::size_t max_chars = k_github_comment_limit; // bytes, which never undercount characters
    // A Mustache template instead of the built-in one. Its strings arrive escaped for Markdown by
    // escape_markdown, so it writes them with triple braces {{{ }}} (double braces re-escape).
    std::optional<std::string> template_text;
};

// Return the GitHub-flavoured Markdown report of `comparison` (README, "Reports"): the gate result
// and counts, the regressions and budget breaches, every result inside <details>, the geometric
// mean, both environments and the warnings. Never longer than `options.max_chars`: unchanged
// rows of the full table go first, then the rest from the end, with a note saying how many.
// Throws Error(usage) when the template does not parse.
std::string render_markdown(const baselines::Comparison& comparison,
                            const MarkdownOptions& options = {});

} // namespace perfgate::reporters
