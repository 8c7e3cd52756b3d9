"""A real HTTP server on 127.0.0.1 for the policy-URL tests (no mocks): routes
map a path to (status, headers, body) or to a callable; every request is counted."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Route = tuple[int, dict[str, str], bytes]


@contextmanager
def serve(routes: dict[str, Route | Callable[[], Route]]) -> Iterator[tuple[str, Counter]]:
    """Serve ``routes`` on a free port; yields the base URL and the hit counter."""
    hits: Counter = Counter()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            hits[self.path] += 1
            route = routes.get(self.path)
            if route is None:
                status, headers, body = 404, {}, b"not found"
            else:
                status, headers, body = route() if callable(route) else route
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            if "Content-Length" not in headers:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", hits
    finally:
        server.shutdown()
        server.server_close()


def slow(seconds: float, route: Route) -> Callable[[], Route]:
    def answer() -> Route:
        time.sleep(seconds)
        return route

    return answer
