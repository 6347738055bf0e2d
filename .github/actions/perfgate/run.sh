#!/bin/bash
# The perfgate action's one step (action.yml), kept in a script so tests can run it outside GitHub.
#
# Runs `perfgate run` with the action's inputs, appends the Markdown report to the job summary,
# creates or updates the pull request's perfgate comment (comment.sh), and exits with perfgate's
# exit code. A comment that cannot be posted fails the step loudly, but never hides the gate: the
# exit code is perfgate's when that is not 0, and 1 otherwise. A token that may not write comments
# (a fork's pull request) is not a failure: a warning and the job summary say so, and the step's
# result is the gate's.
#
# The token never reaches the benchmarks: it is taken out of the environment (this script runs
# itself again without it, so not even /proc/<pid>/environ shows it) and handed to comment.sh on
# its standard input.
#
# Environment (all optional):
#   INPUT_CONFIG, INPUT_BASELINE, INPUT_FAIL_ON, INPUT_AGAINST  perfgate's --config, --baseline,
#                   --fail-on and --against
#   INPUT_ARGS      more arguments for `perfgate run`, split like a shell would (quotes respected,
#                   nothing expanded)
#   INPUT_COMMENT   'true' (default) to post the comment on a pull request, 'false' not to
#   INPUT_COMMENT_AUTHOR  the login the token writes as (default github-actions[bot]); only its
#                   comments are ever edited
#   INPUT_COMMENT_FILE  post this file as the comment and run nothing (a workflow_run follow-up)
#   PERFGATE_BIN    the perfgate binary (default: perfgate on PATH)
#   PERFGATE_ACTION_STEP  'measure': run perfgate and write the comment's text and the job
#                   summary, post nothing (outputs exit-code, comment-file and report, the HTML
#                   report's path); 'comment': post PERFGATE_BODY, the text a measure step wrote,
#                   and exit as that step's PERFGATE_STATUS says; unset: both in one go
#   REPORT_URL      where the HTML report was uploaded (an artifact): linked under the comment
#   PR_NUMBER       the pull request; without it no comment is posted
#   GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_API_URL  for comment.sh
#   GITHUB_STEP_SUMMARY, GITHUB_OUTPUT, RUNNER_TEMP  set by GitHub Actions
set -u

# Note: the token is read and its descriptor closed before anything else runs.
if [ "${PERFGATE_ACTION_TOKEN_FD:-}" = 3 ]; then
  IFS= read -r token <&3 || true
  exec 3<&-
  unset PERFGATE_ACTION_TOKEN_FD
elif [ -n "${GITHUB_TOKEN:-}" ]; then
  token=$GITHUB_TOKEN
  without=()
  while IFS= read -r -d '' variable; do
    [[ "${variable#*=}" != *"$token"* ]] || without+=(-u "${variable%%=*}")
  done < <(env -0)
  exec env "${without[@]}" PERFGATE_ACTION_TOKEN_FD=3 bash "$0" 3<<<"$token"
else
  token=""
fi

here=$(cd "$(dirname "$0")" && pwd)
perfgate=${PERFGATE_BIN:-perfgate}
marker='<!-- perfgate -->'

# inert: stdin to stdout, made safe to print in an Actions log. Control characters become `?`;
# a line that could start a workflow command gets a leading `> ` (`::` after blanks, Unicode ones
# included: the runner trims those too), and `##[` (the older syntax, matched anywhere in a
# line) becomes `#-#[`.
inert() {
  LC_ALL=C sed -e 's/[[:cntrl:]]/?/g' -e 's/^[^[:alnum:][:punct:]]*::/> &/' -e 's/##\[/#-#[/g'
}

# annotate LEVEL MESSAGE: a `::error` or `::warning` annotation whose text is only text.
annotate() {
  local text
  text=$(printf '%s' "$2" | LC_ALL=C tr '\001-\037\177' '[?*]' | sed 's/##\[/#-#[/g')
  text=${text//%/%25}
  printf '::%s title=perfgate::%s\n' "$1" "$text" >&2
}

error() {
  annotate error "$*"
}

# set_output NAME VALUE: a step output, unless VALUE could add lines of its own.
set_output() {
  [ -n "${GITHUB_OUTPUT:-}" ] || return 0
  case "$2" in
    *[[:cntrl:]]*)
      annotate warning "the output $1 is not set: its value has a control character"
      return
      ;;
  esac
  printf '%s=%s\n' "$1" "$2" >>"$GITHUB_OUTPUT"
}

