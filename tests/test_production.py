"""Scheduled production runs: incremental, revised, resumable after SIGKILL, loud on breakage."""

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from contextlib import closing
from itertools import count
from pathlib import Path

from govnews_crawler.devtools.loopback import SiteServer
from govnews_crawler.devtools.sample_site import generate

from .crawling import FIXTURES, ROOT, assert_no_deprecations

FAST = ["-s", "AUTOTHROTTLE_ENABLED=0", "-s", "DOWNLOAD_DELAY=0", "-s", "RETRY_BACKOFF_BASE=0.01"]


def govnews_crawl(tmp_path: Path, *args, wait=True):
    command = [sys.executable, "-m", "govnews_crawler.cli", "crawl", "--data-dir", str(tmp_path / "data"),
               "--state-dir", str(tmp_path / "state"), *FAST, *map(str, args)]
    if not wait:
        return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert_no_deprecations(done.stderr)
    return done


def exports(tmp_path: Path, portal: str) -> list[dict]:
    return [json.loads(line) for f in sorted((tmp_path / "data" / portal).glob("*.jsonl"))
            for line in f.read_text(encoding="utf-8").splitlines()]


def stored_count(tmp_path: Path) -> int:
    """Articles in the store of record (0 before it exists)."""
    path = tmp_path / "state" / "state.sqlite"
    if not path.exists():
        return 0
    try:
        with closing(sqlite3.connect(path, timeout=5)) as db:
            return db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0


def wait_for_stored(tmp_path: Path, count: int, timeout: float = 60) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        stored = stored_count(tmp_path)
        if stored >= count:
            return stored
        time.sleep(0.01)
    return stored_count(tmp_path)


class HeldSite(SiteServer):
    """A site that holds its answers to the requests ``held(target)`` picks until
    ``release()``: a crawl that cannot get past a point, however fast or slow the machine."""

    def __init__(self, root: Path, held: Callable[[str], bool], **kwargs):
        super().__init__(root, **kwargs)
        self.held = held
        self.reached = threading.Event()  # a held request came in
        self.released = threading.Event()

    def answer(self, target: str):
        if not self.released.is_set() and self.held(target):
            self.reached.set()
            self.released.wait()
        return super().answer(target)

    def release(self) -> None:
        self.released.set()

    def __exit__(self, *exc):
        self.release()
        super().__exit__(*exc)


def articles_after(answered: int) -> Callable[[str], bool]:
    """Holds every article request after the first ``answered``."""
    seen = count(1)  # next() on a count is atomic: the server answers in threads
    return lambda target: "/read/" in target and next(seen) > answered


def manifests(tmp_path: Path) -> list[dict]:
    return [json.loads(p.read_text()) for p in sorted((tmp_path / "data" / "runs").glob("*.json"))]


def test_second_run_fetches_only_listings_and_exports_nothing(tmp_path):
    with SiteServer(FIXTURES / "hatinh_district") as server:
        first = govnews_crawl(tmp_path, "kyanh", "--base-url", server.url)
        first_hits = dict(server.hits)
        server.hits.clear()
        second = govnews_crawl(tmp_path, "kyanh", "--base-url", server.url)
        second_hits = dict(server.hits)
    assert first.returncode == 0, first.stdout + first.stderr[-2000:]
    assert second.returncode == 0, second.stdout + second.stderr[-2000:]
    assert sum("/read/" in path for path in first_hits) == 3
    assert set(second_hits) == {"/robots.txt", *(f"/kyanh/portal/folder/tin-tuc/{n}.html" for n in (1, 2, 3))}
    items = exports(tmp_path, "kyanh")
    assert len(items) == 3 and {i["revision"] for i in items} == {1}
    run1, run2 = manifests(tmp_path)
    assert run1["status"] == run2["status"] == "finished"
    assert run1["portals"]["kyanh"]["items"] == 3 and run1["portals"]["kyanh"]["new"] == 3
    assert run2["portals"]["kyanh"]["items"] == 0 and run2["portals"]["kyanh"]["file"] is None
    assert "kyanh" in second.stdout and "ok" in second.stdout.splitlines()[-2]


