#!/bin/bash
# The perfgate action's one step (action.yml), kept in a script so tests can run it outside GitHub.
#
# Runs `perfgate run` with the action's inputs, appends the Markdown report to the job summary,
# creates or updates the pull request's perfgate comment, and exits with perfgate's exit code.
# A comment that cannot be posted fails the step loudly, but never hides the gate: the exit code
# is perfgate's when that is not 0, and 1 otherwise.
#
# Environment (all optional):
#   INPUT_CONFIG, INPUT_BASELINE, INPUT_FAIL_ON  perfgate's --config, --baseline and --fail-on
#   INPUT_ARGS      more arguments for `perfgate run`, split like a shell would (quotes respected,
#                   nothing expanded)
#   INPUT_COMMENT   'true' (default) to post the comment on a pull request, 'false' not to
#   PERFGATE_BIN    the perfgate binary (default: perfgate on PATH)
#   PR_NUMBER       the pull request; without it no comment is posted
#   GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_API_URL  for comment.sh
#   GITHUB_STEP_SUMMARY, GITHUB_OUTPUT               set by GitHub Actions
set -u

here=$(cd "$(dirname "$0")" && pwd)
perfgate=${PERFGATE_BIN:-perfgate}
marker='<!-- perfgate -->'

error() {
  printf '::error title=perfgate::%s\n' "$*" >&2
}

# The folder whose .perfgate/ perfgate writes to: that of the configuration file, or of the
# first perfgate.toml found upwards, or the working folder (see core/workspace.hpp).
project_root() {
  local dir
  if [ -n "${INPUT_CONFIG:-}" ]; then
    dirname -- "$INPUT_CONFIG"
    return
  fi
  dir=$PWD
  while :; do
    if [ -f "$dir/perfgate.toml" ]; then
      printf '%s\n' "$dir"
      return
    fi
    [ "$dir" != / ] || break
    dir=$(dirname -- "$dir")
  done
  printf '%s\n' "$PWD"
}

# The size of FILE in bytes, 0 when there is none.
file_size() {
  if [ -f "$1" ]; then wc -c <"$1"; else echo 0; fi
}

# fallback_comment COMPARISON_JSON: a minimal comment built from comparison.json, for a perfgate
# that does not write comment.md itself. User-supplied strings are escaped for Markdown tables.
fallback_comment() {
  jq -r --arg marker "$marker" '
    def cell: tostring | gsub("&"; "&amp;") | gsub("<"; "&lt;") | gsub(">"; "&gt;")
      | gsub("\\|"; "\\|") | gsub("[\r\n]+"; " ");
    def percent: if . == null then "-"
      else (. * 1000 | round / 10) as $p | (if $p > 0 then "+" else "" end) + ($p | tostring) + "%"
      end;
    def attention: .verdict == "regressed" or (.budget.breached // false);
    .totals as $t
    | [.benchmarks[] | select(attention)] as $rows
    | $marker,
      (if .gate.passed then "### perfgate: ✅ gate passed"
       elif .gate.exit_code == 3 then "### perfgate: 💥 broken run"
       else "### perfgate: ❌ gate FAILED (fail-on \(.gate.fail_on))" end),
      "",
      "\($t.regressed) regressed (\($t.warning) warning, \($t.critical) critical, \($t.blocker) blocker), \($t.improved) improved, \($t.unchanged) unchanged, \($t.underpowered) underpowered, \($t.new) new, \($t.missing) missing, \($t.failed) failed, \($t.budget_breaches) over budget",
      "",
      if ($rows | length) == 0 then "No regressions."
      else
        "| Benchmark | Metric | Change | Level |",
        "|---|---|--:|---|",
        ($rows[] | "| \(.id | cell) | \(.metric | cell) | \(.change | percent) | \(
          if .budget.breached // false then "over budget" elif .level == "none" then "below warning" else .level | cell end) |")
      end' "$1"
}

# no_comparison_comment STATUS: what is said when perfgate wrote no comparison at all.
no_comparison_comment() {
  printf '%s\n### perfgate: exited with %s\n\n' "$marker" "$1"
  case "$1" in
    0) printf 'Nothing was compared: there is no baseline yet.\n' ;;
    2) printf 'perfgate refused its input (bad flag, configuration or file); see the job log.\n' ;;
    3) printf 'The benchmarks could not be measured; see the job log.\n' ;;
    *) printf 'See the job log.\n' ;;
  esac
}