# post_comment BODY_FILE: comment.sh with the token on its standard input, its messages printed
# (made inert); its exit code in $comment_status (0 posted, 4 not allowed, else failed).
post_comment() {
  local errors url
  errors=$(mktemp "${TMPDIR:-/tmp}/perfgate-comment-errors.XXXXXX") || {
    comment_status=1
    error "cannot create a temporary file"
    return
  }
  url=$("$here/comment.sh" --token-stdin "$1" 2>"$errors" <<<"$token")
  comment_status=$?
  inert <"$errors" >&2
  if [ "$comment_status" -eq 0 ]; then
    printf 'perfgate comment: %s\n' "$url" | inert
    set_output comment-url "$url"
  elif [ "$comment_status" -ne 4 ]; then
    error "$(tail -n 1 -- "$errors")"
  fi
  rm -f -- "$errors"
}

# A follow-up workflow (workflow_run) only posts what the pull request's workflow wrote.
if [ -n "${INPUT_COMMENT_FILE:-}" ]; then
  if [ -z "${PR_NUMBER:-}" ]; then
    error "the comment-file input needs the pr-number input"
    exit 2
  fi
  post_comment "$INPUT_COMMENT_FILE"
  if [ "$comment_status" -eq 4 ]; then
    error "the token may not write comments: the job needs \`permissions: pull-requests: write\`"
  fi
  exit "$((comment_status == 0 ? 0 : 1))"
fi

