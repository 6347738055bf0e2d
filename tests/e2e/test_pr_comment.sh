# The GitHub action's shell (.github/actions/perfgate/run.sh and comment.sh) against a fake GitHub
# API on 127.0.0.1 (fake_github.py) that records every request: the PR comment is created once and
# then updated in place, found on a later page, only ever the action's own, not posted without a
# pull request; an API error fails loudly without hiding perfgate's exit code, a read-only token
# (a fork) leaves the result to the gate; the token reaches neither the benchmarks nor any
# process's command line; a misbehaving API cannot redirect a request, duplicate the comment,
# add step outputs or start workflow commands in the log.
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
[ -z "${FAKE_FORMAT:-}" ] || echo '<html>report</html>' >"$run/report.html"
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
             "unchanged": 1, "inconclusive": 0, "new": 0, "missing": 0, "failed": 0,
             "budget_breaches": 0},
  "gate": {"passed": false, "fail_on": "blocker", "failures": 1, "exit_code": 1},
  "benchmarks": [
    {"id": "suite/a|b <script>", "metric": "cpu_time", "verdict": "regressed", "level": "blocker",
     "change": 0.8123},
    {"id": "suite/steady", "metric": "cpu_time", "verdict": "regressed", "level": "warning",
     "change": 0.031},
    {"id": "suite/faster", "metric": "cpu_time", "verdict": "improved", "level": "none",
     "change": -0.2},
    {"id": "suite/same", "metric": "cpu_time", "verdict": "unchanged", "level": "none",
     "change": 0.001}
  ]
}
JSON
jq '.totals = {"regressed": 0, "warning": 0, "critical": 0, "blocker": 0, "improved": 0,
               "unchanged": 1, "inconclusive": 0, "new": 0, "missing": 0, "failed": 0,
               "budget_breaches": 0}
    | .gate = {"passed": true, "fail_on": "blocker", "failures": 0, "exit_code": 0}
    | .benchmarks = [.benchmarks[3]]' failed.json >passed.json

# The token: unique, so that finding it anywhere means it leaked from here.
token="ghs_e2e$$x${RANDOM}y${RANDOM}"

# action VAR=VALUE...: run.sh in project/ with the fake perfgate, a pull request and the fake
# GitHub; the assignments override. Exit code in $status, output in $WORK/out and $WORK/err.
# Note: run.sh starts with GITHUB_TOKEN in its environment, as the action's step does, but no
# other process of the test has it there or on its command line: `timeout` passes it on through
# a descriptor to the shell that becomes run.sh.
action() {
  rm -f "$WORK/summary.md" "$WORK/github-output"
  (cd "$WORK/project" && exec env -u GITHUB_EVENT_PATH -u GITHUB_TOKEN -u RUNNER_TEMP -u GITHUB_RUN_ID -u GITHUB_SERVER_URL \
    PERFGATE_BIN="$WORK/fake-perfgate" FAKE_ARGS="$WORK/args" FAKE_COMPARISON="$WORK/failed.json" \
    FAKE_EXIT=1 GITHUB_API_URL="$api" GITHUB_REPOSITORY=octo/repo PR_NUMBER=7 \
    GITHUB_STEP_SUMMARY="$WORK/summary.md" GITHUB_OUTPUT="$WORK/github-output" \
    INPUT_CONFIG= INPUT_BASELINE= INPUT_FAIL_ON= INPUT_ARGS= INPUT_COMMENT=true \
    INPUT_COMMENT_AUTHOR= INPUT_COMMENT_FILE= "$@" \
    timeout 60 bash -c 'IFS= read -r GITHUB_TOKEN <&4; exec 4<&-; export GITHUB_TOKEN; exec bash "$1"' \
    start "$action_dir/run.sh" 4<<<"$token") >"$WORK/out" 2>"$WORK/err" </dev/null
  status=$?
}

