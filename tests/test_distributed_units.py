"""The queue's JSON requests and the Redis URL rule, without servers."""

import pickle

import pytest
import scrapy

from govnews_crawler.distributed.profile import InsecureRedis, check_auth
from govnews_crawler.platforms.base import ListingEntry
from govnews_crawler.queues import codec
from govnews_crawler.runs.checks import HealthChecks


class Portal(scrapy.Spider):
    name = "portal"

    def parse_article(self, response, listed=None):
        pass

    def on_error(self, failure):
        pass

    def sample_failed(self, failure):
        pass


def test_a_request_round_trips_as_json_with_vietnamese_text_unescaped():
    spider = Portal()
    request = scrapy.Request("http://a.vn/b", callback=spider.parse_article, errback=spider.on_error, priority=10,
                             cb_kwargs={"listed": ListingEntry("http://a.vn/b", "Hội nghị", "2020-01-02")},
                             meta={"govnews_article": "http://a.vn/b"}, headers={"Referer": "http://a.vn/"})
    payload = codec.dumps(request, spider)
    assert "Hội nghị".encode() in payload
    back = codec.loads(payload, spider)
    assert (back.url, back.priority, back.callback, back.errback) == (request.url, 10, spider.parse_article, spider.on_error)
    assert back.cb_kwargs == request.cb_kwargs and back.meta == request.meta
    assert back.headers[b"Referer"] == b"http://a.vn/"


def test_the_archives_sample_errback_round_trips():
    spider = Portal()
    request = scrapy.Request("http://a.vn/c", callback=spider.parse_article, errback=spider.sample_failed)
    assert codec.loads(codec.dumps(request, spider), spider).errback == spider.sample_failed


@pytest.mark.parametrize("payload", [
    pickle.dumps({"url": "http://a.vn/"}),
    b"not json",
    b"[1, 2]",
    b'{"url": "file:///etc/passwd", "callback": "parse_article"}',
    b'{"url": "http://a.vn/", "callback": "close"}',
    b'{"url": "http://a.vn/", "callback": "parse_article", "_class": "os.system"}',
    b'{"url": "http://a.vn/", "callback": "parse_article", "errback": "close"}',
    b'{"url": "http://a.vn/", "callback": "parse_article", "errback": "_failed"}',
    b'{"url": "http://a.vn/", "callback": "parse_missing"}',
    b'{"url": "http://a.vn/", "callback": "parse_article", "cb_kwargs": {"x": {"$entry": {"evil": "1"}}}}',
])
def test_anything_else_is_rejected(payload):
    with pytest.raises(codec.RejectedPayload):
        codec.loads(payload, Portal())


def test_redis_without_a_password_is_refused_except_on_the_loopback_when_allowed():
    check_auth("rediss://:pw@10.0.0.5:6379/0", insecure=False)
    check_auth("redis://crawler:pw@10.0.0.5:6379/0", insecure=False)
    check_auth("redis://127.0.0.1:6379/0", insecure=True)
    check_auth("redis://[::1]:6379/0", insecure=True)
    for url, insecure in (("redis://10.0.0.5:6379/0", True), ("redis://127.0.0.1:6379/0", False),
                          ("redis://redis.example:6379/0", True), ("redis://127.0.0.1.nip.io/0", True)):
        with pytest.raises(InsecureRedis):
            check_auth(url, insecure)


class Crawler:
    def __init__(self, distributed):
        self.settings = scrapy.settings.Settings({"GOVNEWS_DISTRIBUTED": distributed})


def test_a_worker_given_only_articles_is_not_failed_for_listing_none():
    worker = HealthChecks(Crawler(True))
    assert not [f for f in worker.failures({"govnews/items_valid": 5}) if "no article listed" in f]
    assert [f for f in worker.failures({"govnews/distributed/listing_requests_received": 1}) if "no article listed" in f]
    assert [f for f in HealthChecks(Crawler(False)).failures({}) if "no article listed" in f]
