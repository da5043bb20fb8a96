"""A portal's 429 (or 503 with ``Retry-After``) holds back every request to its host, not
only the refused one: real crawls over a loopback portal that records when each request arrived."""

import asyncio
import json
import threading
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest

from govnews_crawler.devtools.loopback import SiteServer
from govnews_crawler.middlewares.retry import retry_after_seconds
from govnews_crawler.middlewares.slot_pause import SlotHolds

from .crawling import FIXTURES, run_scrapy

LISTING = "/kyanh/portal/folder/tin-tuc/1.html"
ARTICLES = [f"/kyanh/portal/read/tin-tuc/chinh-tri/bai-{n}.html" for n in range(1, 6)]
# Requests 1 s apart, as the production delay (0.5 s and AutoThrottle) spaces them: without a
# delay, Scrapy starts every queued request of a slot at once, and all would be under way
# before the refusal came back. The slot's delay counts again from the end of the pause.
SPACED = {"DOWNLOAD_DELAY": "1", "DOWNLOAD_DELAY_JITTER": "0"}


class ThrottlingPortal(SiteServer):
    """Answers the first article request with ``status`` and ``Retry-After``; records the
    arrival of every request (the handler threads share one lock)."""

    def __init__(self, root: Path, status: int, retry_after: str):
        super().__init__(root)
        self.refusal = (status, {"Content-Type": "text/html", "Retry-After": retry_after}, b"<html>Slow down</html>")
        self.lock = threading.Lock()
        self.arrivals: list[tuple[float, str, int]] = []
        self.refused = False

    def answer(self, target: str) -> tuple[int, dict, bytes]:
        with self.lock:
            arrived = time.monotonic()
            refuse = "/portal/read/" in target and not self.refused
            self.refused = self.refused or refuse
            status, headers, body = self.refusal if refuse else super().answer(target)
            self.arrivals.append((arrived, target, status))
            return status, headers, body


def portal(folder: Path) -> Path:
    """A kyanh listing of five articles."""
    folder.mkdir()
    links = "".join(f'<div class="news-item"><a class="news-title" href="{path}">Bài {n}</a>'
                    '<span class="news-date">16:30 05/07/2020</span></div>' for n, path in enumerate(ARTICLES, 1))
    (folder / "listing.html").write_text(f'<html><body><div class="list-news">{links}</div></body></html>',
                                         encoding="utf-8")
    (folder / "article.html").write_bytes((FIXTURES / "hatinh_district" / "article-a.html").read_bytes())
    routes = {LISTING: "listing.html", **dict.fromkeys(ARTICLES, "article.html")}
    (folder / "routes.json").write_text(json.dumps(routes), encoding="utf-8")
    return folder


def in_an_hour() -> str:
    return format_datetime(datetime.now(UTC) + timedelta(hours=1), usegmt=True)


@pytest.mark.parametrize(("status", "retry_after", "settings", "pause"), [
    (429, "3", {}, 3.0),
    (503, in_an_hour(), {"RETRY_AFTER_MAX": "2"}, 2.0),  # an HTTP date, cut to RETRY_AFTER_MAX
])
def test_a_refusal_holds_every_request_to_the_host(tmp_path, status, retry_after, settings, pause):
    with ThrottlingPortal(portal(tmp_path / "site"), status, retry_after) as server:
        done = run_scrapy("kyanh", tmp_path, {"base_url": server.url, "max_pages": "1"}, {**SPACED, **settings})
        with server.lock:
            arrivals = list(server.arrivals)
    assert done.returncode == 0, done.log[-2000:]
    assert sorted(item["url"].removeprefix(server.url) for item in done.items) == sorted(ARTICLES)
    refused_at = next(moment for moment, _, answered in arrivals if answered == status)
    after = [(round(moment - refused_at, 2), target) for moment, target, _ in arrivals if moment > refused_at]
    assert len(after) == 5 and not [gap for gap, _ in after if gap < pause - 0.5], after  # the retry too
    assert after[0][0] < pause + 1 + 1.5, after  # the pause, then the slot's delay
    assert done.stats["govnews/slot_paused"] == 1
    assert done.stats[f"govnews/throttled/{status}"] == 1
    assert sum("127.0.0.1 answered" in line for line in done.log.splitlines()) == 1
    assert f"holding every request to it for {pause:.0f} s (Retry-After)" in done.log
    assert "Traceback" not in done.log


class Downloader:
    """What SlotHolds uses of Scrapy's downloader: its slots and the call that resumes one."""

    def __init__(self):
        from scrapy.core.downloader import Slot

        self.slots = {"host": Slot(2, 0.0, 0.0)}
        self.resumed: list[float] = []

    def _latercall(self, slot) -> None:
        slot.latercall = None
        self.resumed.append(time.monotonic())


def test_a_longer_refusal_extends_the_hold_and_a_shorter_one_does_not():
    async def holds() -> tuple[list[bool], float, list[float]]:
        downloader, slot_holds = Downloader(), SlotHolds()
        start = time.monotonic()
        results = [slot_holds.hold(downloader, "host", 0.3), slot_holds.hold(downloader, "host", 0.1),
                   slot_holds.hold(downloader, "host", 0.6), slot_holds.hold(downloader, "other", 1.0)]
        await asyncio.sleep(0.9)
        return results, start, downloader.resumed

    results, start, resumed = asyncio.run(holds())
    assert results == [True, False, True, False]  # "other" is no slot of the downloader
    assert len(resumed) == 1 and 0.55 <= resumed[0] - start < 0.85


def test_retry_after_reads_seconds_and_http_dates():
    assert retry_after_seconds(b"3") == 3.0
    assert 3590 < retry_after_seconds(in_an_hour()) <= 3600
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # past: no wait
    assert retry_after_seconds(b"soon") is None and retry_after_seconds(None) is None
