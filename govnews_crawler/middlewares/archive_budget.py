"""Downloader middleware: the archive's rate limits, kept for the whole client.

The Internet Archive limits each client to about 30 CDX calls and 600 capture
(``id_``) fetches a minute, and blocks addresses that keep past them. Scrapy's
download slots are per crawler, so several spiders of a process (or several Redis
workers) would each take the full rate: this middleware waits before every archive
request until the shared budget has room (``WAYBACK_CDX_PER_WINDOW`` and
``WAYBACK_CAPTURES_PER_WINDOW`` per ``WAYBACK_WINDOW`` seconds, 80 % of the limits by
default), pauses all archive traffic after a 429 or 503 for ``Retry-After`` (60 s
when absent), and stops the archive part of the run after ``WAYBACK_MAX_429``
refusals within ``WAYBACK_429_WINDOW`` seconds. It runs before the retry middleware
sees the response (a higher order number), which then retries as usual.
"""

import asyncio
import logging
import time
from urllib.parse import urlsplit

from scrapy.exceptions import IgnoreRequest

from govnews_crawler.middlewares.retry import retry_after_seconds

log = logging.getLogger(__name__)
SLOT = "wayback"


class LocalLimiter:
    """Rolling windows and a pause shared by every spider of this process."""

    shared: dict[str, "LocalLimiter"] = {}

    def __init__(self, window: float):
        self.window = window
        self.sent: dict[str, list[float]] = {}
        self.paused_until = 0.0
        self.refusals: list[float] = []

    @classmethod
    def for_endpoint(cls, endpoint: str, window: float) -> "LocalLimiter":
        return cls.shared.setdefault(endpoint, cls(window))

    def wait(self, kind: str, limit: int) -> float:
        """Seconds to wait before a request of ``kind``; 0 means it was counted now."""
        now = time.monotonic()
        if self.paused_until > now:
            return self.paused_until - now
        sent = self.sent.setdefault(kind, [])
        sent[:] = [moment for moment in sent if moment > now - self.window]
        if len(sent) < limit:
            spacing = self.window / limit  # spread the budget over the window: no bursts
            if sent and now - sent[-1] < spacing:
                return spacing - (now - sent[-1])
            sent.append(now)
            return 0.0
        return sent[0] + self.window - now

    def pause(self, seconds: float) -> None:
        self.paused_until = max(self.paused_until, time.monotonic() + seconds)

    def refused(self, within: float, count: bool = True) -> int:
        """Record a refusal (unless ``count`` is false); the refusals within the last ``within`` seconds."""
        now = time.monotonic()
        self.refusals = [moment for moment in self.refusals if moment > now - within] + ([now] if count else [])
        return len(self.refusals)


def archive_kind(request) -> str | None:
    """'cdx' or 'capture' for a request to the archive, else None."""
    if request.meta.get("download_slot") != SLOT:
        return None
    return "cdx" if urlsplit(request.url).path.startswith("/cdx/") else "capture"


class ArchiveBudgetMiddleware:
    def __init__(self, crawler):
        settings = crawler.settings
        self.crawler = crawler
        window = settings.getfloat("WAYBACK_WINDOW")
        self.limits = {"cdx": settings.getint("WAYBACK_CDX_PER_WINDOW"),
                       "capture": settings.getint("WAYBACK_CAPTURES_PER_WINDOW")}
        self.default_pause = settings.getfloat("WAYBACK_PAUSE")
        self.max_refusals = settings.getint("WAYBACK_MAX_429")
        self.refusal_window = settings.getfloat("WAYBACK_429_WINDOW")
        endpoint = settings.get("WAYBACK_ENDPOINT")
        if settings.get("REDIS_URL"):
            from govnews_crawler.distributed.limiter import RedisLimiter
            self.limiter: LocalLimiter | RedisLimiter = RedisLimiter(settings.get("REDIS_URL"), endpoint, window)
        else:
            self.limiter = LocalLimiter.for_endpoint(endpoint, window)
        self.stopped = False

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    async def process_request(self, request):
        kind = archive_kind(request)
        if kind is None:
            return None
        stats = self.crawler.stats
        while True:
            if self.stopped or self.limiter.refused(self.refusal_window, count=False) >= self.max_refusals:
                stats.inc_value("govnews/archive/stopped_requests")
                raise IgnoreRequest(f"archive stopped after repeated 429s: {request.url}")
            wait = self.limiter.wait(kind, self.limits[kind])
            if not wait:
                stats.inc_value(f"govnews/archive/budget/{kind}")
                return None
            stats.inc_value("govnews/archive/budget/waits")
            await asyncio.sleep(min(wait, 1.0))

    def process_response(self, request, response):
        if archive_kind(request) is None or response.status not in (429, 503):
            return response
        wait = retry_after_seconds(response.headers.get("Retry-After"))
        wait = self.default_pause if wait is None else wait
        self.limiter.pause(wait)
        self.crawler.stats.inc_value(f"govnews/archive/refused/{response.status}")
        log.warning("the archive refused %s with %s: pausing all archive requests for %.0f s", request.url, response.status, wait)
        if response.status == 429 and self.limiter.refused(self.refusal_window) >= self.max_refusals and not self.stopped:
            self.stopped = True
            self.crawler.stats.set_value("govnews/archive/stopped", 1)
            log.error("the archive answered 429 %d times within %.0f s: stopping the archive part of the run "
                      "rather than risk a block of this address (lower WAYBACK_CAPTURES_PER_WINDOW / "
                      "WAYBACK_CDX_PER_WINDOW, or run later)", self.max_refusals, self.refusal_window)
        return response
