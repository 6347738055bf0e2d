"""A stand-in for the part of GitHub's REST API that the perfgate action uses: issue comments.

Listens on 127.0.0.1 (port 0: a free one, printed on the first line of stdout), records every
request as a JSON line (method, path, body, the headers that matter, and `exposed`: the processes
whose command line or environment holds the request's token while it is served: what any local
process, a benchmark left running included, could read) to --log, and answers like
GitHub: comments listed a page at a time with a `Link: <...>; rel="next"` header, created with
POST (201) and updated with PATCH (200), each comment with its author (`user.login`; --login is
the identity of the token). --fail-status answers the requests of --fail-methods with that status
and GitHub's error body (or --fail-body's bytes) instead, as a read-only token on a fork's pull
request or a rate limit would. To play a misbehaving API, --list-answer replaces every listing
with a file's bytes and --html-url the URL of what was written. Exits by itself after --lifetime
seconds, so a test that dies cannot leave it behind.
"""

import argparse
import json
import os
import re
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs, urlsplit

LIST_OR_CREATE = re.compile(r"^/repos/([^/]+)/([^/]+)/issues/(\d+)/comments$")
UPDATE = re.compile(r"^/repos/([^/]+)/([^/]+)/issues/comments/(\d+)$")


def exposed(authorization):
    """The processes ("PID cmdline" or "PID environ") whose command line or environment holds the
    token of the `Authorization: Bearer TOKEN` header."""
    token = (authorization or "").removeprefix("Bearer ").encode("utf-8")
    if len(token) < 8:
        return []
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        for part in ("cmdline", "environ"):
            try:
                with open(f"/proc/{pid}/{part}", "rb") as file:
                    if token in file.read():
                        found.append(f"{pid} {part}")
            except OSError:
                pass  # gone, or not ours to read
    return found


class State:
    def __init__(self, comments, options):
        self.comments = comments  # every comment of the one pull request, oldest first
        self.next_id = 1000 + len(comments)
        self.options = options
        self.lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    server_version = "fake-github/1"

    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        pass

    def do_GET(self):
        self.handle_request("GET")

    def do_POST(self):
        self.handle_request("POST")

    def do_PATCH(self):
        self.handle_request("PATCH")

    def handle_request(self, method):
        state = self.server.state
        options = state.options
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8") if length else ""
        with state.lock:
            with open(options.log, "a", encoding="utf-8") as log:
                log.write(json.dumps({
                    "method": method,
                    "path": self.path,
                    "body": body,
                    "authorization": self.headers.get("Authorization"),
                    "accept": self.headers.get("Accept"),
                    "api_version": self.headers.get("X-GitHub-Api-Version"),
                    "exposed": exposed(self.headers.get("Authorization")),
                }) + "\n")
            if options.fail_status and method in options.fail_methods.split(","):
                self.fail(options)
                return
            url = urlsplit(self.path)
            listing = LIST_OR_CREATE.match(url.path)
            update = UPDATE.match(url.path)
            if method == "GET" and url.path == "/user":
                # What GitHub answers an Actions token: it has no user to show.
                self.reply(403, {"message": "Resource not accessible by integration"})
            elif method == "GET" and listing:
                self.list_comments(state, url)
            elif method == "POST" and listing:
                self.create_comment(state, listing.group(3), body)
            elif method == "PATCH" and update:
                self.update_comment(state, int(update.group(3)), body)
            else:
                self.reply(404, {"message": "Not Found"})

    def fail(self, options):
        headers = {}
        if options.rate_limited:
            headers["X-RateLimit-Limit"] = "1000"
            headers["X-RateLimit-Remaining"] = "0"
        if options.fail_body:
            with open(options.fail_body, "rb") as file:
                self.reply_bytes(options.fail_status, file.read(), headers)
        else:
            self.reply(options.fail_status, {
                "message": options.fail_message,
                "documentation_url": "https://docs.github.com/rest",
            }, headers)

    def list_comments(self, state, url):
        if state.options.list_answer:
            with open(state.options.list_answer, "rb") as file:
                self.reply_bytes(200, file.read())
            return
        query = parse_qs(url.query)
        page = int(query.get("page", ["1"])[0])
        per_page = min(int(query.get("per_page", ["30"])[0]), state.options.page_size)
        start = (page - 1) * per_page
        headers = {}
        if start + per_page < len(state.comments):
            host = self.headers.get("Host")
            headers["Link"] = (f'<http://{host}{url.path}?per_page={per_page}&page={page + 1}>; '
                               f'rel="next", <http://{host}{url.path}?page=1>; rel="first"')
        self.reply(200, state.comments[start:start + per_page], headers)

    def create_comment(self, state, number, body):
        text = self.comment_body(body)
        if text is None:
            return
        comment = {
            "id": state.next_id,
            "body": text,
            "user": {"login": state.options.login, "type": "Bot"},
            "html_url": f"https://github.invalid/pull/{number}#issuecomment-{state.next_id}",
        }
        state.next_id += 1
        state.comments.append(comment)
        self.reply(201, self.shown(state, comment))

    def update_comment(self, state, comment_id, body):
        text = self.comment_body(body)
        if text is None:
            return
        for comment in state.comments:
            if comment["id"] == comment_id:
                if comment.get("user", {}).get("login") != state.options.login:
                    # GitHub lets no one but its author (or a maintainer) edit a comment.
                    self.reply(403, {"message": "Resource not accessible by integration"})
                    return
                comment["body"] = text
                self.reply(200, self.shown(state, comment))
                return
        self.reply(404, {"message": "Not Found"})

    @staticmethod
    def shown(state, comment):
        if state.options.html_url is None:
            return comment
        return dict(comment, html_url=state.options.html_url)

    def comment_body(self, body):
        try:
            text = json.loads(body)["body"]
        except (ValueError, KeyError, TypeError):
            text = None
        if not isinstance(text, str):
            self.reply(422, {"message": "Invalid request: 'body' wasn't supplied."})
            return None
        return text

    def reply(self, status, document, headers=None):
        self.reply_bytes(status, json.dumps(document).encode("utf-8"), headers)

    def reply_bytes(self, status, data, headers=None):
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--log", required=True, help="file to append one JSON line per request")
    parser.add_argument("--comments", help="JSON file: the pull request's existing comments")
    parser.add_argument("--page-size", type=int, default=100, help="most comments per page")
    parser.add_argument("--login", default="github-actions[bot]",
                        help="the identity of the token: the author of the comments it writes")
    parser.add_argument("--fail-status", type=int, default=0, help="answer requests so")
    parser.add_argument("--fail-methods", default="GET,POST,PATCH",
                        help="the methods --fail-status answers (comma-separated)")
    parser.add_argument("--fail-message", default="Resource not accessible by integration")
    parser.add_argument("--fail-body", help="file: the bytes of the error answer")
    parser.add_argument("--rate-limited", action="store_true",
                        help="send X-RateLimit-Remaining: 0 with the error")
    parser.add_argument("--list-answer", help="file: the bytes of every listing's 200 answer")
    parser.add_argument("--html-url", help="the html_url of every comment written")
    parser.add_argument("--lifetime", type=float, default=120, help="seconds before exiting")
    options = parser.parse_args()

    comments = []
    if options.comments:
        with open(options.comments, encoding="utf-8") as file:
            comments = json.load(file)
    server = HTTPServer(("127.0.0.1", 0), Handler)
    server.state = State(comments, options)
    print(server.server_address[1], flush=True)
    timer = threading.Timer(options.lifetime, server.shutdown)
    timer.daemon = True
    timer.start()
    server.serve_forever()


if __name__ == "__main__":
    main()
