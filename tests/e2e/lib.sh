# Shared helpers for the end-to-end tests: each test script runs the built perfgate binary
# (PERFGATE) in a fresh temporary directory and checks exit codes, output and files.
set -u
: "${PERFGATE:?set PERFGATE to the perfgate binary}"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/perfgate-e2e.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
cd "$WORK" || exit 1
failures=0
checks=0

# pg ARGS...: run perfgate; its exit code is in $status, its output in $WORK/out and $WORK/err.
pg() {
  "$PERFGATE" "$@" >"$WORK/out" 2>"$WORK/err" </dev/null
  status=$?
}

fail() {
  failures=$((failures + 1))
  printf 'FAIL: %s\n' "$*"
  printf -- '--- stdout:\n%s\n--- stderr:\n%s\n---\n' "$(head -c 3000 "$WORK/out" 2>/dev/null)" \
    "$(head -c 3000 "$WORK/err" 2>/dev/null)"
}

pass() {
  checks=$((checks + 1))
}

# expect_status N WHAT
expect_status() {
  if [ "$status" -eq "$1" ]; then pass; else fail "$2: exit code $status, expected $1"; fi
}

# expect_in FILE TEXT WHAT: FILE (out or err) contains the fixed string TEXT.
expect_in() {
  if grep -qF -- "$2" "$WORK/$1"; then pass; else fail "$3: std$1 lacks '$2'"; fi
}

# expect_not_in FILE TEXT WHAT
expect_not_in() {
  if grep -qF -- "$2" "$WORK/$1"; then fail "$3: std$1 has '$2'"; else pass; fi
}

# expect_eq ACTUAL EXPECTED WHAT
expect_eq() {
  if [ "$1" = "$2" ]; then pass; else fail "$3: got '$1', expected '$2'"; fi
}

# expect_true WHAT COMMAND...: the command succeeds.
expect_true() {
  local what=$1
  shift
  if "$@"; then pass; else fail "$what: '$*' failed"; fi
}

# json FILE FILTER: a jq query on a file, raw output.
json() {
  jq -r "$2" "$1"
}

# no_process PATTERN: no process whose command line matches PATTERN is left.
no_process() {
  ! pgrep -f -- "$1" >/dev/null
}

# require_tools TOOL...: skip the whole script (exit 77), naming what is missing, unless every TOOL
# is on PATH. `./build.sh test` installs them all (its test packages).
require_tools() {
  local tool missing=""
  for tool in "$@"; do
    command -v "$tool" >/dev/null || missing="$missing $tool"
  done
  if [ -n "$missing" ]; then
    printf 'SKIP: %s needs%s (./build.sh test installs it)\n' "$(basename "$0")" "$missing"
    exit 77
  fi
}

finish() {
  printf '%s: %d checks, %d failed\n' "$(basename "$0")" "$((checks + failures))" "$failures"
  [ "$failures" -eq 0 ]
}
