"""A stand-in for the part of GitHub's REST API that the perfgate action uses: issue comments.

Listens on 127.0.0.1 (port 0: a free one, printed on the first line of stdout), records every
request as a JSON line (method, path, body, the headers that matter) to --log, and answers like
GitHub: comments listed a page at a time with a `Link: <...>; rel="next"` header, created with
POST (201) and updated with PATCH (200). --fail-status answers every request with that status and
GitHub's error body instead. Exits by itself after --lifetime seconds, so a test that dies cannot
leave it behind.
"""

import argparse
import json
import re
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs, urlsplit

LIST_OR_CREATE = re.compile(r"^/repos/([^/]+)/([^/]+)/issues/(\d+)/comments$")
UPDATE = re.compile(r"^/repos/([^/]+)/([^/]+)/issues/comments/(\d+)$")


class State:
    def __init__(self, comments, page_size, fail_status, fail_message, log):
        self.comments = comments  # every comment of the one pull request, oldest first
        self.next_id = 1000 + len(comments)
        self.page_size = page_size
        self.fail_status = fail_status
        self.fail_message = fail_message
        self.log = log
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
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8") if length else ""
        with state.lock:
            with open(state.log, "a", encoding="utf-8") as log:
                log.write(json.dumps({
                    "method": method,
                    "path": self.path,
                    "body": body,
                    "authorization": self.headers.get("Authorization"),
                    "accept": self.headers.get("Accept"),
                    "api_version": self.headers.get("X-GitHub-Api-Version"),
                }) + "\n")
            if state.fail_status:
                self.reply(state.fail_status, {
                    "message": state.fail_message,
                    "documentation_url": "https://docs.github.com/rest",
                })
                return
            url = urlsplit(self.path)
            listing = LIST_OR_CREATE.match(url.path)
            update = UPDATE.match(url.path)
            if method == "GET" and listing:
                self.list_comments(state, url)
            elif method == "POST" and listing:
                self.create_comment(state, listing.group(3), body)
            elif method == "PATCH" and update:
                self.update_comment(state, int(update.group(3)), body)
            else:
                self.reply(404, {"message": "Not Found"})

    def list_comments(self, state, url):
        query = parse_qs(url.query)
        page = int(query.get("page", ["1"])[0])
        per_page = min(int(query.get("per_page", ["30"])[0]), state.page_size)
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
            "html_url": f"https://github.invalid/pull/{number}#issuecomment-{state.next_id}",
        }
        state.next_id += 1
        state.comments.append(comment)
        self.reply(201, comment)

    def update_comment(self, state, comment_id, body):
        text = self.comment_body(body)
        if text is None:
            return
        for comment in state.comments:
            if comment["id"] == comment_id:
                comment["body"] = text
                self.reply(200, comment)
                return
        self.reply(404, {"message": "Not Found"})

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
        data = json.dumps(document).encode("utf-8")
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
    parser.add_argument("--fail-status", type=int, default=0, help="answer every request so")
    parser.add_argument("--fail-message", default="Resource not accessible by integration")
    parser.add_argument("--lifetime", type=float, default=120, help="seconds before exiting")
    options = parser.parse_args()

    comments = []
    if options.comments:
        with open(options.comments, encoding="utf-8") as file:
            comments = json.load(file)
    server = HTTPServer(("127.0.0.1", 0), Handler)
    server.state = State(comments, options.page_size, options.fail_status, options.fail_message,
                         options.log)
    print(server.server_address[1], flush=True)
    timer = threading.Timer(options.lifetime, server.shutdown)
    timer.daemon = True
    timer.start()
    server.serve_forever()


if __name__ == "__main__":
    main()
