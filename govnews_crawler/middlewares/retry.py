"""Downloader middleware: retries that back off; a portal's ``Retry-After`` pauses every request to it."""

import asyncio
import logging
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.utils.response import response_status_message

from govnews_crawler.middlewares.slot_pause import SlotHolds

log = logging.getLogger(__name__)


def archive_request(request) -> bool:
    """A request to the Internet Archive (its own download slot)."""
    return request.meta.get("download_slot") == "wayback"


def retry_after_seconds(value: bytes | str | None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    return max(0.0, (moment - datetime.now(UTC)).total_seconds())


def throttled(response, retry_after: float | None) -> bool:
    """A 429, or a 503 that says when to come back: the host asks for fewer requests."""
    return response.status == 429 or (response.status == 503 and retry_after is not None)


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retry, waiting before each new try: ``RETRY_BACKOFF_BASE * 2 ** tries``,
    never more than ``RETRY_BACKOFF_MAX``. Connection errors and timeouts back off the same way.

    A portal's 429, or 503 with ``Retry-After``, holds its whole download slot (every
    request to that host, see ``slot_pause``) for ``Retry-After`` seconds (an HTTP date
    too), ``RETRY_AFTER_DEFAULT`` when absent, never more than ``RETRY_AFTER_MAX``. The
    hold starts on ``response_downloaded``, before the slot can send its next request; the
    refused request is retried after it. Archive requests wait one by one, as before:
    ``archive_budget`` pauses all archive traffic of the client."""

    def __init__(self, settings):
        super().__init__(settings)
        self.backoff_base = settings.getfloat("RETRY_BACKOFF_BASE", 1.0)
        self.backoff_max = settings.getfloat("RETRY_BACKOFF_MAX", 60.0)
        self.pause_default = settings.getfloat("RETRY_AFTER_DEFAULT", 60.0)
        self.pause_max = settings.getfloat("RETRY_AFTER_MAX", 300.0)
        self.holds = SlotHolds()

    @classmethod
    def from_crawler(cls, crawler):
        middleware = super().from_crawler(crawler)
        crawler.signals.connect(middleware.hold_slot, signal=signals.response_downloaded)
        return middleware

    def hold_slot(self, response, request, spider) -> None:
        """On a portal's throttling answer, hold its download slot (logged once per pause)."""
        retry_after = retry_after_seconds(response.headers.get("Retry-After"))
        if archive_request(request) or not throttled(response, retry_after):
            return
        downloader = self.crawler.engine.downloader
        key = self._slot_key(request)
        seconds = min(self.pause_default if retry_after is None else retry_after, self.pause_max)
        if self.holds.hold(downloader, key, seconds):
            self.crawler.stats.inc_value("govnews/slot_paused")
            log.warning("%s: %s answered %d to %s; holding every request to it for %.0f s (%s)",
                        spider.name, key, response.status, request.url, seconds,
                        "Retry-After" if retry_after is not None else "RETRY_AFTER_DEFAULT")

    def _slot_key(self, request) -> str:
        """The download slot the request goes through (its host, or the archive's slot)."""
        return self.crawler.engine.downloader.get_slot_key(request)

    async def process_response(self, request, response):
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        tries = request.meta.get("retry_times", 0)
        retry_after = retry_after_seconds(response.headers.get("Retry-After"))
        retry = self._retry(request, response_status_message(response.status))
        if retry is None:
            return response
        if response.status in (429, 503):
            self.crawler.stats.inc_value(f"govnews/throttled/{response.status}")
        if throttled(response, retry_after) and self.holds.remaining(self._slot_key(request)) > 0:
            return retry  # waits in the held slot
        wait = min(self.backoff_base * 2**tries if retry_after is None else retry_after, self.backoff_max)
        if response.status in (429, 503):
            who = "the archive" if archive_request(request) else urlsplit(response.url).netloc
            log.warning("%s refused %s with %s; waiting %.1f s before retrying (try %d)",
                        who, request.url, response.status, wait, tries + 1)
        await asyncio.sleep(wait)
        return retry

    async def process_exception(self, request, exception):
        if request.meta.get("dont_retry", False) or not isinstance(exception, self.exceptions_to_retry):
            return None
        tries = request.meta.get("retry_times", 0)
        retry = self._retry(request, exception)
        if retry is None:
            return None
        await asyncio.sleep(min(self.backoff_base * 2**tries, self.backoff_max))
        return retry
