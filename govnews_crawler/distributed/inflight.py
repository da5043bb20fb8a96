"""When a request taken from the shared queue is finished, so it leaves the in-flight set.

A request is finished once everything it led to is safe: its callback's requests are
in the shared queue (or filtered as seen), its items went through the pipelines
(scraped, dropped or failed), or its retry or redirect is queued. Each taken request
counts its open work; at zero its entry leaves the in-flight set. A worker killed
before that leaves the entry behind, and another worker puts it back into the queue.
"""

from collections.abc import Callable
from weakref import WeakKeyDictionary

from scrapy import Request, signals
from scrapy.exceptions import NotConfigured
from scrapy.http import Response

TOKEN = "govnews_inflight"  # meta: the queue entry a request was taken as
PARENT = "govnews_inflight_parent"  # meta: the entry of the response that yielded it
# meta: True for a request whose callback reads what this worker's earlier callbacks
# collected in memory (an archive listing's next CDX page): a callback's such request
# stays on the worker, under the entry of the request that began that work.
SAME_WORKER = "govnews_same_worker"


class InFlight:
    """Open work per in-flight entry of one crawler."""

    def __init__(self) -> None:
        self.open: dict[bytes, int] = {}
        self.finish: Callable[[bytes], None] = lambda token: None

    def start(self, token: bytes) -> None:
        self.open[token] = 1  # the download and the callback

    def hold(self, token: bytes | None) -> None:
        if token in self.open:
            self.open[token] += 1

    def release(self, token: bytes | None) -> None:
        if token not in self.open:
            return
        self.open[token] -= 1
        if not self.open[token]:
            del self.open[token]
            self.finish(token)


_IN_FLIGHT: "WeakKeyDictionary[object, InFlight]" = WeakKeyDictionary()


def in_flight(crawler) -> InFlight:
    if crawler not in _IN_FLIGHT:
        _IN_FLIGHT[crawler] = InFlight()
    return _IN_FLIGHT[crawler]


def _token(response) -> bytes | None:
    return response.request.meta.get(TOKEN) if isinstance(response, Response) and response.request else None


class InFlightSpiderMiddleware:
    """Counts what a callback yields (outermost, so it sees what reaches the engine)."""

    def __init__(self, crawler) -> None:
        self.work = in_flight(crawler)

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.getbool("GOVNEWS_DISTRIBUTED"):
            raise NotConfigured
        middleware = cls(crawler)
        for signal in (signals.item_scraped, signals.item_dropped, signals.item_error):
            crawler.signals.connect(middleware.item_done, signal=signal)
        return middleware

    async def process_spider_output(self, response, result):
        token = _token(response)
        try:
            async for entry in result:
                if token is not None and entry is not None:
                    if isinstance(entry, Request):
                        entry.meta[PARENT] = token
                    self.work.hold(token)
                yield entry
        finally:
            self.work.release(token)

    def item_done(self, item, response, spider, **kwargs):
        self.work.release(_token(response))


class InFlightDownloaderMiddleware:
    """A download that failed for good (last in the exception chain) is finished:
    its errback only logs."""

    def __init__(self, crawler) -> None:
        self.work = in_flight(crawler)

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.getbool("GOVNEWS_DISTRIBUTED"):
            raise NotConfigured
        return cls(crawler)

    def process_exception(self, request, exception):
        self.work.release(request.meta.get(TOKEN))
