"""The scheduler of a worker: the shared Redis queue, scrapy-redis's shared dupefilter,
JSON requests (never pickle) and in-flight sets (see ``queue`` and ``inflight``).

A callback's request marked ``SAME_WORKER`` is kept in this worker's memory instead,
and served first: it goes on work whose state is in this worker's memory (the CDX
walk of an archive listing). It counts as part of the in-flight entry that began that
work, so a worker that dies mid-way has the whole of it done again by another; and it
skips the shared dupefilter, so that other worker can read the same pages again.
"""

from collections import deque
from collections.abc import Callable
from typing import Any

from scrapy.core.scheduler import BaseScheduler

from govnews_crawler.distributed.inflight import PARENT, SAME_WORKER, TOKEN, in_flight
from govnews_crawler.distributed.profile import connect, worker_id
from govnews_crawler.distributed.queue import SharedQueue
from govnews_crawler.queues import codec

# PortalSpider's callbacks of listings, feeds and the archive's CDX pages.
LISTING_CALLBACKS = ("parse_listing", "parse_feed", "parse_cdx")


class Scheduler(BaseScheduler):
    def __init__(self, crawler) -> None:
        self.crawler, self.stats = crawler, crawler.stats
        self.server = connect(crawler.settings["REDIS_URL"], decode=False)
        self.server.ping()
        self.work = in_flight(crawler)
        self.work.finish = self._finished
        self.queue: SharedQueue
        self.df: Any = None  # scrapy-redis's RFPDupeFilter, made in open()
        self.methods: dict[str, Callable] = {}  # one bound method per callback name: see _shared
        self.kept: deque = deque()  # SAME_WORKER requests

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def open(self, spider):
        from scrapy_redis.dupefilter import RFPDupeFilter

        self.spider = spider
        self.queue = SharedQueue(self.server, spider.name, worker_id())
        self.df = RFPDupeFilter.from_spider(spider)
        if len(self.queue):
            spider.logger.info("joining the shared crawl (%d requests queued)", len(self.queue))

    def has_pending_requests(self) -> bool:
        return bool(self.kept) or len(self.queue) > 0

    def enqueue_request(self, request) -> bool:
        # A callback's request (PARENT), or a retry or redirect of a taken one (TOKEN).
        parent = request.meta.pop(PARENT, None) or request.meta.pop(TOKEN, None)
        request.meta.pop(TOKEN, None)
        if parent is not None and request.meta.get(SAME_WORKER):
            request.meta[TOKEN] = parent  # the parent's open work it was yielded as is now this request's
            self.kept.append(request)
            self.stats.inc_value("govnews/distributed/kept_on_worker")
            return True
        try:
            if not request.dont_filter and self.df.request_seen(request):
                self.df.log(request, self.spider)
                return False
            self.queue.push(codec.dumps(request, self.spider), request.priority)
            self.stats.inc_value("scheduler/enqueued/redis")
            return True
        finally:
            self.work.release(parent)

    def next_request(self):
        if self.kept:
            return self.kept.popleft()
        while (payload := self.queue.take()) is not None:
            try:
                request = codec.loads(payload, self.spider)
            except codec.RejectedPayload as problem:
                self.queue.done(payload)
                self.stats.inc_value("govnews/distributed/rejected_payloads")
                self.spider.logger.error("%s: rejected an entry of the shared queue (%s): %r", self.spider.name,
                                         problem, payload[:120])
                continue
            request.callback, request.errback = self._shared(request.callback), self._shared(request.errback)
            request.meta[TOKEN] = payload
            self.work.start(payload)
            self.stats.inc_value("scheduler/dequeued/redis")
            callback = getattr(request.callback, "__name__", "parse")
            if callback in LISTING_CALLBACKS:
                self.stats.inc_value("govnews/distributed/listing_requests_received")
            return request
        return None

    def _shared(self, method: Callable | None) -> Callable | None:
        """The one bound method of this name: Scrapy's per-callback checks are cached by
        callable (weakly), and a fresh bound method per request would have the engine
        parse the callback's source again for each response (3 ms a page)."""
        return None if method is None else self.methods.setdefault(method.__name__, method)

    def _finished(self, token: bytes) -> None:
        self.queue.done(token)
