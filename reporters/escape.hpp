#pragma once

#include <string>
#include <string_view>

// Escaping of user-supplied text (benchmark names, commands, messages) for each report format,
// so that a benchmark named `<script>` or `a|b` cannot break a report (design §8).
namespace perfgate::reporters {

// Return `text` escaped for HTML text and quoted attributes: & < > " ' and `.
std::string escape_html(std::string_view text);

// Return `text` escaped for XML text and attributes: & < > " ' as entities, newlines and tabs as
// character references (kept inside attributes), other control characters as U+FFFD, which is
// all XML 1.0 allows.
std::string escape_xml(std::string_view text);

// Return `text` escaped for one line of GitHub-flavoured Markdown, a table cell included: table
// pipes, code spans, HTML and emphasis marks, and no line breaks. An underscore inside a word
// stays as it is (BM_sort), since it cannot start emphasis there.
std::string escape_markdown(std::string_view text);

} // namespace perfgate::reporters
