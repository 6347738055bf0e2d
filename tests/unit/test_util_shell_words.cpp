#include <util/shell_words.hpp>

#include "test_support.hpp"
#include <doctest/doctest.h>

#include <string>
#include <vector>

TEST_SUITE_BEGIN("util_shell_words");

using namespace perfgate;
using perfgate::test::error_of;
using util::join_shell_words;
using util::needs_shell;
using util::split_shell_words;
using Words = std::vector<std::string>;

TEST_CASE("split_shell_words separates words on whitespace")
{
    SUBCASE("spaces and tabs, repeated and at the ends")
    {
        CHECK(split_shell_words("sleep 0.1") == Words{"sleep", "0.1"});
        CHECK(split_shell_words("  a   b\tc\t\td  ") == Words{"a", "b", "c", "d"});
        CHECK(split_shell_words("a\nb") == Words{"a", "b"});
    }
    SUBCASE("nothing but whitespace")
    {
        CHECK(split_shell_words("").empty());
        CHECK(split_shell_words(" \t ").empty());
    }
    SUBCASE("no expansion of any kind")
    {
        CHECK(split_shell_words("echo $HOME *.txt ~") == Words{"echo", "$HOME", "*.txt", "~"});
    }
}

TEST_CASE("split_shell_words groups quoted text")
{
    SUBCASE("single quotes keep everything literally")
    {
        CHECK(split_shell_words("echo 'a  b' c") == Words{"echo", "a  b", "c"});
        CHECK(split_shell_words(R"('a\b "c" $d')") == Words{R"(a\b "c" $d)"});
    }
    SUBCASE("double quotes")
    {
        CHECK(split_shell_words(R"(echo "a  b")") == Words{"echo", "a  b"});
        CHECK(split_shell_words(R"("it's")") == Words{"it's"});
    }
    SUBCASE("a backslash in double quotes escapes only $ ` \" and \\")
    {
        CHECK(split_shell_words(R"("\$x \" \\ \`")") == Words{R"($x " \ `)"});
        CHECK(split_shell_words(R"("a\nb \c")") == Words{R"(a\nb \c)"});
    }
    SUBCASE("quoted parts join the word around them")
    {
        CHECK(split_shell_words(R"(--name='a b'"c d"e)") == Words{"--name=a bc de"});
    }
    SUBCASE("empty quotes make an empty word")
    {
        CHECK(split_shell_words("a '' \"\" b") == Words{"a", "", "", "b"});
    }
}

TEST_CASE("split_shell_words treats a backslash outside quotes as an escape")
{
    CHECK(split_shell_words(R"(a\ b c)") == Words{"a b", "c"});
    CHECK(split_shell_words(R"(\'x\" \\)") == Words{R"('x")", R"(\)"});
    SUBCASE("a trailing backslash stays")
    {
        CHECK(split_shell_words(R"(a\)") == Words{R"(a\)"});
    }
}

TEST_CASE("split_shell_words rejects an unterminated quote")
{
    SUBCASE("single")
    {
        const Error error = error_of([] { split_shell_words("echo 'abc"); });
        CHECK(error.code() == ExitCode::usage);
        CHECK(std::string(error.what()) == "unterminated ' quote in command 'echo 'abc'");
    }
    SUBCASE("double")
    {
        const Error error = error_of([] { split_shell_words(R"(echo "abc)"); });
        CHECK(error.code() == ExitCode::usage);
        CHECK(std::string(error.what()) == R"(unterminated " quote in command 'echo "abc')");
    }
    SUBCASE("double, its closing quote escaped")
    {
        const Error error = error_of([] { split_shell_words(R"("abc\")"); });
        CHECK(error.code() == ExitCode::usage);
    }
}

TEST_CASE("needs_shell spots shell syntax")
{
    for (const std::string command :
         {"a | b",      "a > out.txt", "a < in.txt", "a 2>&1",     "a && b",      "a; b",    "a &",
          "echo $HOME", "echo `date`", "(cd x)",     "ls *.txt",   "ls file?",    "ls [ab]", "ls ~",
          "echo {a,b}", "echo 'x'",    "echo \"x\"", "echo a\\ b", "a # comment", "a\nb"}) {
        CAPTURE(command);
        CHECK(needs_shell(command));
    }
}

TEST_CASE("needs_shell spots what only a shell understands as the first word")
{
    for (const std::string command : {"VAR=1 cmd",
                                      "  VAR=1 cmd",
                                      "cd /tmp",
                                      "export X",
                                      "source env.sh",
                                      ". env.sh",
                                      "exec sleep 1",
                                      "ulimit -n 100",
                                      "! false"}) {
        CAPTURE(command);
        CHECK(needs_shell(command));
    }
}

TEST_CASE("needs_shell leaves plain commands alone")
{
    for (const std::string command : {"sleep 0.1",
                                      "  sleep\t0.1  ",
                                      "./bench --flag=value",
                                      "grep -c x file.txt",
                                      "cdrom-tool /tmp",
                                      "tar -C /tmp -xf a.tar",
                                      "",
                                      "   "}) {
        CAPTURE(command);
        CHECK_FALSE(needs_shell(command));
    }
}

TEST_CASE("join_shell_words quotes only what needs it")
{
    CHECK(join_shell_words({"sleep", "0.1"}) == "sleep 0.1");
    CHECK(join_shell_words({"./bench", "--flag=value"}) == "./bench --flag=value");
    CHECK(join_shell_words({"echo", "a b"}) == "echo 'a b'");
    CHECK(join_shell_words({"echo", ""}) == "echo ''");
    CHECK(join_shell_words({"it's"}) == R"('it'\''s')");
    CHECK(join_shell_words({}).empty());
}

TEST_CASE("join_shell_words round-trips through split_shell_words")
{
    const std::vector<Words> cases{
        {"sleep", "0.1"},
        {"echo", "a b", "c\td"},
        {"echo", "it's", R"("quoted")", "mixed 'single' and \"double\""},
        {"printf", "", "x", ""},
        {"echo", "$HOME", "${X}", "`date`", "$(id)"},
        {"echo", R"(back\slash)", R"(\)", R"(\\)", "trailing\\"},
        {"ls", "*.txt", "a?b", "[x]", "~", "#"},
        {"sh", "-c", "a | b > c; d && e"},
        {"echo", "new\nline"},
        {"'", "\"", "''"},
    };
    for (const auto& argv : cases) {
        const std::string line = join_shell_words(argv);
        CAPTURE(line);
        CHECK(split_shell_words(line) == argv);
    }
}

TEST_SUITE_END();
