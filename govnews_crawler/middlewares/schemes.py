"""Downloader middleware: only ``http`` and ``https`` are ever requested.

A listing link to ``file://``, ``ftp://``, ``s3://`` or ``data:`` is refused before any
download handler sees it, counted as ``govnews/refused_scheme/<scheme>`` and logged
once per scheme and spider. (Scrapy's offsite middleware drops other hosts.)
"""

import logging
from urllib.parse import urlsplit

from scrapy.exceptions import IgnoreRequest

log = logging.getLogger(__name__)
ALLOWED = ("http", "https")


class HttpOnlyMiddleware:
    def __init__(self, stats):
        self.stats = stats
        self.logged: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)

    def process_request(self, request):
        scheme = urlsplit(request.url).scheme.lower()
        if scheme in ALLOWED:
            return None
        self.stats.inc_value(f"govnews/refused_scheme/{scheme or 'none'}")
        if scheme not in self.logged:
            self.logged.add(scheme)
            log.warning("refused a %s:// address (only http and https are fetched): %s", scheme, request.url[:200])
        raise IgnoreRequest(f"scheme {scheme!r} is not fetched")