def test_a_changed_article_is_exported_again_with_its_revision(tmp_path):
    site = tmp_path / "site"
    shutil.copytree(FIXTURES / "hatinh_district", site)
    with SiteServer(site) as server:
        assert govnews_crawl(tmp_path, "kyanh", "--base-url", server.url).returncode == 0
        page = site / "article-b.html"
        page.write_text(page.read_text(encoding="utf-8").replace("Hơn 500 đoàn viên", "Hơn 600 đoàn viên"),
                        encoding="utf-8")
        revisit = govnews_crawl(tmp_path, "kyanh", "--base-url", server.url, "--revisit", "1")
    assert revisit.returncode == 0, revisit.stderr[-2000:]
    last_run = manifests(tmp_path)[-1]
    (revised,) = [json.loads(line) for line in Path(last_run["portals"]["kyanh"]["file"]).read_text().splitlines()]
    assert revised["revision"] == 2 and "Hơn 600 đoàn viên" in revised["body"]
    assert last_run["portals"]["kyanh"]["revised"] == 1


def test_full_ignores_the_state(tmp_path):
    with SiteServer(FIXTURES / "hatinh_district") as server:
        govnews_crawl(tmp_path, "kyanh", "--base-url", server.url)
        again = govnews_crawl(tmp_path, "kyanh", "--base-url", server.url, "--full", "1")
    assert again.returncode == 0
    assert manifests(tmp_path)[-1]["portals"]["kyanh"]["items"] == 3


def test_a_run_killed_mid_way_resumes_without_loss_or_duplicate(tmp_path):
    site = tmp_path / "site"
    generate(site, 80)
    with SiteServer(site) as server:
        clean = govnews_crawl(tmp_path / "clean", "demo", "--base-url", server.url)
    assert clean.returncode == 0, clean.stderr[-2000:]
    with HeldSite(site, articles_after(25)) as server:  # the 26th article on wait until the kill
        killed = govnews_crawl(tmp_path / "killed", "demo", "--base-url", server.url, wait=False)
        assert server.reached.wait(120), "the crawl never got past 25 articles"
        stored = wait_for_stored(tmp_path / "killed", 25, timeout=120)
        os.kill(killed.pid, signal.SIGKILL)
        killed.wait()
        server.release()
        assert stored == stored_count(tmp_path / "killed") == 25
        resumed = govnews_crawl(tmp_path / "killed", "--resume")
    assert resumed.returncode == 0, resumed.stdout + resumed.stderr[-3000:]
    assert "resuming run" in resumed.stdout
    clean_items = {i["url"].split("/", 3)[3]: i["content_sha1"] for i in exports(tmp_path / "clean", "demo")}
    resumed_items = exports(tmp_path / "killed", "demo")
    resumed_urls = [i["url"].split("/", 3)[3] for i in resumed_items]
    assert len(clean_items) == 80
    assert len(resumed_urls) == len(set(resumed_urls)), "an article was exported twice"
    assert {u: i["content_sha1"] for u, i in zip(resumed_urls, resumed_items)} == clean_items, resumed.stdout
    assert not list((tmp_path / "killed" / "data" / "demo").glob("*.part"))
    assert manifests(tmp_path / "killed")[-1]["status"] == "finished"


def test_a_portal_whose_listing_changed_fails_the_run_by_name(tmp_path):
    with SiteServer(FIXTURES / "hatinh_district") as server:
        good = govnews_crawl(tmp_path, "demo", "kyanh", "--base-url", server.url + "/empty")
    assert good.returncode == 1
    assert "FAILED: " in good.stdout and "kyanh" in good.stdout.splitlines()[-1]
    assert "kyanh: check failed: no article listed" in good.stderr
    assert "kyanh" in manifests(tmp_path)[-1]["failed"]


def test_scrapy_crawlall_is_the_same_command(tmp_path):
    with SiteServer(FIXTURES / "wordpress") as server:
        done = subprocess.run(
            [sys.executable, "-m", "scrapy", "crawlall", "doluong", "--base-url", server.url,
             "--data-dir", str(tmp_path / "data"), "--state-dir", str(tmp_path / "state"), *FAST],
            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert len(exports(tmp_path, "doluong")) == 3
    assert "doluong" in done.stdout and "manifest:" in done.stdout


def test_unknown_spider_and_nothing_to_resume_are_usage_errors(tmp_path):
    unknown = govnews_crawl(tmp_path, "atlantis")
    assert unknown.returncode == 2 and "unknown spiders: atlantis" in unknown.stderr
    nothing = govnews_crawl(tmp_path, "--resume")
    assert nothing.returncode == 2 and "no unfinished run to resume" in nothing.stderr
