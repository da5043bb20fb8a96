"""The JOBDIR check: queues written by the project's JSON disk queue, then damaged as a kill
leaves them; a queue in Scrapy's pickle, or with an entry that is not the spider's request."""

import json
import logging
import struct
from pathlib import Path

import pytest
from queuelib.queue import LifoDiskQueue
from scrapy import Request, Spider
from scrapy.squeues import PickleLifoDiskQueue
from scrapy.utils.test import get_crawler

from govnews_crawler.queues.disk import JsonLifoDiskQueue
from govnews_crawler.runs.jobdir import JobdirGuard, guard


class Portal(Spider):
    name = "kyanh"

    def parse(self, response):
        return None


@pytest.fixture
def crawler(tmp_path):
    crawler = get_crawler(Portal, {"JOBDIR": str(tmp_path / "job"),
                                   "SCHEDULER_DISK_QUEUE": "govnews_crawler.queues.disk.JsonLifoDiskQueue"})
    crawler.spider = crawler._create_spider()
    return crawler


def write_jobdir(crawler, jobdir: Path, requests: int = 3, queue_class=JsonLifoDiskQueue) -> Path:
    """A JOBDIR as a crawl stopped by SIGTERM leaves it: a closed queue, active.json, requests.seen."""
    path = jobdir / "requests.queue" / "127.0.0.1-abc" / "0"
    queue = queue_class(crawler, str(path))
    for n in range(requests):
        queue.push(Request(f"http://127.0.0.1/read/{n}.html", callback=crawler.spider.parse))
    queue.close()
    (jobdir / "requests.queue" / "active.json").write_text(json.dumps({"127.0.0.1": [0]}))
    (jobdir / "requests.seen").write_text("0" * 40 + "\n")
    return path


def test_a_sound_jobdir_is_kept(crawler, tmp_path):
    jobdir = tmp_path / "job"
    queue = write_jobdir(crawler, jobdir)
    before = queue.read_bytes()
    assert guard(jobdir, crawler) is False
    assert queue.read_bytes() == before and (jobdir / "requests.seen").exists()
    assert crawler.stats.get_value("govnews/jobdir/dropped") is None


@pytest.mark.parametrize("damage", ["empty queue", "short queue", "counts more", "torn active.json",
                                    "torn spider.state"])
def test_a_jobdir_that_does_not_load_is_dropped_and_named(crawler, tmp_path, caplog, damage):
    jobdir = tmp_path / "job"
    queue = write_jobdir(crawler, jobdir)
    broken = {"torn active.json": jobdir / "requests.queue" / "active.json",
              "torn spider.state": jobdir / "spider.state"}.get(damage, queue)
    if damage == "empty queue":
        queue.write_bytes(b"")
    elif damage == "short queue":
        queue.write_bytes(queue.read_bytes()[:-7])
    elif damage == "counts more":
        queue.write_bytes(struct.pack(">L", 9) + queue.read_bytes()[4:])
    else:
        broken.write_bytes(b'{"127.0.0.1": [')
    with caplog.at_level(logging.WARNING):
        assert guard(jobdir, crawler) is True
    assert f"kyanh: the JOBDIR file {broken} does not load" in caplog.text
    assert crawler.stats.get_value("govnews/jobdir/dropped") == 1
    assert not any((jobdir / name).exists() for name in ("requests.queue", "requests.seen", "spider.state"))


def test_the_json_queue_gives_back_the_spiders_requests(crawler, tmp_path):
    path = write_jobdir(crawler, tmp_path / "job", requests=2)
    assert b"http://127.0.0.1/read/1.html" in path.read_bytes() and b"pickle" not in path.read_bytes()
    queue = JsonLifoDiskQueue(crawler, str(path))
    back = [queue.pop(), queue.pop(), queue.pop()]
    assert [r.url for r in back[:2]] == ["http://127.0.0.1/read/1.html", "http://127.0.0.1/read/0.html"]
    assert back[0].callback == crawler.spider.parse and back[2] is None


def test_a_request_that_is_not_the_spiders_stays_in_memory(crawler, tmp_path):
    queue = JsonLifoDiskQueue(crawler, str(tmp_path / "q" / "0"))
    with pytest.raises(ValueError, match="not a method of the spider"):  # Scrapy's scheduler keeps it in memory
        queue.push(Request("http://127.0.0.1/a", callback=print))
    assert len(queue) == 0


@pytest.mark.parametrize("left", ["pickle queue", "hostile entry"])
def test_a_queue_not_of_this_codec_is_dropped_unread(crawler, tmp_path, caplog, left):
    """A JOBDIR an older version left in pickle, or one with an entry written by someone else:
    nothing is unpickled or called, the queue is dropped and the listings walked again."""
    jobdir = tmp_path / "job"
    if left == "pickle queue":
        queue = write_jobdir(crawler, jobdir, queue_class=PickleLifoDiskQueue)
    else:
        queue = write_jobdir(crawler, jobdir)
        hostile = LifoDiskQueue(str(queue))  # queuelib's own queue: raw bytes
        hostile.push(b'{"url": "http://127.0.0.1/x", "callback": "parse", "_class": "os.system"}')
        hostile.close()
    with caplog.at_level(logging.WARNING):
        assert guard(jobdir, crawler) is True
    assert "RejectedPayload" in caplog.text and not (jobdir / "requests.queue").exists()


def test_the_add_on_leaves_a_redis_crawl_its_scheduler():
    from scrapy.settings import Settings

    plain = Settings({"JOBDIR": "job"})
    JobdirGuard().update_settings(plain)
    assert plain["SCHEDULER"] == "govnews_crawler.runs.jobdir.JobdirScheduler"
    redis = Settings({"JOBDIR": "job", "GOVNEWS_DISTRIBUTED": True, "SCHEDULER": "govnews_crawler.distributed.scheduler.Scheduler"})
    JobdirGuard().update_settings(redis)
    assert redis["SCHEDULER"] == "govnews_crawler.distributed.scheduler.Scheduler"
    none = Settings({})
    JobdirGuard().update_settings(none)
    assert none["SCHEDULER"] == "scrapy.core.scheduler.Scheduler"
