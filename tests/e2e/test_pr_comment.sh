# The GitHub action's shell (.github/actions/perfgate/run.sh and comment.sh) against a fake GitHub
# API on 127.0.0.1 (fake_github.py) that records every request: the PR comment is created once and
# then updated in place, found on a later page, not posted without a pull request, and an API
# error fails loudly without hiding perfgate's exit code.
. "$(dirname "$0")/lib.sh"

action_dir="$PERFGATE_SOURCE_DIR/.github/actions/perfgate"
python=/usr/bin/python3
marker='<!-- perfgate -->'
# Note: nothing here may go through a proxy, and a GitHub Actions job running these tests must not
# leak its own summary, outputs or repository into them.
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY GITHUB_ACTIONS
export no_proxy=127.0.0.1 NO_PROXY=127.0.0.1

server_pid=""
trap 'stop_server; rm -rf "$WORK"' EXIT

# start_server ARGS...: a fresh fake GitHub (fake_github.py's options); its URL in $api, its log of
# requests in $requests.
start_server() {
  stop_server
  servers=$((${servers:-0} + 1))
  requests="$WORK/requests-$servers.jsonl"
  : >"$WORK/port"
  "$python" "$PERFGATE_SOURCE_DIR/tests/e2e/fake_github.py" --log "$requests" --lifetime 120 "$@" \
    >"$WORK/port" 2>"$WORK/server-err" </dev/null &
  server_pid=$!
  for _ in $(seq 100); do
    [ -s "$WORK/port" ] && break
    sleep 0.1
  done
  api="http://127.0.0.1:$(head -n 1 "$WORK/port")"
  [ -s "$WORK/port" ] || fail "the fake GitHub did not start: $(cat "$WORK/server-err")"
}

stop_server() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null
    wait "$server_pid" 2>/dev/null
    server_pid=""
  fi
}

# The requests the fake GitHub received, one "METHOD PATH" a line.
received() {
  [ -f "$requests" ] || return 0
  jq -r '.method + " " + .path' "$requests"
}

# The comment text sent by request number N (from 0).
sent_body() {
  jq -js --argjson n "$1" '.[$n].body | fromjson | .body' "$requests"
}

# A stand-in for perfgate: `run --help` (mentioning --format when FAKE_FORMAT is set), and `run`
# that writes FAKE_COMPARISON (and FAKE_COMMENT_MD as comment.md) to a new run folder, points
# .perfgate/last at it, records its arguments and exits with FAKE_EXIT.
cat >fake-perfgate <<'SH'
#!/bin/bash
if [ "$*" = "run --help" ]; then
  echo "Usage: perfgate run [OPTIONS] [commands...]"
  [ -z "${FAKE_FORMAT:-}" ] || echo "  --format TEXT  Reports to write"
  exit 0
fi
printf '%s\n' "$@" >"$FAKE_ARGS"
run=".perfgate/runs/$(date +%s%N)"
mkdir -p "$run"
cp "$FAKE_COMPARISON" "$run/comparison.json"
[ -z "${FAKE_COMMENT_MD:-}" ] || cp "$FAKE_COMMENT_MD" "$run/comment.md"
ln -sfn "runs/${run##*/}" .perfgate/last
exit "$FAKE_EXIT"
SH
chmod +x fake-perfgate
mkdir project
touch project/perfgate.toml

cat >failed.json <<'JSON'
{
  "schema": "perfgate-comparison/1",
  "totals": {"regressed": 2, "warning": 0, "critical": 0, "blocker": 1, "improved": 1,
             "unchanged": 1, "underpowered": 0, "new": 0, "missing": 0, "failed": 0,
             "budget_breaches": 0},
  "gate": {"passed": false, "fail_on": "blocker", "failures": 1, "exit_code": 1},
  "benchmarks": [
    {"id": "suite/a|b <script>", "metric": "cpu_time", "verdict": "regressed", "level": "blocker",
     "change": 0.8123},
    {"id": "suite/steady", "metric": "cpu_time", "verdict": "regressed", "level": "none",
     "change": 0.031},
    {"id": "suite/faster", "metric": "cpu_time", "verdict": "improved", "level": "none",
     "change": -0.2},
    {"id": "suite/same", "metric": "cpu_time", "verdict": "unchanged", "level": "none",
     "change": 0.001}
  ]
}
JSON
jq '.totals = {"regressed": 0, "warning": 0, "critical": 0, "blocker": 0, "improved": 0,
               "unchanged": 1, "underpowered": 0, "new": 0, "missing": 0, "failed": 0,
               "budget_breaches": 0}
    | .gate = {"passed": true, "fail_on": "blocker", "failures": 0, "exit_code": 0}
    | .benchmarks = [.benchmarks[3]]' failed.json >passed.json

