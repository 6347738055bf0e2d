#include <util/terminal.hpp>

#include "test_support.hpp"
#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdlib>
#include <optional>
#include <string>

TEST_SUITE_BEGIN("util_terminal");

using namespace perfgate;
using perfgate::test::error_of;
using util::ColorMode;
using util::use_color;

namespace {

// Sets (or unsets) an environment variable for its lifetime, then restores it.
class ScopedEnv
{
public:
    ScopedEnv(std::string name, const char* value) : m_name(std::move(name))
    {
        if (const char* old = std::getenv(m_name.c_str())) {
            m_old = old;
        }
        if (value != nullptr) {
            ::setenv(m_name.c_str(), value, 1);
        } else {
            ::unsetenv(m_name.c_str());
        }
    }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;
    ~ScopedEnv()
    {
        if (m_old) {
            ::setenv(m_name.c_str(), m_old->c_str(), 1);
        } else {
            ::unsetenv(m_name.c_str());
        }
    }

private:
    std::string m_name;
    std::optional<std::string> m_old;
};

// The terminal end of a pseudo-terminal, closed when it goes out of scope.
class Pty
{
public:
    Pty()
    {
        m_main = ::posix_openpt(O_RDWR | O_NOCTTY);
        REQUIRE(m_main >= 0);
        REQUIRE(::grantpt(m_main) == 0);
        REQUIRE(::unlockpt(m_main) == 0);
        const char* name = ::ptsname(m_main);
        REQUIRE(name != nullptr);
        m_terminal = ::open(name, O_RDWR | O_NOCTTY);
        REQUIRE(m_terminal >= 0);
    }
    Pty(const Pty&) = delete;
    Pty& operator=(const Pty&) = delete;
    ~Pty()
    {
        ::close(m_terminal);
        ::close(m_main);
    }

    int terminal() const { return m_terminal; }

private:
    int m_main = -1;
    int m_terminal = -1;
};

// A descriptor that is not a terminal (a pipe), closed when it goes out of scope.
class Pipe
{
public:
    Pipe() { REQUIRE(::pipe(m_fds) == 0); }
    Pipe(const Pipe&) = delete;
    Pipe& operator=(const Pipe&) = delete;
    ~Pipe()
    {
        ::close(m_fds[0]);
        ::close(m_fds[1]);
    }

    int write_end() const { return m_fds[1]; }

private:
    int m_fds[2] = {-1, -1};
};

} // namespace

TEST_CASE("parse_color_mode reads --color")
{
    CHECK(util::parse_color_mode("auto") == ColorMode::automatic);
    CHECK(util::parse_color_mode("always") == ColorMode::always);
    CHECK(util::parse_color_mode("never") == ColorMode::never);

    for (const std::string text : {"", "yes", "Always", "auto "}) {
        CAPTURE(text);
        const Error error = error_of([&] { util::parse_color_mode(text); });
        CHECK(error.code() == ExitCode::usage);
        CHECK(std::string(error.what()) ==
              "invalid colour mode '" + text + "': expected auto, always or never");
    }
}

TEST_CASE("is_terminal tells a terminal from a pipe")
{
    const Pty pty;
    const Pipe pipe;
    CHECK(util::is_terminal(pty.terminal()));
    CHECK_FALSE(util::is_terminal(pipe.write_end()));
    CHECK_FALSE(util::is_terminal(-1));
}

TEST_CASE("use_color follows --color always and never whatever the output")
{
    const Pty pty;
    const Pipe pipe;
    const ScopedEnv no_color("NO_COLOR", "1");
    for (const int fd : {pty.terminal(), pipe.write_end()}) {
        CAPTURE(fd);
        CHECK(use_color(ColorMode::always, fd));
        CHECK_FALSE(use_color(ColorMode::never, fd));
    }
}

TEST_CASE("use_color automatic colours a terminal unless told not to")
{
    const Pty pty;
    const Pipe pipe;
    const ScopedEnv term("TERM", "xterm-256color");

    SUBCASE("a terminal")
    {
        const ScopedEnv no_color("NO_COLOR", nullptr);
        CHECK(use_color(ColorMode::automatic, pty.terminal()));
    }
    SUBCASE("not a terminal")
    {
        const ScopedEnv no_color("NO_COLOR", nullptr);
        CHECK_FALSE(use_color(ColorMode::automatic, pipe.write_end()));
    }
    SUBCASE("NO_COLOR set")
    {
        const ScopedEnv no_color("NO_COLOR", "1");
        CHECK_FALSE(use_color(ColorMode::automatic, pty.terminal()));
    }
    SUBCASE("NO_COLOR empty does not count")
    {
        const ScopedEnv no_color("NO_COLOR", "");
        CHECK(use_color(ColorMode::automatic, pty.terminal()));
    }
    SUBCASE("TERM=dumb")
    {
        const ScopedEnv no_color("NO_COLOR", nullptr);
        const ScopedEnv dumb("TERM", "dumb");
        CHECK_FALSE(use_color(ColorMode::automatic, pty.terminal()));
    }
}

TEST_CASE("terminal_width takes $COLUMNS, else the terminal's width")
{
    const Pty pty;
    winsize size{};
    size.ws_col = 97;
    size.ws_row = 20;
    REQUIRE(::ioctl(pty.terminal(), TIOCSWINSZ, &size) == 0);
    const Pipe pipe;
    SUBCASE("COLUMNS wins")
    {
        const ScopedEnv columns("COLUMNS", "61");
        CHECK(util::terminal_width(pty.terminal()) == 61);
        CHECK(util::terminal_width(pipe.write_end()) == 61);
    }
    SUBCASE("a terminal's own width, no limit for a pipe")
    {
        const ScopedEnv columns("COLUMNS", nullptr);
        CHECK(util::terminal_width(pty.terminal()) == 97);
        CHECK(util::terminal_width(pipe.write_end()) == std::nullopt);
    }
    SUBCASE("a COLUMNS that is not a positive number is ignored")
    {
        for (const char* value : {"", "0", "wide", "80x"}) {
            CAPTURE(value);
            const ScopedEnv columns("COLUMNS", value);
            CHECK(util::terminal_width(pty.terminal()) == 97);
        }
    }
}

TEST_SUITE_END();
