"""``govnews seed``: put the chosen portals' first requests into the shared Redis queue,
and ``govnews seed --status``: what the queue, the workers and the shared state hold."""

import asyncio

from scrapy.crawler import Crawler
from scrapy.utils.misc import load_object
from scrapy.utils.project import get_project_settings

from govnews_crawler.distributed.keys import dupefilter_key, heartbeat_key, queue_key, state_key, workers_key
from govnews_crawler.distributed.profile import apply_redis_profile, connect


def _settings(overrides: dict):
    settings = get_project_settings()
    settings.setdict(overrides, priority="cmdline")
    if not apply_redis_profile(settings, priority="cmdline"):
        raise ValueError("no Redis: give -s REDIS_URL=redis://host:6379/0 or set GOVNEWS_REDIS_URL")
    return settings


async def _start_requests(spider) -> list:
    return [request async for request in spider.start()]


def seed(spiders: list[str], spider_args: dict, overrides: dict) -> list[tuple[str, int, int]]:
    """Push each spider's start requests; returns (spider, pushed, queue length)."""
    from scrapy.spiderloader import SpiderLoader
    from scrapy_redis import picklecompat
    from scrapy_redis.dupefilter import RFPDupeFilter
    from scrapy_redis.queue import PriorityQueue

    settings = _settings(overrides)
    loader = SpiderLoader.from_settings(settings)
    server = connect(settings["REDIS_URL"])
    done = []
    for name in spiders:
        crawler = Crawler(loader.load(name), settings)
        crawler.stats = load_object(settings["STATS_CLASS"])(crawler)
        spider = crawler.spidercls.from_crawler(crawler, **spider_args)
        crawler.spider = spider
        queue = PriorityQueue(server=server, spider=spider, key=queue_key(name), serializer=picklecompat)
        dupefilter = RFPDupeFilter.from_spider(spider)
        pushed = 0
        for request in asyncio.run(_start_requests(spider)):
            if request.dont_filter or not dupefilter.request_seen(request):
                queue.push(request)
                pushed += 1
        done.append((name, pushed, len(queue)))
    return done


def status(spiders: list[str], overrides: dict) -> list[dict]:
    settings = _settings(overrides)
    server = connect(settings["REDIS_URL"])
    state = server.hvals(state_key())
    rows = []
    for name in spiders:
        workers = server.smembers(workers_key(name))
        rows.append({
            "spider": name,
            "queued": server.zcard(queue_key(name)),
            "seen": server.scard(dupefilter_key(name)),
            "workers": len(workers),
            "alive": sum(1 for w in workers if server.exists(heartbeat_key(name, w))),
            "exported": sum(1 for v in state if v.rsplit(" ", 1)[-1] == name),
        })
    return rows