# action VAR=VALUE...: run.sh in project/ with the fake perfgate, a pull request and the fake
# GitHub; the assignments override. Exit code in $status, output in $WORK/out and $WORK/err.
action() {
  rm -f "$WORK/summary.md" "$WORK/github-output"
  (cd "$WORK/project" && env -u GITHUB_EVENT_PATH \
    PERFGATE_BIN="$WORK/fake-perfgate" FAKE_ARGS="$WORK/args" FAKE_COMPARISON="$WORK/failed.json" \
    FAKE_EXIT=1 GITHUB_API_URL="$api" GITHUB_REPOSITORY=octo/repo PR_NUMBER=7 \
    GITHUB_TOKEN=test-token GITHUB_STEP_SUMMARY="$WORK/summary.md" \
    GITHUB_OUTPUT="$WORK/github-output" INPUT_CONFIG= INPUT_BASELINE= INPUT_FAIL_ON= INPUT_ARGS= \
    INPUT_COMMENT=true "$@" timeout 60 bash "$action_dir/run.sh") >"$WORK/out" 2>"$WORK/err" </dev/null
  status=$?
}

# 1. The first run on a pull request creates the comment.
start_server
action INPUT_BASELINE=base INPUT_FAIL_ON=critical
expect_status 1 "the gate failed: run.sh exits with perfgate's code"
expect_eq "$(cat args)" "$(printf '%s\n' run --baseline base --fail-on critical)" \
  "perfgate gets the inputs (and no --format it does not know)"
expect_eq "$(received)" "$(printf '%s\n' 'GET /repos/octo/repo/issues/7/comments?per_page=100' \
  'POST /repos/octo/repo/issues/7/comments')" "lists the comments, then creates one"
expect_eq "$(sent_body 1 | head -n 1)" "$marker" "the comment starts with the marker"
sent_body 1 >comment-1.md
expect_true "the gate result" grep -qF 'gate FAILED (fail-on blocker)' comment-1.md
expect_true "the counts" grep -qF '2 regressed (0 warning, 0 critical, 1 blocker), 1 improved, 1 unchanged' comment-1.md
expect_true "a regression, its name escaped for Markdown" \
  grep -qxF '| suite/a\|b &lt;script&gt; | cpu_time | +81.2% | blocker |' comment-1.md
expect_true "a regression below warning" \
  grep -qxF '| suite/steady | cpu_time | +3.1% | below warning |' comment-1.md
expect_true "no row for what did not regress" sh -c '! grep -qe faster -e same comment-1.md'
expect_eq "$(jq -r '.authorization + "," + .accept + "," + .api_version' "$requests" | sort -u)" \
  "Bearer test-token,application/vnd.github+json,2022-11-28" "GitHub's headers on every request"
expect_true "the job summary is the comment" cmp -s summary.md comment-1.md
expect_true "output exit-code" grep -qx 'exit-code=1' github-output
expect_true "output comment-url" grep -qx 'comment-url=https://github.invalid/pull/7#issuecomment-1000' github-output
expect_in out "perfgate comment: https://github.invalid/pull/7#issuecomment-1000" "the URL is printed"

# 2. The second run updates the same comment: no second one.
action FAKE_COMPARISON="$WORK/passed.json" FAKE_EXIT=0
expect_status 0 "the gate passed"
expect_eq "$(received | tail -n +3)" "$(printf '%s\n' 'GET /repos/octo/repo/issues/7/comments?per_page=100' \
  'PATCH /repos/octo/repo/issues/comments/1000')" "finds the comment and updates it"
expect_eq "$(received | grep -c '^POST')" "1" "only the first run created a comment"
expect_true "the new text" sh -c 'jq -rs ".[3].body | fromjson | .body" "$0" | grep -qF "gate passed"' "$requests"
expect_true "no regressions" grep -qxF 'No regressions.' summary.md

# 3. perfgate's own comment.md is used as it is, with --format when perfgate knows it.
printf '%s\n## perfgate: from comment.md | a\\|b\n' "$marker" >comment-md.md
action FAKE_FORMAT=1 FAKE_COMMENT_MD="$WORK/comment-md.md" INPUT_ARGS="--filter 'a b' -q"
expect_status 1 "the gate failed"
expect_eq "$(cat args)" "$(printf '%s\n' run --format console,markdown --filter 'a b' -q)" \
  "--format console,markdown, and the args input split like a shell"
expect_eq "$(sent_body 5)" "$(cat comment-md.md)" "comment.md is the comment, byte for byte"
expect_true "and the job summary" cmp -s summary.md comment-md.md

action INPUT_ARGS="--filter 'unbalanced"
expect_status 2 "args that cannot be split"
expect_in err "cannot split the args input" "says so"

