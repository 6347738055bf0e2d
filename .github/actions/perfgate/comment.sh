#!/bin/bash
# Create or update the one pull-request comment that carries the marker `<!-- perfgate -->` and
# was written by the action's own identity; nobody else's comment is ever edited (a reviewer who
# quotes the bot keeps their comment).
#
# usage: comment.sh [--token-stdin] BODY_FILE
# Environment: GITHUB_REPOSITORY (owner/name), PR_NUMBER, GITHUB_TOKEN (or, with --token-stdin,
# the token as the first line of standard input: then it is in no environment), GITHUB_API_URL
# (default https://api.github.com), and INPUT_COMMENT_AUTHOR: the login the token writes as
# (default github-actions[bot], the identity of Actions' own token). Needs curl and jq.
#
# Prints the comment's html_url. The token is never in a URL or on curl's command line. Every
# message goes to stderr with the API's words made inert for the Actions log (no workflow
# command, no control character). Exit codes: 0 posted; 1 failed (an HTTP status of 300 or more,
# a request that fails, an answer that is not what GitHub sends); 4 the token may not do this
# (HTTP 403 that is not a rate limit: a fork's read-only token, or no `pull-requests: write`).
set -u

marker='<!-- perfgate -->'
api=${GITHUB_API_URL:-https://api.github.com}
api=${api%/}
author=${INPUT_COMMENT_AUTHOR:-github-actions[bot]}
readonly exit_forbidden=4

# inert: stdin to stdout, made safe to print in an Actions log. Control characters become `?`;
# a line that could start a workflow command gets a leading `> ` (`::` after blanks, Unicode ones
# included: the runner trims those too), and `##[` (the older syntax, matched anywhere in a
# line) becomes `#-#[`.
inert() {
  LC_ALL=C sed -e 's/[[:cntrl:]]/?/g' -e 's/^[^[:alnum:][:punct:]]*::/> &/' -e 's/##\[/#-#[/g'
}

# die_with CODE MESSAGE: print MESSAGE on one line (a line break in it shown as `\n`, so that
# none of the API's words starts a line) and exit with CODE.
die_with() {
  local code=$1 message
  shift
  message=$*
  printf 'perfgate comment: %s\n' "${message//$'\n'/\\n}" | inert >&2
  exit "$code"
}

die() {
  die_with 1 "$@"
}

token_stdin=0
if [ "${1:-}" = --token-stdin ]; then
  token_stdin=1
  shift
fi
[ $# -eq 1 ] || die "usage: comment.sh [--token-stdin] BODY_FILE"
body_file=$1
[ -r "$body_file" ] || die "cannot read the comment body '$body_file'"
if [ "$token_stdin" -eq 1 ]; then
  IFS= read -r token || token=""
else
  token=${GITHUB_TOKEN:-}
fi
[ -n "$token" ] || die "GITHUB_TOKEN is not set"
case "$token" in
  *[[:cntrl:]]*) die "the token has a control character" ;;
esac
[[ "${GITHUB_REPOSITORY:-}" =~ ^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$ ]] ||
  die "GITHUB_REPOSITORY '${GITHUB_REPOSITORY:-}' is not owner/name"
[[ "${PR_NUMBER:-}" =~ ^[1-9][0-9]{0,9}$ ]] ||
  die "PR_NUMBER '${PR_NUMBER:-}' is not a pull request number"
for tool in curl jq; do
  command -v "$tool" >/dev/null || die "'$tool' is needed but not installed"
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/perfgate-comment.XXXXXX") || die "cannot create a temporary folder"
trap 'rm -rf "$tmp"' EXIT

# rate_limited: the last answer says a rate limit was hit (a 403 that is not about permission).
rate_limited() {
  tr -d '\r' <"$tmp/headers" | grep -qi '^x-ratelimit-remaining:[[:space:]]*0$' ||
    grep -qi 'rate limit' "$tmp/body"
}

# request METHOD URL [JSON_FILE]: the answer's body in $tmp/body, its headers in $tmp/headers.
request() {
  local method=$1 url=$2 code message
  local args=(--silent --show-error --max-time 10 --request "$method"
    --header @- --header "Accept: application/vnd.github+json"
    --header "X-GitHub-Api-Version: 2022-11-28"
    --dump-header "$tmp/headers" --output "$tmp/body" --write-out '%{http_code}')
  if [ $# -ge 3 ]; then
    args+=(--header "Content-Type: application/json" --data-binary "@$3")
  fi
  : >"$tmp/body"
  : >"$tmp/headers"
  # Note: the token reaches curl on its standard input (`--header @-`), never in its arguments
  # (which any process can read) nor in the URL, so it is in no message below either.
  code=$(curl "${args[@]}" "$url" 2>"$tmp/curl-error" <<<"Authorization: Bearer $token") ||
    die "$method $url failed: $(head -c 500 "$tmp/curl-error")"
  if [ "$code" -ge 300 ]; then
    message=$(jq -r '.message // empty | strings' "$tmp/body" 2>/dev/null) || message=""
    [ -n "$message" ] || message=$(head -c 500 "$tmp/body")
    message="$method $url failed with HTTP $code: $(printf '%s' "$message" | head -c 500)"
    if [ "$code" -eq 403 ] && ! rate_limited; then
      die_with "$exit_forbidden" "$message"
    fi
    die "$message"
  fi
}

# The URL of the `rel="next"` page in the last answer's Link header, if any.
next_page() {
  tr -d '\r' <"$tmp/headers" | sed -n 's/^[Ll][Ii][Nn][Kk]:[[:space:]]*//p' | tr ',' '\n' |
    sed -n 's/^[[:space:]]*<\([^>]*\)>.*rel="next".*/\1/p' | head -n 1
}

# Note: an answer must be exactly one JSON array of comments: an empty or garbled answer taken for
# "no comment yet" would post a second comment.
# shellcheck disable=SC2016 # jq's $marker, not the shell's
marked='def marked: (.body | strings | startswith($marker)) // false;'
url="$api/repos/$GITHUB_REPOSITORY/issues/$PR_NUMBER/comments?per_page=100"
id=""
others=0
pages=0
while [ -n "$url" ] && [ -z "$id" ]; do
  request GET "$url"
  jq -se 'length == 1 and (.[0] | type == "array" and all(.[]; type == "object"))' \
    "$tmp/body" >/dev/null 2>&1 || die "GET $url: the answer is not a list of comments"
  # Note: the first comment with the marker *and* the action's author: whoever else wrote one.
  id=$(jq -r --arg marker "$marker" --arg author "$author" "$marked"'
    first(.[] | select(marked and .user.login? == $author) | .id | tostring) // empty' \
    "$tmp/body") || die "GET $url: the answer is not a list of comments"
  others=$((others + $(jq --arg marker "$marker" --arg author "$author" "$marked"'
    [.[] | select(marked and .user.login? != $author)] | length' "$tmp/body")))
  url=$(next_page)
  pages=$((pages + 1))
  # The token goes only to the API it was given for, and a server that loops cannot hold us.
  case "$url" in
    "" | "$api"/*) ;;
    *) die "GET: the next page '$url' is not under $api" ;;
  esac
  [ "$pages" -lt 100 ] || die "GET: more than 100 pages of comments"
done
# The id goes into a URL: only a plain number may.
[ -z "$id" ] || [[ "$id" =~ ^[1-9][0-9]{0,18}$ ]] ||
  die "GET: the comment id '$id' is not a number"
if [ -z "$id" ] && [ "$others" -gt 0 ]; then
  printf 'perfgate comment: %d comment(s) with the marker not written by %s left alone; if the token writes as someone else, set the comment-author input\n' \
    "$others" "$author" | inert >&2
fi

# A text without the marker gets it: otherwise the next run would not find it and post another.
jq -n --rawfile body "$body_file" --arg marker "$marker" \
  '{body: (if $body | startswith($marker) then $body else $marker + "\n" + $body end)}' \
  >"$tmp/request.json" ||
  die "cannot build the request from '$body_file'"
if [ -n "$id" ]; then
  method=PATCH
  url="$api/repos/$GITHUB_REPOSITORY/issues/comments/$id"
else
  method=POST
  url="$api/repos/$GITHUB_REPOSITORY/issues/$PR_NUMBER/comments"
fi
request "$method" "$url" "$tmp/request.json"
# The URL ends up in the log and in $GITHUB_OUTPUT: one line of visible characters, or nothing.
html_url=$(jq -r 'select(type == "object") | .html_url | strings
  | select(test("\\Ahttps?://[!-~]+\\z"))' "$tmp/body" 2>/dev/null) || html_url=""
[ -n "$html_url" ] || die "$method $url: the answer has no html_url that is a URL"
printf '%s\n' "$html_url"
