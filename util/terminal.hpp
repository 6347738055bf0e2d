#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace perfgate::util {

// The user's colour choice (`--color`).
enum class ColorMode { automatic, always, never };

// Parse "auto", "always" or "never"; throws Error(usage) otherwise.
ColorMode parse_color_mode(std::string_view text);

// True when `fd` is a terminal.
bool is_terminal(int fd);

// True when output to `fd` should be coloured: `always`, or `automatic` on a terminal without
// NO_COLOR set (https://no-color.org) and with TERM not "dumb".
bool use_color(ColorMode mode, int fd);

// Return the width in columns that output to `fd` should fit: $COLUMNS when it is a positive
// number, else the terminal's width when `fd` is a terminal, else nullopt (no limit).
std::optional<std::size_t> terminal_width(int fd);

} // namespace perfgate::util
