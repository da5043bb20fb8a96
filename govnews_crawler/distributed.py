"""Crawling on several machines: scrapy-redis's scheduler and dupefilter, shared state.

Switched on by ``REDIS_URL`` (``-s REDIS_URL=redis://host:6379/0``) or the
``GOVNEWS_REDIS_URL`` environment variable, through the ``RedisProfile`` add-on:

- scrapy-redis's ``Scheduler`` and ``RFPDupeFilter`` with ``SCHEDULER_PERSIST``: the
  workers pop one shared queue and no URL is fetched twice;
- the incremental state in Redis (``RedisStateStore``): no article is exported twice;
- ``RedisWorkers``: each worker's heartbeat; an idle worker waits while others work,
  and when a worker died mid-way the last one walks the portal again (listings, and
  articles the state does not hold), so what the dead worker had in flight is not lost.

Needs ``pip install govnews-crawler[distributed]``.
"""

import os
import socket

from scrapy import signals
from scrapy.exceptions import DontCloseSpider, NotConfigured
from scrapy.settings import SETTINGS_PRIORITIES
from scrapy.utils.misc import load_object

from .state import Exported

PREFIX = "govnews"
HEARTBEAT_SECONDS = 1.0
HEARTBEAT_TTL = 5


def redis_url(settings) -> str:
    return settings.get("REDIS_URL") or os.environ.get("GOVNEWS_REDIS_URL", "")


