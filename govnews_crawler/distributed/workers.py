"""Leases of the workers of a shared crawl; what a dead worker had in flight goes back
into the queue; a worker whose queue ran dry waits while another one has work, and
takes new requests as soon as they are queued."""

from scrapy import signals
from scrapy.exceptions import DontCloseSpider, NotConfigured

from govnews_crawler.distributed.keys import inflight_key, lease_key, workers_key
from govnews_crawler.distributed.profile import connect, worker_id
from govnews_crawler.distributed.queue import SharedQueue


class RedisWorkers:
    """Each worker holds a lease (a key with a TTL, ``GOVNEWS_REDIS_LEASE_SECONDS``) it
    renews a few times per lease; at each renewal and when idle it gives back to the
    queue the in-flight sets of workers whose lease lapsed. A worker closes when the
    queue and every in-flight set are empty; a worker stopped early (SIGTERM) gives
    back its own in-flight requests at once.

    Scrapy's engine asks its scheduler for requests when one of its own downloads ends,
    else only on its 5 s heartbeat: a worker with room (idle, or fewer requests in flight
    than it may have) would leave what other workers queue meanwhile waiting. So every
    ``GOVNEWS_REDIS_POLL_SECONDS`` (0.1 s) a worker with room looks at the queue's length,
    and wakes its engine when the queue holds requests, or when it is idle and no other
    worker has work left (so it closes now, not on the next heartbeat).
    """

    def __init__(self, crawler) -> None:
        self.crawler = crawler
        self.server = connect(crawler.settings["REDIS_URL"], decode=False)
        self.worker = worker_id()
        self.lease = crawler.settings.getfloat("GOVNEWS_REDIS_LEASE_SECONDS", 30)
        self.poll = crawler.settings.getfloat("GOVNEWS_REDIS_POLL_SECONDS", 0.1)
        self.loops: list = []
        self.queue: SharedQueue

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.getbool("GOVNEWS_DISTRIBUTED"):
            raise NotConfigured
        extension = cls(crawler)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def renew(self):
        from redis import RedisError

        try:
            self._renew(self.crawler.spider)
        except RedisError as problem:  # keep the loop going: the next renewal may get through
            self.crawler.spider.logger.warning("%s: could not renew the lease of worker %s: %s",
                                               self.crawler.spider.name, self.worker, problem)

    def _renew(self, spider):
        if not self.server.set(lease_key(spider.name, self.worker), b"1", px=int(self.lease * 1000), xx=True):
            self.server.set(lease_key(spider.name, self.worker), b"1", px=int(self.lease * 1000))
            self.server.sadd(workers_key(spider.name), self.worker)
            spider.logger.warning("%s: worker %s: its lease had lapsed (a stall longer than %.0f s); what it "
                                  "had in flight may be fetched twice", spider.name, self.worker, self.lease)
        self.reap(spider)

    def reap(self, spider) -> None:
        """Put back what workers whose lease lapsed had in flight."""
        for member in self.server.smembers(workers_key(spider.name)):
            worker = member.decode()
            if worker == self.worker:
                continue
            given = self.queue.give_back(worker, only_if_dead=True)
            if given >= 0:
                self.crawler.stats.inc_value("govnews/distributed/requeued_from_dead", given)
                spider.logger.warning("%s: worker %s stopped without finishing; %d request(s) it had in flight "
                                      "are back in the queue", spider.name, worker, given)

    def spider_opened(self, spider):
        from twisted.internet import task

        self.queue = SharedQueue(self.server, spider.name, self.worker)
        self.server.set(lease_key(spider.name, self.worker), b"1", px=int(self.lease * 1000))
        self.server.sadd(workers_key(spider.name), self.worker)
        self.loops = [task.LoopingCall(self.renew), task.LoopingCall(self.wake)]
        self.loops[0].start(self.lease / 4, now=False)
        self.loops[1].start(self.poll, now=False)
        spider.logger.info("%s: worker %s joined the shared queue", spider.name, self.worker)

    def wake(self) -> None:
        """Have the engine look again now when it has room and the queue holds requests,
        or when it is idle and the crawl is over (then it closes)."""
        from redis import RedisError

        engine = self.crawler.engine
        slot = getattr(engine, "_slot", None)  # Scrapy offers no public way to wake the engine
        if slot is None or slot.closing or engine.needs_backout():
            return
        try:
            ready = self.server.zcard(self.queue.key) or (engine.spider_is_idle()
                                                           and not self.others_busy(self.crawler.spider))
        except RedisError:  # the next look may get through; the renewal loop logs lasting trouble
            return
        if ready:
            slot.nextcall.schedule()

    def others_busy(self, spider) -> bool:
        """Whether the queue holds requests or another worker has some in flight (atomic)."""
        members = [m.decode() for m in self.server.smembers(workers_key(spider.name)) if m.decode() != self.worker]
        pipe = self.server.pipeline(transaction=True)
        pipe.zcard(self.queue.key)
        for worker in members:
            pipe.zcard(inflight_key(spider.name, worker))
        return any(pipe.execute())

    def spider_idle(self, spider):
        # The engine is idle: whatever this worker took is finished, tracked or not.
        unsettled = self.queue.forget_in_flight()
        if unsettled:
            self.crawler.stats.inc_value("govnews/distributed/unsettled", unsettled)
        self.reap(spider)
        if self.others_busy(spider):
            raise DontCloseSpider  # more requests may come from the queue

    def spider_closed(self, spider, reason):
        for loop in self.loops:
            if loop.running:
                loop.stop()
        given = self.queue.give_back()
        if given:
            self.crawler.stats.inc_value("govnews/distributed/requeued_on_close", given)
            spider.logger.info("%s: %d unfinished request(s) back in the shared queue", spider.name, given)
        self.server.delete(lease_key(spider.name, self.worker))
