"""A JOBDIR whose state does not load is dropped before the spider starts, not crashed on.

A crawl killed at an unlucky moment can leave a request queue of 0 bytes (queuelib
writes a queue's header through a buffer), one cut short, or a torn ``active.json``;
Scrapy then crashes when it opens the queue, or loses every request pushed onto it.
``JobdirScheduler`` loads a copy of each queue of the JOBDIR (every request read back
with the configured disk queue classes) before Scrapy opens anything there. When one
fails, a WARNING names the portal and the file, ``govnews/jobdir/dropped`` is counted,
and the JOBDIR's state (``requests.queue``, ``requests.seen``, ``spider.state``) is
removed: the spider walks its listings again and the store of record skips what it holds.
"""

import json
import logging
import pickle
import re
import shutil
import tempfile
from pathlib import Path

from scrapy.core.scheduler import Scheduler
from scrapy.utils.job import job_dir
from scrapy.utils.misc import build_from_crawler, load_object

logger = logging.getLogger(__name__)

QUEUES, SEEN, SPIDER_STATE = "requests.queue", "requests.seen", "spider.state"
# The priority queues keep one queue per priority: "-10", "0"; "0s" for start requests.
QUEUE_NAME = re.compile(r"-?\d+s?")


class JobdirScheduler(Scheduler):
    """Scrapy's scheduler, after the JOBDIR was checked (before its dupefilter reads ``requests.seen``)."""

    @classmethod
    def from_crawler(cls, crawler):
        jobdir = job_dir(crawler.settings)
        if jobdir:
            guard(Path(jobdir), crawler)
        return super().from_crawler(crawler)


class JobdirGuard:
    """Add-on: a crawl with a JOBDIR (and no shared Redis queue) gets ``JobdirScheduler``."""

    def update_settings(self, settings) -> None:
        if settings.get("JOBDIR") and not settings.getbool("GOVNEWS_DISTRIBUTED"):
            settings.set("SCHEDULER", f"{__name__}.JobdirScheduler", "addon")


def guard(jobdir: Path, crawler) -> bool:
    """Drop the JOBDIR's state when a file of it does not load; True when it was dropped."""
    problem = unreadable(jobdir, crawler)
    if problem is None:
        return False
    path, error = problem
    logger.warning("%s: the JOBDIR file %s does not load (%s); dropping the JOBDIR's queue and walking "
                   "the listings again", crawler.spidercls.name, path, error)
    crawler.stats.inc_value("govnews/jobdir/dropped")
    shutil.rmtree(jobdir / QUEUES, ignore_errors=True)
    for name in (SEEN, SPIDER_STATE):
        (jobdir / name).unlink(missing_ok=True)
    return True


def unreadable(jobdir: Path, crawler) -> tuple[Path, str] | None:
    """The first file of the JOBDIR's state that does not load, with the error; None when all do."""
    checks = [(jobdir / QUEUES / "active.json", lambda p: json.loads(p.read_text(encoding="utf-8"))),
              (jobdir / SEEN, lambda p: p.read_text(encoding="utf-8")),
              (jobdir / SPIDER_STATE, lambda p: pickle.loads(p.read_bytes()))]  # Scrapy's own pickle, as it reads it
    for path, load in checks:
        if path.exists():
            try:
                load(path)
            except Exception as error:
                return path, _describe(error)
    queues = jobdir / QUEUES
    if not queues.is_dir():
        return None
    settings = crawler.settings
    classes = {False: load_object(settings["SCHEDULER_DISK_QUEUE"]),
               True: load_object(settings["SCHEDULER_START_DISK_QUEUE"] or settings["SCHEDULER_DISK_QUEUE"])}
    with tempfile.TemporaryDirectory(prefix="govnews-jobdir-") as scratch:
        copy = Path(scratch) / QUEUES
        shutil.copytree(queues, copy)
        for queue in sorted(p for p in copy.rglob("*") if QUEUE_NAME.fullmatch(p.name)):
            try:
                _read_back(classes[queue.name.endswith("s")], crawler, queue)
            except Exception as error:
                return queues / queue.relative_to(copy), _describe(error)
    return None


def _read_back(queue_class, crawler, path: Path) -> None:
    """Open a queue and pop every request it says it holds (it is a copy)."""
    queue = build_from_crawler(queue_class, crawler, str(path))
    expected = len(queue)
    for popped in range(expected):
        if queue.pop() is None:
            raise ValueError(f"holds {popped} of the {expected} requests it counts")
    queue.close()


def _describe(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"