# comment VAR=VALUE... BODY_FILE: comment.sh driven directly, with GITHUB_TOKEN in its environment.
comment() {
  local body_file=${*: -1}
  (env GITHUB_API_URL="$api" GITHUB_REPOSITORY=octo/repo PR_NUMBER=7 GITHUB_TOKEN="$token" \
    "${@:1:$#-1}" timeout 60 bash "$action_dir/comment.sh" "$body_file") >out 2>err </dev/null
  status=$?
}

# token_exposed cmdline|environ: the processes whose command line or environment held the token
# while the fake GitHub served a request, one a line ("PID WHERE").
token_exposed() {
  [ -f "$requests" ] || return 0
  jq -r --arg where "$1" '.exposed[] | select(endswith(" " + $where))' "$requests"
}

# log_is_inert FILE: no line of FILE could start a workflow command or carries a control
# character; the only commands are run.sh's own annotations.
# Note: the runner trims Unicode blanks too before looking for `::`.
log_is_inert() {
  ! grep -v -e '^::error title=perfgate::' -e '^::warning title=perfgate::' "$1" |
    LC_ALL=C grep -q '^[^[:alnum:][:punct:]]*::' && ! grep -qF '##[' "$1" &&
    ! LC_ALL=C grep -q '[[:cntrl:]]' "$1"
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
expect_true "the counts" grep -qF '2 regressed (0 warning, 0 critical, 1 blocker), 1 unchanged, 1 improved' comment-1.md
expect_true "a regression, its name escaped for Markdown" \
  grep -qxF '| suite/a\|b &lt;script&gt; | cpu_time | +81.2% | blocker |' comment-1.md
expect_true "a regression below the gate's level" \
  grep -qxF '| suite/steady | cpu_time | +3.1% | warning |' comment-1.md
expect_true "no row for what did not regress" sh -c '! grep -qe faster -e same comment-1.md'
expect_eq "$(jq -r '.authorization + "," + .accept + "," + .api_version' "$requests" | sort -u)" \
  "Bearer $token,application/vnd.github+json,2022-11-28" "GitHub's headers on every request"
expect_eq "$(token_exposed cmdline)" "" "while curl runs, no process has the token on its command line"
expect_eq "$(token_exposed environ)" "" "nor in its environment"
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
expect_eq "$(cat args)" "$(printf '%s\n' run --format console,markdown,html --filter 'a b' -q)" \
  "--format console,markdown,html, and the args input split like a shell"
expect_eq "$(sent_body 5)" "$(cat comment-md.md)" "comment.md is the comment, byte for byte"
expect_true "and the job summary" cmp -s summary.md comment-md.md

# The workflow run is linked under the comment, from well-formed values only.
last_body() { sent_body "$(($(jq -s length "$requests") - 1))"; }
action FAKE_FORMAT=1 FAKE_COMMENT_MD="$WORK/comment-md.md" GITHUB_RUN_ID=42 \
  GITHUB_SERVER_URL=https://github.invalid
expect_eq "$(last_body | tail -n 1)" "[Workflow run](https://github.invalid/octo/repo/actions/runs/42)" \
  "the comment links the workflow run"
action FAKE_FORMAT=1 FAKE_COMMENT_MD="$WORK/comment-md.md" GITHUB_RUN_ID='42/../../x' \
  GITHUB_SERVER_URL=https://github.invalid
expect_eq "$(last_body)" "$(cat comment-md.md)" "a run id that is not a number links nothing"

# The action's three steps on GitHub: measure (posts nothing; names the comment's file and the
# HTML report), the report's upload, then comment (posts that file, linking the uploaded report).
mkdir runner-temp
posted=$(jq -s length "$requests")
action PERFGATE_ACTION_STEP=measure RUNNER_TEMP="$WORK/runner-temp" FAKE_FORMAT=1 \
  FAKE_COMMENT_MD="$WORK/comment-md.md"
expect_status 1 "the measure step exits with perfgate's code"
expect_eq "$(jq -s length "$requests")" "$posted" "the measure step posts nothing"
body=$(sed -n 's/^comment-file=//p' github-output)
report=$(sed -n 's/^report=//p' github-output)
expect_true "it names the comment's file" test -f "$body"
expect_true "and the HTML report by an absolute path" test "${report#/}" != "$report"
expect_eq "$(cat "$report")" "<html>report</html>" "the report of this run"
expect_in args "console,markdown,html" "an HTML report is asked for"
url=https://github.invalid/octo/repo/actions/runs/42/artifacts/7
action PERFGATE_ACTION_STEP=comment PERFGATE_STATUS=1 PERFGATE_BODY="$body" REPORT_URL="$url"
expect_status 1 "the comment step exits with the measure step's code"
expect_eq "$(jq -s length "$requests")" "$((posted + 2))" "the comment step posts (a lookup, an update)"
expect_eq "$(last_body | tail -n 1)" "[HTML report]($url)" "the comment links the HTML report"
expect_eq "$(last_body | head -n 1)" "$(head -n 1 comment-md.md)" "under the measured text"
cp comment-md.md body.md
action PERFGATE_ACTION_STEP=comment PERFGATE_STATUS=0 PERFGATE_BODY="$WORK/body.md" \
  REPORT_URL='https://github.invalid/x) [click](https://evil.invalid'
expect_status 0 "a passed gate and a posted comment"
expect_eq "$(last_body)" "$(cat comment-md.md)" "an address that is not plain links nothing"
action PERFGATE_ACTION_STEP=comment PERFGATE_STATUS= PERFGATE_BODY="$WORK/body.md"
expect_status 1 "a comment step without the measure step's exit code fails"
expect_in err "needs the measure step's exit code" "and says why"

action INPUT_ARGS="--filter 'unbalanced"
expect_status 2 "args that cannot be split"
expect_in err "cannot split the args input" "says so"

# 4. Pagination: the marker comment on page 2 is found, a quoted marker on page 1 is not it.
cat >comments.json <<JSON
[
  {"id": 1, "body": "LGTM", "user": {"login": "octocat"}, "html_url": "https://github.invalid/c/1"},
  {"id": 2, "body": "> $marker quoted", "user": {"login": "octocat"},
   "html_url": "https://github.invalid/c/2"},
  {"id": 3, "body": "$marker\nold", "user": {"login": "github-actions[bot]"},
   "html_url": "https://github.invalid/c/3"}
]
JSON
start_server --comments comments.json --page-size 2
printf '%s\nnew\n' "$marker" >body.md
comment body.md
expect_status 0 "comment.sh with two pages of comments"
expect_eq "$(received)" "$(printf '%s\n' 'GET /repos/octo/repo/issues/7/comments?per_page=100' \
  'GET /repos/octo/repo/issues/7/comments?per_page=2&page=2' \
  'PATCH /repos/octo/repo/issues/comments/3')" "follows rel=next and updates the comment on page 2"
expect_eq "$(sent_body 2)" "$(cat body.md)" "with the body file's text"
expect_eq "$(cat out)" "https://github.invalid/c/3" "prints the comment's html_url"

# 5. Only the action's own comment is edited: a user's comment that starts with the marker (the
# bot's text pasted in) is left alone, wherever it is.
cat >comments.json <<JSON
[
  {"id": 5, "body": "$marker\nI pasted the bot's text", "user": {"login": "octocat"},
   "html_url": "https://github.invalid/c/5"},
  {"id": 6, "body": "$marker\nthe bot's", "user": {"login": "github-actions[bot]"},
   "html_url": "https://github.invalid/c/6"}
]
JSON
start_server --comments comments.json
action FAKE_EXIT=0 FAKE_COMPARISON="$WORK/passed.json"
expect_status 0 "the user's comment comes first"
expect_eq "$(received | tail -n 1)" "PATCH /repos/octo/repo/issues/comments/6" \
  "the bot's comment is updated, not the user's"
jq '[.[0]]' comments.json >users-only.json
start_server --comments users-only.json
action FAKE_EXIT=0 FAKE_COMPARISON="$WORK/passed.json"
expect_status 0 "only a user's comment with the marker"
expect_eq "$(received | tail -n 1)" "POST /repos/octo/repo/issues/7/comments" \
  "a comment of the action's own is created; the user's is left alone"
expect_in err "1 comment(s) with the marker not written by github-actions[bot] left alone" \
  "and says why a comment with the marker was not reused"
# A personal or app token writes as someone else: the comment-author input names it.
jq '[.[0] | .user.login = "perf-bot"]' comments.json >perf-bot.json
start_server --comments perf-bot.json --login perf-bot
action FAKE_EXIT=0 FAKE_COMPARISON="$WORK/passed.json" INPUT_COMMENT_AUTHOR=perf-bot
expect_status 0 "comment-author"
expect_eq "$(received | tail -n 1)" "PATCH /repos/octo/repo/issues/comments/5" \
  "the comment of the named author is updated"
expect_true "GET /user, refused to Actions tokens, is never asked" sh -c '! grep -q "GET /user" "$0"' \
  "$requests"

# 6. No pull request (a push), or comment: false: the job summary only, no request at all.
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

# 7. An API error fails loudly, and never hides the gate.
start_server --fail-status 500 --fail-message "Server Error"
action
expect_status 1 "the gate failed and the comment too: perfgate's 1"
expect_in err "perfgate comment: GET $api/repos/octo/repo/issues/7/comments?per_page=100 failed with HTTP 500: Server Error" \
  "the method, URL, status and GitHub's message"
expect_in err "::error title=perfgate::perfgate comment: GET" "an error annotation"
expect_true "the job summary is still written" grep -qF 'gate FAILED' summary.md
expect_true "exit-code output" grep -qx 'exit-code=1' github-output
action FAKE_EXIT=0 FAKE_COMPARISON="$WORK/passed.json"
expect_status 1 "the gate passed but the comment failed: 1"
expect_in err "failed with HTTP 500" "says why"
action FAKE_EXIT=3
expect_status 3 "a broken run stays 3"
expect_not_in err "$token" "the token is never printed"
start_server --fail-status 401 --fail-message "Bad credentials"
action FAKE_EXIT=0 FAKE_COMPARISON="$WORK/passed.json"
expect_status 1 "a token GitHub does not know fails the step"

# A rate limit is not a lack of permission, though GitHub answers it with 403 too.
start_server --fail-status 403 --rate-limited --fail-message "API rate limit exceeded for installation ID 1."
action FAKE_EXIT=0 FAKE_COMPARISON="$WORK/passed.json"
expect_status 1 "a rate limit fails the step"
expect_not_in err "::warning" "no permission warning"
start_server --fail-status 403 --fail-message "You have exceeded a secondary rate limit. Please wait."
action FAKE_EXIT=0 FAKE_COMPARISON="$WORK/passed.json"
expect_status 1 "a secondary rate limit fails the step"

# A server that is not there: curl's error, within --max-time.
stop_server
action FAKE_EXIT=0 FAKE_COMPARISON="$WORK/passed.json"
expect_status 1 "no server"
expect_in err "perfgate comment: GET $api/repos/octo/repo/issues/7/comments?per_page=100 failed:" "curl's error"

# 8. A fork's pull request: the token may read but not write. The gate decides the step's
# result; a warning and the job summary say the comment was not posted.
start_server --fail-status 403 --fail-methods POST,PATCH
action FAKE_EXIT=0 FAKE_COMPARISON="$WORK/passed.json"
expect_status 0 "the gate passed: the step passes"
expect_eq "$(received | cut -d' ' -f1 | tr '\n' ' ')" "GET POST " "it tried"
expect_in err "::warning title=perfgate::the pull request comment was not posted: the token may not write comments here" \
  "a warning annotation"
expect_in err "failed with HTTP 403: Resource not accessible by integration" "with GitHub's answer"
expect_not_in err "::error" "no error annotation"
expect_true "the summary has the results" grep -qF 'gate passed' summary.md
expect_true "and says the comment was not posted" \
  grep -qF 'The pull request comment was not posted' summary.md
expect_true "and points to the fork workflow" grep -qF 'Pull requests from forks' summary.md
expect_true "no comment-url output" sh -c '! grep -q comment-url github-output'
action FAKE_EXIT=1
expect_status 1 "the gate failed: the step fails with the gate's code"
action FAKE_EXIT=3
expect_status 3 "a broken run: 3"
expect_true "the warning is there too" grep -qF 'the token may not write comments here' err

# 9. A misbehaving API cannot steer the action.
# A comment id that is not a number would send the PATCH elsewhere: nothing is sent.
cat >odd-id.json <<JSON
[{"id": "1/../../../../user", "body": "$marker\nold", "user": {"login": "github-actions[bot]"},
  "html_url": "https://github.invalid/c/1"}]
JSON
start_server --comments odd-id.json
action FAKE_EXIT=0 FAKE_COMPARISON="$WORK/passed.json"
expect_status 1 "a comment id that is not a number fails"
expect_eq "$(received)" "GET /repos/octo/repo/issues/7/comments?per_page=100" "no PATCH, no POST"
expect_in err "the comment id '1/../../../../user' is not a number" "says so"
# An empty or NUL-led 200 answer is not "no comment yet": no duplicate is posted.
: >empty-answer
printf '\0[]' >nul-answer
for answer in empty-answer nul-answer; do
  start_server --list-answer "$answer"
  action FAKE_EXIT=0 FAKE_COMPARISON="$WORK/passed.json"
  expect_status 1 "$answer: fails"
  expect_eq "$(received | cut -d' ' -f1 | tr '\n' ' ')" "GET " "$answer: no comment created"
  expect_in err "the answer is not a list of comments" "$answer: says so"
done
# An html_url with a line break would add lines to $GITHUB_OUTPUT.
start_server --html-url "$(printf 'https://github.invalid/c/1\nexit-code=0')"
action
expect_status 1 "a broken html_url: the gate's 1"
expect_eq "$(cat github-output)" "exit-code=1" "nothing but perfgate's exit code in the outputs"
expect_in err "the answer has no html_url that is a URL" "says so"
action FAKE_EXIT=0 FAKE_COMPARISON="$WORK/passed.json"
expect_status 1 "the comment's URL is broken: the step fails"
# An error body is printed, but cannot start a workflow command or carry control characters.
printf '  ::add-mask::oops\n::error::pwned\r\nsee ##[warning]x \033[31mred\a\n\t::set-output name=a::b\n\302\240::warning::nbsp\n' \
  >evil-body
start_server --fail-status 502 --fail-body evil-body
action FAKE_EXIT=0 FAKE_COMPARISON="$WORK/passed.json"
expect_status 1 "a non-JSON error body"
expect_in err "pwned" "the body is printed"
expect_true "as inert text" log_is_inert err
expect_true "stdout too" log_is_inert out
printf '{"message": "%s"}' '::error::pwned\n  ::stop-commands::x 100%0A ##[error]y \u001b[1m' >evil.json
start_server --fail-status 500 --fail-body evil.json
action FAKE_EXIT=0 FAKE_COMPARISON="$WORK/passed.json"
expect_status 1 "a JSON error message with commands in it"
expect_in err "pwned" "the message is printed"
expect_true "as inert text" log_is_inert err
expect_in err "100%250A" "a % in an annotation is escaped"

# 10. The follow-up of a fork's pull request (workflow_run): comment-file posts a file and runs
# nothing.
start_server
rm -f args
printf '%s\nfrom the pull request workflow\n' "$marker" >follow-up.md
action INPUT_COMMENT_FILE="$WORK/follow-up.md" PR_NUMBER=12
expect_status 0 "comment-file"
expect_true "perfgate did not run" test ! -e args
expect_eq "$(received)" "$(printf '%s\n' 'GET /repos/octo/repo/issues/12/comments?per_page=100' \
  'POST /repos/octo/repo/issues/12/comments')" "the file is posted on that pull request"
expect_eq "$(sent_body 1)" "$(cat follow-up.md)" "byte for byte"
expect_true "comment-url output" grep -qx 'comment-url=https://github.invalid/pull/12#issuecomment-1000' github-output
printf 'no marker\n' >no-marker.md
action INPUT_COMMENT_FILE="$WORK/no-marker.md" PR_NUMBER=12
expect_status 0 "a comment file without the marker"
expect_eq "$(sent_body 3)" "$(printf '%s\nno marker' "$marker")" \
  "gets it, so that the next run finds the comment"
expect_eq "$(received | tail -n 1)" "PATCH /repos/octo/repo/issues/comments/1000" "and updates it"
action INPUT_COMMENT_FILE="$WORK/follow-up.md" PR_NUMBER='7/../../x'
expect_status 1 "a pull request number that is not a number"
expect_in err "PR_NUMBER '7/../../x' is not a pull request number" "is refused"
expect_eq "$(received | wc -l)" "4" "before any request"
action INPUT_COMMENT_FILE="$WORK/follow-up.md" PR_NUMBER=
expect_status 2 "comment-file without a pull request"
start_server --fail-status 403 --fail-methods POST,PATCH
action INPUT_COMMENT_FILE="$WORK/follow-up.md" PR_NUMBER=12
expect_status 1 "comment-file: a token that may not write fails the follow-up, whose only job it is"
expect_in err "::error title=perfgate::the token may not write comments" "says what to grant"

# Under Actions, the comment's text stays in RUNNER_TEMP for the follow-up's artifact.
mkdir -p runner-temp
start_server
action RUNNER_TEMP="$WORK/runner-temp"
expect_status 1 "RUNNER_TEMP"
comment_file=$(sed -n 's/^comment-file=//p' github-output)
expect_true "comment-file output: a file in RUNNER_TEMP" test -f "$comment_file"
expect_eq "${comment_file%/*}" "$WORK/runner-temp" "under RUNNER_TEMP"
expect_true "holding the comment" cmp -s "$comment_file" summary.md

# 11. The real perfgate: its comparison.json makes the comment; a run that stops before measuring
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

# The configuration given in args (not the config input) is where the run's files are.
action PERFGATE_BIN="$PERFGATE" INPUT_ARGS="--config ../real/perfgate.toml --baseline base --runs 5 --quiet"
expect_status 0 "--config in args"
expect_true "the comparison is reported" grep -qF 'no op' summary.md
expect_true "not 'no baseline yet'" sh -c '! grep -qi "no baseline" summary.md'
action PERFGATE_BIN="$PERFGATE" INPUT_ARGS="--baseline base --runs 5 --quiet --config=../real/perfgate.toml"
expect_status 0 "--config=FILE in args"
expect_true "the comparison is reported" grep -qF 'no op' summary.md

# The benchmarks never see the token: not in their environment, nor in any process's environment
# or command line (their parent run.sh's included), though run.sh started with it in its own.
cat >snoop.sh <<SH
#!/bin/sh
env >"$WORK/snoop-env"
for file in /proc/[0-9]*/environ /proc/[0-9]*/cmdline; do
  cat "\$file" 2>/dev/null
  echo
done >"$WORK/snoop-processes"
SH
cat >real/snoop.toml <<TOML
[[benchmark]]
name = "snoop"
command = ["sh", "$WORK/snoop.sh"]
TOML
start_server
action PERFGATE_BIN="$PERFGATE" INPUT_CONFIG="$WORK/real/snoop.toml" INPUT_ARGS="--runs 2 --quiet"
expect_status 0 "a benchmark that looks for the token"
expect_true "it ran" test -s snoop-env
expect_true "it saw the action's other variables" grep -q '^GITHUB_REPOSITORY=octo/repo$' snoop-env
expect_true "it could read other processes" grep -q 'run\.sh' snoop-processes
expect_true "the token is not in its environment" sh -c '! grep -qF "$0" snoop-env' "$token"
expect_true "nor in any process's environment or command line" \
  sh -c '! grep -qF "$0" snoop-processes' "$token"
expect_eq "$(token_exposed cmdline)$(token_exposed environ)" "" "nor while the comment is posted"
expect_eq "$(received | cut -d' ' -f1 | tr '\n' ' ')" "GET POST " "the comment is posted with it"

stop_server
expect_true "the fake GitHub is gone" no_process "fake_github.py --log $WORK"
finish