# 1. Run perfgate.
arguments=(run)
[ -z "${INPUT_CONFIG:-}" ] || arguments+=(--config "$INPUT_CONFIG")
[ -z "${INPUT_BASELINE:-}" ] || arguments+=(--baseline "$INPUT_BASELINE")
[ -z "${INPUT_FAIL_ON:-}" ] || arguments+=(--fail-on "$INPUT_FAIL_ON")
if "$perfgate" run --help 2>/dev/null | grep -q -- '--format'; then
  arguments+=(--format "console,markdown")
fi
if [ -n "${INPUT_ARGS:-}" ]; then
  # Note: xargs splits words as a shell does, quotes included, but expands nothing.
  if ! split=$(printf '%s' "$INPUT_ARGS" | xargs -r printf '%s\0' 2>&1 >/dev/null) || [ -n "$split" ]; then
    error "cannot split the args input '$INPUT_ARGS': $split"
    exit 2
  fi
  mapfile -d '' -t extra < <(printf '%s' "$INPUT_ARGS" | xargs -r printf '%s\0')
  arguments+=("${extra[@]}")
fi

last="$(project_root)/.perfgate/last"
last_before=$(readlink -- "$last" 2>/dev/null) || last_before=""
summary_size_before=$(file_size "${GITHUB_STEP_SUMMARY:-}")

printf 'perfgate:'
printf ' %q' "$perfgate" "${arguments[@]}"
printf '\n'
"$perfgate" "${arguments[@]}"
status=$?
printf 'perfgate exited with %d\n' "$status"
[ -z "${GITHUB_OUTPUT:-}" ] || printf 'exit-code=%d\n' "$status" >>"$GITHUB_OUTPUT"

# 2. The comment: perfgate's comment.md, or one built here from comparison.json. A `last` left
# over from an earlier run (perfgate stopped before running anything) is not this run's.
body=$(mktemp "${TMPDIR:-/tmp}/perfgate-comment.XXXXXX") || exit "$((status != 0 ? status : 1))"
trap 'rm -f "$body"' EXIT
last_after=$(readlink -- "$last" 2>/dev/null) || last_after=""
if [ -n "$last_after" ] && [ "$last_after" != "$last_before" ] && [ -f "$last/comment.md" ]; then
  cp -- "$last/comment.md" "$body"
elif [ -n "$last_after" ] && [ "$last_after" != "$last_before" ] && [ -f "$last/comparison.json" ] &&
  command -v jq >/dev/null && fallback_comment "$last/comparison.json" >"$body"; then
  :
else
  no_comparison_comment "$status" >"$body"
fi

# 3. The job summary, unless perfgate already wrote it (its github reporter does on Actions).
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  if [ "$(file_size "$GITHUB_STEP_SUMMARY")" -eq "$summary_size_before" ]; then
    cat -- "$body" >>"$GITHUB_STEP_SUMMARY"
  fi
fi

# 4. The pull request comment.
comment_failed=0
if [ "${INPUT_COMMENT:-true}" = true ] && [ -n "${PR_NUMBER:-}" ]; then
  errors=$(mktemp "${TMPDIR:-/tmp}/perfgate-comment-errors.XXXXXX") || exit "$((status != 0 ? status : 1))"
  trap 'rm -f "$body" "$errors"' EXIT
  if url=$("$here/comment.sh" "$body" 2>"$errors"); then
    printf 'perfgate comment: %s\n' "$url"
    [ -z "${GITHUB_OUTPUT:-}" ] || printf 'comment-url=%s\n' "$url" >>"$GITHUB_OUTPUT"
  else
    comment_failed=1
    cat -- "$errors" >&2
    error "$(tail -n 1 -- "$errors")"
  fi
fi

if [ "$status" -ne 0 ]; then
  exit "$status"
fi
exit "$comment_failed"
