#pragma once

#include <string>
#include <string_view>

namespace perfgate::util {

// Return `text` made safe to print as (part of) one line of a terminal or a CI log, for text
// that perfgate did not write itself: benchmark ids, command lines, messages from programs.
// - Control characters (C0, DEL, C1), line and paragraph separators
//   and Unicode's invisible default-ignorable code points (bidi overrides, zero-width characters)
//   become visible escapes: `\x1b`, `\x0a`, `\u009b`, `\u202e`, `\U000e0041`; a byte that is
//   not valid UTF-8 becomes `\xNN`. The text then spans one line and cannot move the cursor,
//   recolour or hide anything.
// - A text that would start a GitHub Actions workflow command (`::` after optional blanks,
//   Unicode ones included, as the runner trims those) gets its first `:` as `\x3a`, and every
//   `##[` (the older command form, matched anywhere in a line) becomes `##\x5b`.
// Printable text, UTF-8 included, is kept verbatim; a backslash is not escaped.
std::string sanitize(std::string_view text);

// Return `text` sanitised line by line as by `sanitize`, keeping its line breaks: "\n" stays
// (a "\r\n" becomes "\n"), and each line is neutralised on its own.
std::string sanitize_lines(std::string_view text);

} // namespace perfgate::util