# project_root CONFIG: the folder whose .perfgate/ perfgate writes to: that of the configuration
# file CONFIG, or of the first perfgate.toml found upwards, or the working folder (see
# core/workspace.hpp).
project_root() {
  local dir
  if [ -n "$1" ]; then
    dirname -- "$1"
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
    def attention: (.fails_gate // false) or .verdict == "regressed" or (.budget.breached // false);
    .totals as $t
    | [.benchmarks[] | select(attention)] as $rows
    | $marker,
      (if .gate.passed then "### perfgate: ✅ gate passed"
       elif .gate.exit_code == 3 then "### perfgate: 💥 broken run"
       else "### perfgate: ❌ gate FAILED (fail-on \(.gate.fail_on))" end),
      "",
      "\($t.regressed) regressed (\($t.warning) warning, \($t.critical) critical, \($t.blocker) blocker), \($t.unchanged) unchanged, \($t.improved) improved, \($t.inconclusive) inconclusive, \($t.new) new, \($t.missing) missing, \($t.failed) failed, \($t.budget_breaches) over budget",
      "",
      if ($rows | length) == 0 then "No regressions."
      else
        "| Benchmark | Metric | Change | Level |",
        "|---|---|--:|---|",
        ($rows[] | "| \(.id | cell) | \(.metric | cell) | \(.change | percent) | \(
          if .budget.breached // false then "over budget" elif .verdict == "inconclusive" then "inconclusive" else .level | cell end) |")
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

# measure: steps 1 to 3; sets $status (perfgate's exit code) and $body (the comment's file).
measure() {
  # 1. Run perfgate.
  arguments=(run)
  [ -z "${INPUT_CONFIG:-}" ] || arguments+=(--config "$INPUT_CONFIG")
  [ -z "${INPUT_BASELINE:-}" ] || arguments+=(--baseline "$INPUT_BASELINE")
  [ -z "${INPUT_FAIL_ON:-}" ] || arguments+=(--fail-on "$INPUT_FAIL_ON")
  [ -z "${INPUT_AGAINST:-}" ] || arguments+=(--against "$INPUT_AGAINST")
  if "$perfgate" run --help 2>/dev/null | grep -q -- '--format'; then
    arguments+=(--format "console,markdown,html")
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

  # The configuration perfgate reads: the last --config, whether from the config input or args.
  config=""
  for ((i = 1; i < ${#arguments[@]}; i++)); do
    case "${arguments[i]}" in
      --) break ;;
      --config) config=${arguments[i + 1]:-} ;;
      --config=*) config=${arguments[i]#--config=} ;;
    esac
  done
  last="$(project_root "$config")/.perfgate/last"
  last_before=$(readlink -- "$last" 2>/dev/null) || last_before=""
  summary_size_before=$(file_size "${GITHUB_STEP_SUMMARY:-}")

  {
    printf 'perfgate:'
    printf ' %q' "$perfgate" "${arguments[@]}"
    printf '\n'
  } | inert
  "$perfgate" "${arguments[@]}"
  status=$?
  printf 'perfgate exited with %d\n' "$status"
  set_output exit-code "$status"

  # 2. The comment: perfgate's comment.md, or one built here from comparison.json. A `last` left
  # over from an earlier run (perfgate stopped before running anything) is not this run's. Under
  # Actions the text stays in $RUNNER_TEMP (emptied after the job) for the comment-file output.
  if [ -n "${RUNNER_TEMP:-}" ] && [ -d "$RUNNER_TEMP" ]; then
    body=$(mktemp --suffix=.md "$RUNNER_TEMP/perfgate-comment.XXXXXX") ||
      exit "$((status != 0 ? status : 1))"
    set_output comment-file "$body"
  else
    body=$(mktemp "${TMPDIR:-/tmp}/perfgate-comment.XXXXXX") || exit "$((status != 0 ? status : 1))"
    trap 'rm -f "$body"' EXIT
  fi
  last_after=$(readlink -- "$last" 2>/dev/null) || last_after=""
  if [ -n "$last_after" ] && [ "$last_after" != "$last_before" ] && [ -f "$last/comment.md" ]; then
    cp -- "$last/comment.md" "$body"
  elif [ -n "$last_after" ] && [ "$last_after" != "$last_before" ] && [ -f "$last/comparison.json" ] &&
    command -v jq >/dev/null && fallback_comment "$last/comparison.json" >"$body"; then
    :
  else
    no_comparison_comment "$status" >"$body"
  fi

  # The HTML report of this run, for the workflow to upload.
  if [ -n "$last_after" ] && [ "$last_after" != "$last_before" ] && [ -f "$last/report.html" ]; then
    set_output report "$(cd -P -- "$last" && pwd)/report.html"
  fi

  # The workflow run, linked at the end of the comment (its log and any artifacts the workflow
  # uploads, such as .perfgate/last/report.html). Only well-formed values make a link.
  if [[ "${GITHUB_RUN_ID:-}" =~ ^[0-9]+$ && "${GITHUB_REPOSITORY:-}" =~ ^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$ &&
    "${GITHUB_SERVER_URL:-}" =~ ^https://[A-Za-z0-9.:-]+$ ]]; then
    printf '\n[Workflow run](%s/%s/actions/runs/%s)\n' \
      "$GITHUB_SERVER_URL" "$GITHUB_REPOSITORY" "$GITHUB_RUN_ID" >>"$body"
  fi

  # 3. The job summary, unless perfgate already wrote it (its github reporter does on Actions).
  if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
    if [ "$(file_size "$GITHUB_STEP_SUMMARY")" -eq "$summary_size_before" ]; then
      cat -- "$body" >>"$GITHUB_STEP_SUMMARY"
    fi
  fi
}

step=${PERFGATE_ACTION_STEP:-both}
case "$step" in
  both | measure | comment) ;;
  *)
    error "PERFGATE_ACTION_STEP must be measure or comment, not '$step'"
    exit 2
    ;;
esac

if [ "$step" = comment ]; then
  status=${PERFGATE_STATUS:-}
  body=${PERFGATE_BODY:-}
  if ! [[ "$status" =~ ^[0-9]+$ ]] || [ ! -f "$body" ]; then
    error "the comment step needs the measure step's exit code and comment file (got '$status' and '$body')"
    exit 1
  fi
else
  measure
  if [ "$step" = measure ]; then
    exit "$status"
  fi
fi

# The HTML report, when the workflow uploaded it. Only a well-formed address makes a link.
if [[ "${REPORT_URL:-}" =~ ^https://[A-Za-z0-9.:-]+/[A-Za-z0-9_./~-]+$ ]]; then
  printf '\n[HTML report](%s)\n' "$REPORT_URL" >>"$body"
fi

# 4. The pull request comment. A token that may not write comments does not change the step's
# result: a pull request from a fork gets a read-only one whatever the workflow asks for.
comment_failed=0
if [ "${INPUT_COMMENT:-true}" = true ] && [ -n "${PR_NUMBER:-}" ]; then
  post_comment "$body"
  if [ "$comment_status" -eq 4 ]; then
    reason="the pull request comment was not posted: the token may not write comments here (a pull request from a fork gets a read-only token; otherwise the job needs \`permissions: pull-requests: write\`). The step's result is the gate's; see \"Pull requests from forks\" in perfgate's README."
    annotate warning "$reason"
    if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
      printf '\n> **Note**\n> %s\n' "${reason^}" >>"$GITHUB_STEP_SUMMARY"
    fi
  elif [ "$comment_status" -ne 0 ]; then
    comment_failed=1
  fi
fi

if [ "$status" -ne 0 ]; then
  exit "$status"
fi
exit "$comment_failed"
