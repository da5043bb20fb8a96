"""A fake Internet Archive on loopback: the CDX API with resume keys and filters,
and ``/web/<timestamp>id_/<original>`` raw captures built from the platform fixtures.

Written from the archive's documented behaviour (rows sorted by address key and time,
``collapse`` on adjacent rows, ``showResumeKey``, the 7 default fields without ``fl``,
JSON or plain-text output), independently of the crawler's code.

With ``limits`` it enforces the archive's per-client rate limits as rolling windows
(e.g. ``{"cdx": 30, "capture": 600}`` per ``window`` seconds): a request past a limit
is answered 429 and counted in ``violations``.
"""

import json
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from govnews_crawler.devtools.loopback import AnsweringHandler, LoopbackServer


@dataclass
class FakeCapture:
    timestamp: str
    original: str
    file: Path | None = None  # the page's bytes; None with ``body``
    body: bytes = b""
    mimetype: str = "text/html"
    digest: str = ""
    answers: list[dict] = field(default_factory=list)  # per visit: status, headers, body; last repeats

    def key(self) -> str:
        parts = urlsplit(self.original)
        host = (parts.hostname or "").removeprefix("www.")
        return f"{host}{parts.path}{'?' + parts.query if parts.query else ''}".lower()

    def content(self) -> bytes:
        return self.file.read_bytes() if self.file else self.body


DEFAULT_FIELDS = ("urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length")
FIELD_VALUES: dict[str, Callable[[FakeCapture], str]] = {
    "timestamp": lambda c: c.timestamp, "original": lambda c: c.original, "statuscode": lambda c: "200",
    "mimetype": lambda c: c.mimetype, "digest": lambda c: c.digest, "urlkey": FakeCapture.key,
    "length": lambda c: str(len(c.content()))}


class FakeArchive(LoopbackServer):
    def __init__(self, captures: list[FakeCapture], cdx_answers: dict[str, list[bytes]] | None = None,
                 limits: dict[str, int] | None = None, window: float = 60.0):
        self.captures = sorted(captures, key=lambda c: (c.key(), c.timestamp))
        self.cdx_answers = cdx_answers or {}  # resumeKey ('' for the first page) -> bad answers served first
        self.requests: list[str] = []
        self.times: list[tuple[float, str]] = []  # (time.time(), target) of every request
        self.visits: dict[str, int] = {}
        self.limits = limits or {}
        self.window = window
        self.recent: dict[str, list[float]] = {}
        self.violations: list[str] = []
        self.lock = threading.Lock()
        super().__init__(AnsweringHandler)

    def over_limit(self, kind: str) -> bool:
        """Count this request in its rolling window; True (a violation) when past the limit."""
        if kind not in self.limits:
            return False
        with self.lock:
            now = time.monotonic()
            recent = self.recent.setdefault(kind, [])
            recent[:] = [moment for moment in recent if moment > now - self.window] + [now]
            return len(recent) > self.limits[kind]

    def answer(self, target: str) -> tuple[int, dict, bytes]:
        self.requests.append(target)
        self.times.append((time.time(), target))
        parts = urlsplit(target)
        kind = "cdx" if parts.path == "/cdx/search/cdx" else "capture" if parts.path.startswith("/web/") else ""
        if self.over_limit(kind):
            self.violations.append(target)
            return 429, {"Content-Type": "text/html"}, b"<html><body>429 Too Many Requests</body></html>"
        if parts.path == "/cdx/search/cdx":
            query = parse_qs(parts.query)
            kind_of = "application/json" if query.get("output") == ["json"] else "text/plain"
            return 200, {"Content-Type": kind_of}, self.cdx(query)
        if parts.path.startswith("/web/") and "id_/" in target:
            stamp, original = target.removeprefix("/web/").split("id_/", 1)
            return self.capture(stamp, original)
        return 404, {"Content-Type": "text/html"}, b"not here"

    def cdx(self, query: dict) -> bytes:
        resume = query.get("resumeKey", [""])[0]
        pending = self.cdx_answers.get(resume)
        if pending:
            return pending.pop(0)
        host = query["url"][0].removesuffix("/*").removeprefix("www.")
        rows = [c for c in self.captures if c.key().startswith(host + "/") or c.key() == host]
        if "from" in query:
            rows = [c for c in rows if c.timestamp >= query["from"][0].ljust(14, "0")]
        if "to" in query:
            rows = [c for c in rows if c.timestamp <= query["to"][0].ljust(14, "9")]
        for rule in query.get("filter", []):  # [!]field:regex, matched against the whole value
            negate, (name, _, pattern) = rule.startswith("!"), rule.removeprefix("!").partition(":")
            rows = [c for c in rows if bool(re.fullmatch(pattern, FIELD_VALUES[name](c))) != negate]
        collapse = query.get("collapse", [""])[0]
        field_name, _, length = collapse.partition(":")
        value = {"urlkey": FakeCapture.key, "digest": lambda c: c.digest,
                 "timestamp": lambda c: c.timestamp[: int(length or 14)]}.get(field_name)
        kept: list[FakeCapture] = []
        for capture in rows:  # collapse drops a row equal to the one before it in that field
            if kept and value and kept[-1].key() == capture.key() and value(kept[-1]) == value(capture):
                continue
            kept.append(capture)
        start = int(resume.removeprefix("k") or 0)
        limit = int(query.get("limit", ["1000"])[0])
        page = kept[start:start + limit]
        fields = query["fl"][0].split(",") if "fl" in query else list(DEFAULT_FIELDS)
        out = [[FIELD_VALUES[f](c) for f in fields] for c in page]
        more = start + limit < len(kept) and query.get("showResumeKey") == ["true"]
        if query.get("output") != ["json"]:  # plain text: no header row; a blank line before the resume key
            text = "".join(" ".join(row) + "\n" for row in out) + (f"\nk{start + limit}\n" if more else "")
            return text.encode()
        return json.dumps([fields, *out, *([[], [f"k{start + limit}"]] if more else [])]).encode()

    def capture(self, timestamp: str, original: str) -> tuple[int, dict, bytes]:
        for capture in self.captures:
            if capture.timestamp == timestamp and capture.original == original:
                visit = self.visits[f"{timestamp}/{original}"] = self.visits.get(f"{timestamp}/{original}", 0) + 1
                answer = capture.answers[min(visit, len(capture.answers)) - 1] if capture.answers else {}
                headers = {"Content-Type": f"{capture.mimetype}; charset=utf-8", **answer.get("headers", {})}
                return answer.get("status", 200), headers, answer.get("body", capture.content())
        return 404, {"Content-Type": "text/html"}, b"<html><body>Wayback Machine has not archived that URL.</body></html>"
