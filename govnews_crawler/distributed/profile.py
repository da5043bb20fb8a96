"""The Redis profile: scrapy-redis's scheduler and dupefilter for crawls on several machines.

Switched on by ``REDIS_URL`` (``-s REDIS_URL=redis://host:6379/0``) or the
``GOVNEWS_REDIS_URL`` environment variable, through the ``RedisProfile`` add-on.
Needs ``pip install govnews-crawler[distributed]``.
"""

import os
import socket

from scrapy.exceptions import NotConfigured
from scrapy.settings import SETTINGS_PRIORITIES


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
    settings.set("SCHEDULER", "govnews_crawler.distributed.scheduler.Scheduler", priority)
    settings.set("DUPEFILTER_CLASS", "scrapy_redis.dupefilter.RFPDupeFilter", priority)
    settings.set("SCHEDULER_PERSIST", True, priority)
    settings.set("GOVNEWS_DISTRIBUTED", True, priority)
    # A worker takes from the shared queue only what it can download now (one crawler
    # is one portal): with Scrapy's 16 it would hoard requests the other workers could fetch.
    if settings.getpriority("CONCURRENT_REQUESTS") < SETTINGS_PRIORITIES["cmdline"]:
        settings.set("CONCURRENT_REQUESTS", settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN"), "spider")
    return True


class RedisProfile:
    """Scrapy add-on: the Redis settings profile when ``REDIS_URL`` is configured."""

    def update_settings(self, settings):
        apply_redis_profile(settings)


def connect(url: str):
    import redis

    return redis.Redis.from_url(url, decode_responses=True)


def worker_id() -> str:
    return f"{socket.gethostname()}-{os.getpid()}"
