"""Downloader middleware: retries that back off, and honour ``Retry-After``."""

import asyncio
import logging
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.utils.response import response_status_message

log = logging.getLogger(__name__)


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


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retry, waiting before each new try: ``Retry-After`` when the server
    sends it, else ``RETRY_BACKOFF_BASE * 2 ** tries``, never more than ``RETRY_BACKOFF_MAX``.
    Connection errors and timeouts back off the same way."""

    def __init__(self, settings):
        super().__init__(settings)
        self.backoff_base = settings.getfloat("RETRY_BACKOFF_BASE", 1.0)
        self.backoff_max = settings.getfloat("RETRY_BACKOFF_MAX", 60.0)

    async def process_response(self, request, response):
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        tries = request.meta.get("retry_times", 0)
        wait = retry_after_seconds(response.headers.get("Retry-After"))
        if wait is None:
            wait = self.backoff_base * 2**tries
        wait = min(wait, self.backoff_max)
        retry = self._retry(request, response_status_message(response.status))
        if retry is None:
            return response
        if response.status in (429, 503):
            who = "the archive" if request.meta.get("download_slot") == "wayback" else response.url.split("/")[2]
            log.warning("%s refused %s with %s; waiting %.1f s before retrying (try %d)",
                        who, request.url, response.status, wait, tries + 1)
            self.crawler.stats.inc_value(f"govnews/throttled/{response.status}")
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
