"""A loopback HTTP server for saved sites: ``routes.json`` maps each address
(path and query) to a file, a status and optional headers.

Used by ``govnews demo`` (the bundled sample portal) and by the tests (the
platform fixtures), so crawls run through the real Scrapy engine with no network.
Only 127.0.0.1 is ever bound.
"""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

CONTENT_TYPES = {".html": "text/html; charset=utf-8", ".xml": "application/rss+xml; charset=utf-8",
                 ".json": "application/json", ".txt": "text/plain; charset=utf-8"}


class LoopbackServer:
    """An HTTP server on 127.0.0.1 in a background thread, as a context manager.
    ``handler_class`` gets this server as its ``site`` attribute."""

    def __init__(self, handler_class, port: int = 0):
        handler = type("Handler", (handler_class,), {"site": self})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


class SiteServer(LoopbackServer):
    """Serve a folder holding ``routes.json``."""

    def __init__(self, root: Path, port: int = 0, delay: float = 0.0):
        self.root = Path(root)
        self.delay = delay  # seconds before each answer: a slow server
        self.routes = json.loads((self.root / "routes.json").read_text(encoding="utf-8"))
        self.hits: dict[str, int] = {}
        super().__init__(AnsweringHandler, port)

    def answer(self, target: str) -> tuple[int, dict, bytes]:
        """Status, headers and body for a request target (path with query)."""
        if self.delay:
            time.sleep(self.delay)
        self.hits[target] = self.hits.get(target, 0) + 1
        route = self.routes.get(target)
        if route is None:
            return 404, {"Content-Type": "text/html; charset=utf-8"}, b"<html><body><h1>404</h1></body></html>"
        if isinstance(route, str):
            route = {"file": route}
        sequence = route.get("sequence")
        if sequence:  # a different answer on each visit, the last one repeated
            route = {**route, **sequence[min(self.hits[target], len(sequence)) - 1]}
        path = self.root / route["file"] if route.get("file") else None
        body = path.read_bytes() if path else route.get("body", "").encode("utf-8")
        default_type = CONTENT_TYPES.get(path.suffix if path else "", "text/html; charset=utf-8")
        headers = {"Content-Type": route.get("content_type") or default_type}
        headers.update(route.get("headers", {}))
        return route.get("status", 200), headers, body


class AnsweringHandler(BaseHTTPRequestHandler):
    """Answers with ``site.answer(path) -> (status, headers, body)``."""

    site: LoopbackServer

    def do_GET(self):
        status, headers, body = self.site.answer(self.path)
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        pass
