"""Heartbeats of the workers of a shared crawl, and the walk after one died."""

from scrapy import signals
from scrapy.exceptions import DontCloseSpider, NotConfigured

from govnews_crawler.distributed.keys import heartbeat_key, idle_key, workers_key
from govnews_crawler.distributed.profile import connect, worker_id

HEARTBEAT_SECONDS = 1.0
HEARTBEAT_TTL = 5


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
