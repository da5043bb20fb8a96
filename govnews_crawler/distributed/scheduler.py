"""scrapy-redis's scheduler, adapted to Scrapy 2.19."""

from scrapy.utils.misc import load_object


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