# 4. Pagination: the marker comment on page 2 is found, a quoted marker on page 1 is not it.
cat >comments.json <<JSON
[
  {"id": 1, "body": "LGTM", "html_url": "https://github.invalid/c/1"},
  {"id": 2, "body": "> $marker quoted", "html_url": "https://github.invalid/c/2"},
  {"id": 3, "body": "$marker\nold", "html_url": "https://github.invalid/c/3"}
]
JSON
start_server --comments comments.json --page-size 2
printf '%s\nnew\n' "$marker" >body.md
(env GITHUB_API_URL="$api" GITHUB_REPOSITORY=octo/repo PR_NUMBER=7 GITHUB_TOKEN=test-token \
  timeout 60 bash "$action_dir/comment.sh" body.md) >out 2>err </dev/null
status=$?
expect_status 0 "comment.sh with two pages of comments"
expect_eq "$(received)" "$(printf '%s\n' 'GET /repos/octo/repo/issues/7/comments?per_page=100' \
  'GET /repos/octo/repo/issues/7/comments?per_page=2&page=2' \
  'PATCH /repos/octo/repo/issues/comments/3')" "follows rel=next and updates the comment on page 2"
expect_eq "$(sent_body 2)" "$(cat body.md)" "with the body file's text"
expect_eq "$(cat out)" "https://github.invalid/c/3" "prints the comment's html_url"

# 5. No pull request (a push), or comment: false: the job summary only, no request at all.
start_server
action PR_NUMBER=
expect_status 1 "without a pull request, still perfgate's exit code"
expect_eq "$(received | wc -l)" "0" "no request to GitHub"
expect_true "the job summary is written" grep -qF 'gate FAILED' summary.md
expect_eq "$(head -n 1 summary.md)" "$marker" "the summary is the comment text"
expect_true "no comment-url output" sh -c '! grep -q comment-url github-output'
action INPUT_COMMENT=false FAKE_EXIT=0 FAKE_COMPARISON="$WORK/passed.json"
expect_status 0 "comment: false"
expect_eq "$(received | wc -l)" "0" "no request to GitHub either"

# 6. An API error fails loudly, and never hides the gate.
start_server --fail-status 403
action
expect_status 1 "the gate failed and the comment too: perfgate's 1"
expect_in err "perfgate comment: GET $api/repos/octo/repo/issues/7/comments?per_page=100 failed with HTTP 403: Resource not accessible by integration" \
  "the method, URL, status and GitHub's message"
expect_in err "::error title=perfgate::perfgate comment: GET" "an error annotation"
expect_true "the job summary is still written" grep -qF 'gate FAILED' summary.md
expect_true "exit-code output" grep -qx 'exit-code=1' github-output
action FAKE_EXIT=0 FAKE_COMPARISON="$WORK/passed.json"
expect_status 1 "the gate passed but the comment failed: 1"
expect_in err "failed with HTTP 403" "says why"
action FAKE_EXIT=3
expect_status 3 "a broken run stays 3"
expect_not_in err "test-token" "the token is never printed"

# A server that is not there: curl's error, within --max-time.
stop_server
action FAKE_EXIT=0 FAKE_COMPARISON="$WORK/passed.json"
expect_status 1 "no server"
expect_in err "perfgate comment: GET $api/repos/octo/repo/issues/7/comments?per_page=100 failed:" "curl's error"

# 7. The real perfgate: its comparison.json makes the comment; a run that stops before measuring
# does not post the previous run's results.
start_server
mkdir real
cat >real/perfgate.toml <<'TOML'
[gate]
fail_on = "never"

[[benchmark]]
name = "no op"
command = ["true"]
TOML
(cd real && "$PERFGATE" run --quiet --runs 5 --save-baseline base) >out 2>err </dev/null
status=$?
expect_status 0 "the baseline run"
action PERFGATE_BIN="$PERFGATE" INPUT_CONFIG="$WORK/real/perfgate.toml" INPUT_BASELINE=base \
  INPUT_ARGS="--runs 5 --filter 'no op' --quiet"
expect_status 0 "the real perfgate, compared with the baseline"
expect_eq "$(head -n 1 summary.md)" "$marker" "the summary starts with the marker"
expect_true "says the gate passed" grep -qi 'passed' summary.md
expect_eq "$(received | cut -d' ' -f1 | tr '\n' ' ')" "GET POST " "and posts it"
action PERFGATE_BIN="$PERFGATE" INPUT_CONFIG="$WORK/real/perfgate.toml" INPUT_ARGS="--no-such-flag"
expect_status 2 "a bad flag: perfgate's 2"
expect_true "the comment says so, not the last run's results" grep -qF 'exited with 2' summary.md
expect_true "no stale table" sh -c '! grep -qi "gate passed" summary.md'

stop_server
expect_true "the fake GitHub is gone" no_process "fake_github.py --log $WORK"
finish
