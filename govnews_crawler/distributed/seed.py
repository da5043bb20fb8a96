"""``govnews seed``: put the chosen portals' first requests into the shared Redis queue
(``--fresh``: a new crawl of them), and ``govnews seed --status``: per portal, the
queue, the seen requests, what workers have in flight, and what the store holds."""

import asyncio
from dataclasses import dataclass

from scrapy.crawler import Crawler
from scrapy.utils.misc import load_object
from scrapy.utils.project import get_project_settings

from govnews_crawler.distributed.keys import dupefilter_key, inflight_key, lease_key, queue_key, workers_key
from govnews_crawler.distributed.profile import apply_redis_profile, connect
from govnews_crawler.queues import codec


@dataclass
class Seeded:
    spider: str
    pushed: int
    queued: int
    joined: int = 0  # live workers found: a crawl under way, joined rather than restarted

    def __str__(self) -> str:
        if self.joined:
            return f"{self.spider}: a crawl is under way ({self.joined} workers alive); joined it, " \
                   f"{self.queued} in the queue"
        return f"{self.spider}: {self.pushed} requests seeded, {self.queued} in the queue"


def _settings(overrides: dict):
    settings = get_project_settings()
    settings.setdict(overrides, priority="cmdline")
    if not apply_redis_profile(settings, priority="cmdline"):
        raise ValueError("no Redis: give -s REDIS_URL=rediss://:PASSWORD@host:6379/0 or set GOVNEWS_REDIS_URL")
    return settings


async def _start_requests(spider) -> list:
    return [request async for request in spider.start()]


def _workers(server, name: str) -> list[str]:
    return sorted(m.decode() for m in server.smembers(workers_key(name)))


def alive(server, name: str) -> int:
    return sum(1 for w in _workers(server, name) if server.exists(lease_key(name, w)))


def clear(server, name: str) -> None:
    """Forget a spider's crawl in Redis: queue, seen requests, in-flight sets, workers."""
    keys = [queue_key(name), dupefilter_key(name), workers_key(name)]
    keys += [inflight_key(name, w) for w in _workers(server, name)]
    server.delete(*keys)


def seed(spiders: list[str], spider_args: dict, overrides: dict, fresh: bool = False) -> list[Seeded]:
    """Push each spider's start requests (past the seen ones); with ``fresh``, first
    clear the spider's crawl in Redis unless workers of it are alive."""
    from scrapy.spiderloader import SpiderLoader
    from scrapy_redis.dupefilter import RFPDupeFilter

    settings = _settings(overrides)
    loader = SpiderLoader.from_settings(settings)
    server = connect(settings["REDIS_URL"], decode=False)
    done = []
    for name in spiders:
        if fresh and (live := alive(server, name)):
            done.append(Seeded(name, 0, server.zcard(queue_key(name)), joined=live))
            continue
        if fresh:
            clear(server, name)
        crawler = Crawler(loader.load(name), settings)
        crawler.stats = load_object(settings["STATS_CLASS"])(crawler)
        spider = crawler.spidercls.from_crawler(crawler, **spider_args)
        crawler.spider = spider
        dupefilter = RFPDupeFilter.from_spider(spider)
        pushed = 0
        for request in asyncio.run(_start_requests(spider)):
            if request.dont_filter or not dupefilter.request_seen(request):
                server.zadd(queue_key(name), {codec.dumps(request, spider): -request.priority})
                pushed += 1
        done.append(Seeded(name, pushed, server.zcard(queue_key(name))))
    return done


def status(spiders: list[str], overrides: dict) -> list[dict]:
    from govnews_crawler.state import open_store

    settings = _settings(overrides)
    server = connect(settings["REDIS_URL"], decode=False)
    store = open_store(settings)
    rows = []
    try:
        for name in spiders:
            workers = _workers(server, name)
            rows.append({
                "portal": name,
                "queued": server.zcard(queue_key(name)),
                "seen": server.scard(dupefilter_key(name)),
                "in_flight": sum(server.zcard(inflight_key(name, w)) for w in workers),
                "workers_alive": sum(1 for w in workers if server.exists(lease_key(name, w))),
                "stored": store.count(name) if store is not None else 0,
            })
    finally:
        if store is not None:
            store.close()
    return rows
