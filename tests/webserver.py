"""A loopback HTTP server for URL-ingest tests: real sockets, canned routes, redirects included."""

from __future__ import annotations

import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@contextmanager
def serving(handler: type[BaseHTTPRequestHandler], path: str = ""):
    """Run `handler` on a free loopback port in a thread; yields its base URL (plus `path`), and stops it afterwards."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{path}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def serve(routes: dict[str, tuple[int, dict[str, str], bytes]]):
    """Serve `path -> (status, headers, body)` on 127.0.0.1; yields the base URL."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's naming)
            status, headers, body = routes.get(self.path, (404, {"Content-Type": "text/plain"}, b"not found"))
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    with serving(Handler) as url:
        yield url


def _completion_chunks(content: str) -> list[dict]:
    """An OpenAI chat completion stream of `content`, word by word, as a real server sends it."""
    deltas = [{"role": "assistant", "content": ""}] + [{"content": (" " if i else "") + word} for i, word in enumerate(content.split(" "))]
    return [{"id": "chatcmpl-1", "object": "chat.completion.chunk", "created": 0, "model": "fake",
             "choices": [{"index": 0, "delta": delta, "finish_reason": None}]} for delta in deltas]


@contextmanager
def serve_openai(reply: str, behaviour: str = "ok"):
    """An OpenAI-compatible server on loopback that lists one model ("fake") and answers every chat request with `reply`,
    or misbehaves as real servers do: "hang" (never answers), "error" (HTTP 500), "empty" (an empty completion) or
    "half" (the reply stops mid-sentence: a stream closes without its end, a plain reply is cut). Yields the /v1 base URL."""
    import json
    import time

    stop = threading.Event()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _send(self, status: int, body: bytes, content_type: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):  # noqa: N802
            self._send(200, json.dumps({"object": "list", "data": [{"id": "fake", "object": "model"}]}).encode(), "application/json")

        def do_POST(self):  # noqa: N802
            request = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            if behaviour == "hang":
                stop.wait(120)
                return
            if behaviour == "error":
                self._send(500, b'{"error": {"message": "model crashed", "type": "server_error"}}', "application/json")
                return
            content = "" if behaviour == "empty" else reply[: len(reply) // 2] if behaviour == "half" else reply
            if request.get("stream"):
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Connection", "close")
                self.end_headers()
                for chunk in _completion_chunks(content):
                    self.wfile.write(b"data: " + json.dumps(chunk).encode() + b"\n\n")
                    self.wfile.flush()
                    time.sleep(0.005)
                if behaviour != "half":  # a half stream just closes: no finish_reason, no [DONE]
                    end = {"id": "chatcmpl-1", "object": "chat.completion.chunk", "created": 0, "model": "fake",
                           "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}
                    self.wfile.write(b"data: " + json.dumps(end).encode() + b"\n\ndata: [DONE]\n\n")
                self.close_connection = True
                return
            body = {"id": "chatcmpl-1", "object": "chat.completion", "created": 0, "model": "fake",
                    "choices": [{"index": 0, "message": {"role": "assistant", "content": content},
                                 "finish_reason": "length" if behaviour == "half" else "stop"}],
                    "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}
            self._send(200, json.dumps(body).encode(), "application/json")

        def log_message(self, *args):
            pass

    try:
        with serving(Handler, "/v1") as url:
            yield url
    finally:
        stop.set()
