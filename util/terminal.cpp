#include <util/error.hpp>
#include <util/terminal.hpp>

#include <sys/ioctl.h>
#include <unistd.h>

#include <charconv>
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

std::optional<std::size_t> terminal_width(int fd)
{
    if (const char* columns = std::getenv("COLUMNS"); columns != nullptr) {
        const std::string_view text(columns);
        std::size_t width = 0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), width);
        if (error == std::errc() && end == text.data() + text.size() && width > 0) {
            return width;
        }
    }
    winsize size{};
    if (is_terminal(fd) && ::ioctl(fd, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) {
        return size.ws_col;
    }
    return std::nullopt;
}

} // namespace perfgate::util