def apply_redis_profile(settings, priority="addon") -> bool:
    """Point the settings at Redis when a URL is configured; True when it was."""
    url = redis_url(settings)
    if not url:
        return False
    try:
        import scrapy_redis  # noqa: F401
    except ImportError:
        raise NotConfigured("REDIS_URL is set but scrapy-redis is missing: "
                            "pip install 'govnews-crawler[distributed]'") from None
    settings.set("REDIS_URL", url, priority)
    settings.set("SCHEDULER", "govnews_crawler.distributed.Scheduler", priority)
    settings.set("DUPEFILTER_CLASS", "scrapy_redis.dupefilter.RFPDupeFilter", priority)
    settings.set("SCHEDULER_PERSIST", True, priority)
    settings.set("GOVNEWS_DISTRIBUTED", True, priority)
    # A worker takes from the shared queue only what it can download now (one crawler
    # is one portal): with Scrapy's 16 it would hoard requests the other workers could fetch.
    if settings.getpriority("CONCURRENT_REQUESTS") < SETTINGS_PRIORITIES["cmdline"]:
        settings.set("CONCURRENT_REQUESTS", settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN"), "spider")
    return True


def _scheduler_class():
    from scrapy_redis.scheduler import Scheduler as RedisScheduler

    class Scheduler(RedisScheduler):
        """scrapy-redis's scheduler without the calls Scrapy 2.19 deprecates (``spider.log``,
        stats with a spider argument)."""

        def open(self, spider):
            self.spider = spider
            key = self.queue_key % {"spider": spider.name}
            self.queue = load_object(self.queue_cls)(server=self.server, spider=spider, key=key,
                                                     serializer=self.serializer)
            if not self.df:
                self.df = load_object(self.dupefilter_cls).from_spider(spider)
            if self.flush_on_start:
                self.flush()
            if len(self.queue):
                spider.logger.info("resuming the shared crawl (%d requests queued)", len(self.queue))

        def enqueue_request(self, request):
            if not request.dont_filter and self.df.request_seen(request):
                self.df.log(request, self.spider)
                return False
            if self.stats:
                self.stats.inc_value("scheduler/enqueued/redis")
            self.queue.push(request)
            return True

        def next_request(self):
            request = self.queue.pop(self.idle_before_close)
            if request and self.stats:
                self.stats.inc_value("scheduler/dequeued/redis")
            return request

    return Scheduler


def __getattr__(name):
    """``Scheduler`` is built on first use, so this module imports without scrapy-redis."""
    if name == "Scheduler":
        return _scheduler_class()
    raise AttributeError(name)


class RedisProfile:
    """Scrapy add-on: the Redis settings profile when ``REDIS_URL`` is configured."""

    def update_settings(self, settings):
        apply_redis_profile(settings)


def connect(url: str):
    import redis

    return redis.Redis.from_url(url, decode_responses=True)


def worker_id() -> str:
    return f"{socket.gethostname()}-{os.getpid()}"


class RedisStateStore:
    """The exported-articles state shared by the workers (one Redis hash)."""

    immediate = True  # record each article as soon as it is exported

    def __init__(self, server, key=f"{PREFIX}:state"):
        self.server, self.key = server, key

    def get(self, url: str) -> Exported | None:
        value = self.server.hget(self.key, url)
        if not value:
            return None
        sha1, revision, _ = value.split(" ", 2)
        return Exported(sha1, int(revision))

    def record(self, rows) -> int:
        rows = list(rows)
        if rows:
            self.server.hset(self.key, mapping={url: f"{sha1} {revision} {portal}"
                                                for url, portal, sha1, revision, _ in rows})
        return len(rows)

    def count(self, portal: str | None = None) -> int:
        if portal is None:
            return self.server.hlen(self.key)
        return sum(1 for v in self.server.hvals(self.key) if v.split(" ", 2)[2] == portal)

    def close(self) -> None:
        self.server.close()


def workers_key(spider_name: str) -> str:
    return f"{PREFIX}:{spider_name}:workers"


def heartbeat_key(spider_name: str, worker: str) -> str:
    return f"{PREFIX}:{spider_name}:alive:{worker}"


def idle_key(spider_name: str, worker: str) -> str:
    return f"{PREFIX}:{spider_name}:idle:{worker}"


class RedisWorkers:
    """Heartbeats, waiting for the other workers, and the walk after a worker died.

    A worker whose queue ran dry stays while another worker is busy (it may add
    requests); when every live worker is idle, all close.
    """

    def __init__(self, crawler):
        self.crawler = crawler
        self.server = connect(crawler.settings["REDIS_URL"])
        self.worker = worker_id()
        self.loop = None

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.getbool("GOVNEWS_DISTRIBUTED"):
            raise NotConfigured
        extension = cls(crawler)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(extension.busy, signal=signals.request_reached_downloader)
        return extension

    def busy(self, request, spider):
        self.server.delete(idle_key(spider.name, self.worker))

    def beat(self):
        spider = self.crawler.spider
        self.server.set(heartbeat_key(spider.name, self.worker), "1", ex=HEARTBEAT_TTL)

    def spider_opened(self, spider):
        from twisted.internet import task

        self.server.sadd(workers_key(spider.name), self.worker)
        self.beat()
        self.loop = task.LoopingCall(self.beat)
        self.loop.start(HEARTBEAT_SECONDS, now=False)
        spider.logger.info("%s: worker %s joined (Redis %s)", spider.name, self.worker,
                           self.crawler.settings["REDIS_URL"])

    def others(self, spider) -> tuple[list[str], list[str]]:
        """Other workers of this spider: alive, and dead (no heartbeat, never left)."""
        members = [w for w in self.server.smembers(workers_key(spider.name)) if w != self.worker]
        alive = [w for w in members if self.server.exists(heartbeat_key(spider.name, w))]
        return alive, [w for w in members if w not in alive]

    def spider_idle(self, spider):
        self.server.set(idle_key(spider.name, self.worker), "1", ex=HEARTBEAT_TTL * 6)
        alive, dead = self.others(spider)
        if dead:
            self.server.srem(workers_key(spider.name), *dead)
            spider.logger.warning("%s: worker(s) %s stopped without finishing; walking the portal again "
                                  "for what they had in flight", spider.name, ", ".join(dead))
            self.crawler.stats.inc_value("govnews/distributed/recovery_walks")
            for request in spider.recovery_requests():
                self.crawler.engine.crawl(request)
            raise DontCloseSpider
        if any(not self.server.exists(idle_key(spider.name, w)) for w in alive):
            raise DontCloseSpider  # a busy worker may still add requests to the shared queue

    def spider_closed(self, spider, reason):
        if self.loop and self.loop.running:
            self.loop.stop()
        self.server.srem(workers_key(spider.name), self.worker)
        self.server.delete(heartbeat_key(spider.name, self.worker), idle_key(spider.name, self.worker))
