#include <util/error.hpp>
#include <util/terminal.hpp>

#include <unistd.h>

#include <cstdlib>
#include <string>

namespace perfgate::util {

ColorMode parse_color_mode(std::string_view text)
{
    if (text == "auto") {
        return ColorMode::automatic;
    }
    if (text == "always") {
        return ColorMode::always;
    }
    if (text == "never") {
        return ColorMode::never;
    }
    fail(ExitCode::usage, "invalid colour mode '{}': expected auto, always or never", text);
}

bool is_terminal(int fd)
{
    return ::isatty(fd) == 1;
}

bool use_color(ColorMode mode, int fd)
{
    if (mode != ColorMode::automatic) {
        return mode == ColorMode::always;
    }
    const char* no_color = std::getenv("NO_COLOR");
    if (no_color != nullptr && *no_color != '\0') {
        return false;
    }
    const char* term = std::getenv("TERM");
    if (term != nullptr && std::string_view(term) == "dumb") {
        return false;
    }
    return is_terminal(fd);
}

} // namespace perfgate::util
