# --help, --version, progress output and colour.
. "$(dirname "$0")/lib.sh"
require_tools script

pg --help
expect_status 0 "--help"
expect_in out "Exit codes:" "--help lists the exit codes"
expect_in out "130  interrupted" "the exit codes are complete"
pg run --help
expect_status 0 "run --help"
expect_in out "--parameter-scan" "run --help shows hyperfine's flags"
expect_in out "3    benchmarks could not be measured" "run --help lists the exit codes"
pg --version
expect_status 0 "--version"
expect_true "--version prints a version" grep -qE '^[0-9]+\.[0-9]+\.[0-9]+$' "$WORK/out"

# Not a terminal: one plain line per finished benchmark, no escape codes anywhere.
pg run --runs 2 'true'
expect_in err "[1/1] true: 2 runs, median" "a plain progress line"
expect_true "no escape codes when not a terminal" sh -c "! grep -q \$(printf '\\033') '$WORK/out' '$WORK/err'"

# A terminal (through script(1)): bars and colour, and none of the colour with NO_COLOR.
script -qec "$PERFGATE run --runs 2 true" /dev/null >"$WORK/out" 2>&1
expect_true "colour on a terminal" grep -q "$(printf '\033')\[1m" "$WORK/out"
NO_COLOR=1 script -qec "$PERFGATE run --runs 2 true" /dev/null >"$WORK/out" 2>&1
expect_true "NO_COLOR turns colour off" sh -c "! grep -q \"\$(printf '\\033')\\[1m\" '$WORK/out'"
script -qec "$PERFGATE run --runs 2 --color never true" /dev/null >"$WORK/out" 2>&1
expect_true "--color never" sh -c "! grep -q \"\$(printf '\\033')\\[1m\" '$WORK/out'"

finish
