#!/bin/bash
# Create or update the one pull-request comment that carries the marker `<!-- perfgate -->`.
#
# usage: comment.sh BODY_FILE
# Environment: GITHUB_REPOSITORY (owner/name), PR_NUMBER, GITHUB_TOKEN, and GITHUB_API_URL
# (default https://api.github.com). Needs curl and jq.
# Prints the comment's html_url. Any HTTP status of 300 or more, or a request that fails, prints
# `perfgate comment: <METHOD> <URL> failed ...` to stderr and exits 1.
set -u

marker='<!-- perfgate -->'
api=${GITHUB_API_URL:-https://api.github.com}
api=${api%/}

die() {
  printf 'perfgate comment: %s\n' "$*" >&2
  exit 1
}

[ $# -eq 1 ] || die "usage: comment.sh BODY_FILE"
body_file=$1
[ -r "$body_file" ] || die "cannot read the comment body '$body_file'"
[ -n "${GITHUB_REPOSITORY:-}" ] || die "GITHUB_REPOSITORY is not set"
[ -n "${PR_NUMBER:-}" ] || die "PR_NUMBER is not set"
[ -n "${GITHUB_TOKEN:-}" ] || die "GITHUB_TOKEN is not set"
for tool in curl jq; do
  command -v "$tool" >/dev/null || die "'$tool' is needed but not installed"
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/perfgate-comment.XXXXXX") || die "cannot create a temporary folder"
trap 'rm -rf "$tmp"' EXIT

# request METHOD URL [JSON_FILE]: the answer's body in $tmp/body, its headers in $tmp/headers.
request() {
  local method=$1 url=$2 code message
  local args=(--silent --show-error --max-time 10 --request "$method"
    --header "Authorization: Bearer $GITHUB_TOKEN"
    --header "Accept: application/vnd.github+json"
    --header "X-GitHub-Api-Version: 2022-11-28"
    --dump-header "$tmp/headers" --output "$tmp/body" --write-out '%{http_code}')
  if [ $# -ge 3 ]; then
    args+=(--header "Content-Type: application/json" --data-binary "@$3")
  fi
  : >"$tmp/body"
  # Note: the token goes in a header, never in the URL, so it is not in any message below.
  code=$(curl "${args[@]}" "$url" 2>"$tmp/curl-error") ||
    die "$method $url failed: $(head -c 500 "$tmp/curl-error")"
  if [ "$code" -ge 300 ]; then
    message=$(jq -r '.message // empty' "$tmp/body" 2>/dev/null) || message=""
    [ -n "$message" ] || message=$(head -c 500 "$tmp/body")
    die "$method $url failed with HTTP $code: $message"
  fi
}

# The URL of the `rel="next"` page in the last answer's Link header, if any.
next_page() {
  tr -d '\r' <"$tmp/headers" | sed -n 's/^[Ll][Ii][Nn][Kk]:[[:space:]]*//p' | tr ',' '\n' |
    sed -n 's/^[[:space:]]*<\([^>]*\)>.*rel="next".*/\1/p' | head -n 1
}

url="$api/repos/$GITHUB_REPOSITORY/issues/$PR_NUMBER/comments?per_page=100"
id=""
pages=0
while [ -n "$url" ] && [ -z "$id" ]; do
  request GET "$url"
  id=$(jq -r --arg marker "$marker" \
    'first(.[] | select((.body // "") | startswith($marker)) | .id) // empty' "$tmp/body") ||
    die "GET $url: the answer is not a list of comments"
  url=$(next_page)
  pages=$((pages + 1))
  # The token goes only to the API it was given for, and a server that loops cannot hold us.
  case "$url" in
    "" | "$api"/*) ;;
    *) die "GET: the next page '$url' is not under $api" ;;
  esac
  [ "$pages" -lt 100 ] || die "GET: more than 100 pages of comments"
done

jq -n --rawfile body "$body_file" '{body: $body}' >"$tmp/request.json" ||
  die "cannot build the request from '$body_file'"
if [ -n "$id" ]; then
  request PATCH "$api/repos/$GITHUB_REPOSITORY/issues/comments/$id" "$tmp/request.json"
else
  request POST "$api/repos/$GITHUB_REPOSITORY/issues/$PR_NUMBER/comments" "$tmp/request.json"
fi
jq -r '.html_url // empty' "$tmp/body"
