"""The Redis profile: a shared request queue for crawls on several machines.

Switched on by ``REDIS_URL`` (``-s REDIS_URL=rediss://:password@host:6379/0``) or the
``GOVNEWS_REDIS_URL`` environment variable, through the ``RedisProfile`` add-on.
Needs ``pip install govnews-crawler[distributed]``.

Redis holds only the queue, and a worker trusts nothing in it (JSON requests, see
``queues.codec``). A Redis without authentication is refused: on another host always,
on the loopback only unless ``GOVNEWS_REDIS_INSECURE=1`` (``--insecure-redis``).
"""

import ipaddress
import os
import socket
from urllib.parse import urlsplit

from scrapy.exceptions import NotConfigured
from scrapy.settings import SETTINGS_PRIORITIES

LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}


class InsecureRedis(RuntimeError):
    """A Redis URL without credentials that the settings do not allow."""


def redis_url(settings) -> str:
    return settings.get("REDIS_URL") or os.environ.get("GOVNEWS_REDIS_URL", "")


def is_loopback(url: str) -> bool:
    """Whether a Redis URL names this machine only (a unix socket, localhost, 127/8, ::1)."""
    parts = urlsplit(url)
    if parts.scheme == "unix":
        return True
    host = (parts.hostname or "").lower()
    if host in LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_auth(url: str, insecure: bool) -> None:
    """Refuse a Redis URL without a password (``redis://:pw@host`` or ``user:pw@``):
    always for another host, for the loopback unless ``insecure``."""
    parts = urlsplit(url)
    if parts.password or "password=" in parts.query:
        return
    where = f"{parts.scheme}://{parts.hostname}:{parts.port or 6379}"
    if not is_loopback(url):
        raise InsecureRedis(f"refusing the Redis at {where}: no password in REDIS_URL, and it is not on this "
                            "machine; give redis://:PASSWORD@host (or user:PASSWORD@ for an ACL user), "
                            "rediss:// for TLS")
    if not insecure:
        raise InsecureRedis(f"refusing the Redis at {where}: no password in REDIS_URL; give one, or "
                            "--insecure-redis (-s GOVNEWS_REDIS_INSECURE=1) for a loopback test")


def refuse_insecure(settings) -> None:
    """Raise ``InsecureRedis`` before any crawler is made when the configured Redis URL
    (if any) is one ``check_auth`` refuses: the commands print it as one line."""
    if url := redis_url(settings):
        check_auth(url, settings.getbool("GOVNEWS_REDIS_INSECURE"))


def apply_redis_profile(settings, priority="addon") -> bool:
    """Point the settings at Redis when a URL is configured; True when it was."""
    url = redis_url(settings)
    if not url:
        return False
    check_auth(url, settings.getbool("GOVNEWS_REDIS_INSECURE"))
    try:
        import scrapy_redis  # noqa: F401
    except ImportError:
        raise NotConfigured("REDIS_URL is set but scrapy-redis is missing: "
                            "pip install 'govnews-crawler[distributed]'") from None
    settings.set("REDIS_URL", url, priority)
    settings.set("SCHEDULER", "govnews_crawler.distributed.scheduler.Scheduler", priority)
    settings.set("DUPEFILTER_CLASS", "scrapy_redis.dupefilter.RFPDupeFilter", priority)
    settings.set("GOVNEWS_DISTRIBUTED", True, priority)
    settings.set_in_component_priority_dict(
        "SPIDER_MIDDLEWARES", "govnews_crawler.distributed.inflight.InFlightSpiderMiddleware", 10)
    settings.set_in_component_priority_dict(
        "DOWNLOADER_MIDDLEWARES", "govnews_crawler.distributed.inflight.InFlightDownloaderMiddleware", 10)
    # A worker takes from the shared queue only what it can download now (one crawler
    # is one portal): with Scrapy's 16 it would hoard requests the other workers could fetch.
    if settings.getpriority("CONCURRENT_REQUESTS") < SETTINGS_PRIORITIES["cmdline"]:
        settings.set("CONCURRENT_REQUESTS", settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN"), "spider")
    return True


class RedisProfile:
    """Scrapy add-on: the Redis settings profile when ``REDIS_URL`` is configured."""

    def update_settings(self, settings):
        apply_redis_profile(settings)


def connect(url: str, decode: bool = True):
    import redis

    return redis.Redis.from_url(url, decode_responses=decode)


def worker_id() -> str:
    return f"{socket.gethostname()}-{os.getpid()}"
