"""The store is the record: nothing lost or doubled, whatever happens to a run."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from govnews_crawler.devtools.loopback import SiteServer
from govnews_crawler.devtools.sample_site import PER_PAGE, PREFIX, generate

from .crawling import ROOT
from .test_production import HeldSite, articles_after, exports, govnews_crawl, manifests, stored_count, wait_for_stored

ARTICLES = 40


def store_rows(tmp_path: Path) -> list[tuple[str, int]]:
    with closing(sqlite3.connect(tmp_path / "state" / "state.sqlite")) as db:
        return db.execute("SELECT url, revision FROM articles").fetchall()


def article_urls(routes: dict) -> set[str]:
    return {url.lstrip("/") for url in routes if "/read/" in url}


def assert_every_article_once(tmp_path: Path, routes: dict) -> None:
    """Published files and the store each hold every article exactly once (revision 1)."""
    published = [(i["url"].split("/", 3)[3], i["revision"]) for i in exports(tmp_path, "demo")]
    assert len(published) == len(set(published)), "an article was published twice"
    expected = {(url, 1) for url in article_urls(routes)}
    assert set(published) == expected
    stored = [(url.split("/", 3)[3], revision) for url, revision in store_rows(tmp_path)]
    assert sorted(stored) == sorted(expected)
    assert not list((tmp_path / "data" / "demo").glob("*.part"))


@pytest.fixture
def site(tmp_path):
    root = tmp_path / "site"
    return root, generate(root, ARTICLES)


def test_sigkill_after_the_last_item_before_publication_loses_nothing(tmp_path, site):
    root, routes = site
    last = root / f"listing-{ARTICLES // PER_PAGE}.html"  # its listing page links on to a page held till the kill
    extra = f"{PREFIX}/folder/tin-tuc/{ARTICLES // PER_PAGE + 1}.html"
    last.write_text(last.read_text(encoding="utf-8").replace(
        '<div class="paging"></div>', f'<div class="paging"><a class="next" href="{extra}">Trang sau</a></div>'),
        encoding="utf-8")
    with HeldSite(root, lambda target: target == extra) as server:
        killed = govnews_crawl(tmp_path, "demo", "--base-url", server.url, wait=False)
        assert server.reached.wait(120), "the crawl never reached its last listing page"
        stored = wait_for_stored(tmp_path, ARTICLES, timeout=120)
        os.kill(killed.pid, signal.SIGKILL)
        killed.wait()
        server.release()
        assert stored == ARTICLES and not list((tmp_path / "data" / "demo").glob("*.jsonl"))
        server.hits.clear()
        resumed = govnews_crawl(tmp_path, "--resume")
        hits = dict(server.hits)
    assert resumed.returncode == 0, resumed.stdout + resumed.stderr[-2000:]
    assert "published what an earlier run stored" in resumed.stdout
    assert not any("/read/" in path for path in hits), "an article the store held was fetched again"
    assert_every_article_once(tmp_path, routes)
    assert manifests(tmp_path)[-1]["status"] == "finished"


def test_a_jobdir_queue_of_0_bytes_is_dropped_and_the_listings_walked_again(tmp_path, site):
    root, routes = site
    with HeldSite(root, articles_after(10)) as server:
        killed = govnews_crawl(tmp_path, "demo", "--base-url", server.url, wait=False)
        assert server.reached.wait(120) and wait_for_stored(tmp_path, 10, timeout=120) == 10
        os.kill(killed.pid, signal.SIGKILL)
        killed.wait()
        server.release()
        queues = [f for f in (tmp_path / "state" / "runs").rglob("*") if f.is_file() and "requests.queue" in f.parts]
        assert queues, "the killed run left no queue file"
        for queue in queues:
            queue.write_bytes(b"")
        resumed = govnews_crawl(tmp_path, "--resume")
    assert resumed.returncode == 0, resumed.stdout + resumed.stderr[-2000:]
    assert f"WARNING: demo: the JOBDIR file {queues[0]} does not load" in resumed.stderr
    assert manifests(tmp_path)[-1]["portals"]["demo"]["stats"]["govnews/jobdir/dropped"] == 1
    assert_every_article_once(tmp_path, routes)
    assert manifests(tmp_path)[-1]["status"] == "finished"


def test_sigterm_marks_the_run_interrupted_and_resume_finishes_it(tmp_path, site):
    root, routes = site
    with HeldSite(root, articles_after(5)) as server:
        stopped = govnews_crawl(tmp_path, "demo", "--base-url", server.url, "-s", "LOG_LEVEL=INFO", wait=False)
        assert server.reached.wait(120) and wait_for_stored(tmp_path, 5, timeout=120) == 5
        stopped.send_signal(signal.SIGTERM)
        for line in stopped.stderr:  # Scrapy waits for what is in flight: let it go once it is shutting down
            if "shutting down gracefully" in line:
                break
        server.release()
        out, _ = stopped.communicate(timeout=120)
        assert stopped.returncode == 1, out
        (manifest,) = manifests(tmp_path)
        assert manifest["status"] == "interrupted" and "--resume" in out
        assert stored_count(tmp_path) < ARTICLES
        resumed = govnews_crawl(tmp_path, "--resume")
    assert resumed.returncode == 0, resumed.stdout + resumed.stderr[-2000:]
    assert "resuming run " + manifest["run_id"] in resumed.stdout
    assert "does not load" not in resumed.stderr, "a queue closed by SIGTERM was taken for a broken one"
    assert_every_article_once(tmp_path, routes)
    assert manifests(tmp_path)[-1]["status"] == "finished"


def test_a_resume_while_the_portal_is_down_then_a_run_once_it_is_back(tmp_path, site):
    root, routes = site
    with HeldSite(root, articles_after(5)) as server:
        killed = govnews_crawl(tmp_path, "demo", "--base-url", server.url, wait=False)
        assert server.reached.wait(120) and wait_for_stored(tmp_path, 5, timeout=120) == 5
        os.kill(killed.pid, signal.SIGKILL)
        killed.wait()
        port = server.url.rsplit(":", 1)[1]
    down = govnews_crawl(tmp_path, "--resume", "-s", "RETRY_TIMES=0")  # nothing listens on the port now
    assert down.returncode == 1, down.stdout
    assert "FAILED: demo" in down.stdout
    with SiteServer(root, port=int(port)) as server:
        back = govnews_crawl(tmp_path, "demo", "--base-url", server.url)
    assert back.returncode == 0, back.stdout + back.stderr[-2000:]
    assert_every_article_once(tmp_path, routes)


def test_a_full_disk_at_publication_is_reported_and_the_next_run_publishes(tmp_path, site):
    root, routes = site
    data = tmp_path / "data"
    data.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8k", "tmpfs", str(data)], check=True)
    try:
        with SiteServer(root) as server:
            full = govnews_crawl(tmp_path, "demo", "--base-url", server.url)
            assert full.returncode == 1, full.stdout
            assert "publication failed" in full.stdout and "No space left" in full.stdout
            assert stored_count(tmp_path) == ARTICLES
            assert not list((data / "demo").glob("*.jsonl"))
            subprocess.run(["mount", "-o", "remount,size=10m", str(data)], check=True)
            server.hits.clear()
            after = govnews_crawl(tmp_path, "demo", "--base-url", server.url)
            hits = dict(server.hits)
        assert after.returncode == 0, after.stdout + after.stderr[-2000:]
        assert not any("/read/" in path for path in hits)
        assert_every_article_once(tmp_path, routes)
    finally:
        subprocess.run(["umount", str(data)], check=False)


def test_two_runs_at_once_the_second_exits_naming_the_first(tmp_path, site):
    root, routes = site
    with HeldSite(root, articles_after(1)) as server:  # the first run waits until the second has tried
        first = govnews_crawl(tmp_path, "demo", "--base-url", server.url, wait=False)
        assert server.reached.wait(120) and wait_for_stored(tmp_path, 1, timeout=120) == 1
        began = time.monotonic()
        second = govnews_crawl(tmp_path, "demo", "--base-url", server.url)
        assert time.monotonic() - began < 20
        server.release()
        out, err = first.communicate(timeout=120)
    assert second.returncode == 2
    assert f"pid {first.pid}" in second.stderr and "started 20" in second.stderr
    assert first.returncode == 0, out + err[-2000:]
    assert len(manifests(tmp_path)) == 1
    assert_every_article_once(tmp_path, routes)


def test_a_store_with_a_garbage_page_stops_the_run_naming_the_file(tmp_path):
    with SiteServer(ROOT / "tests" / "fixtures" / "hatinh_district") as server:
        assert govnews_crawl(tmp_path, "kyanh", "--base-url", server.url).returncode == 0
        path = tmp_path / "state" / "state.sqlite"
        with closing(sqlite3.connect(path)) as db:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            page_size = db.execute("PRAGMA page_size").fetchone()[0]
        with path.open("r+b") as f:
            f.seek(page_size)  # page 2: the articles table
            f.write(os.urandom(page_size))
        again = govnews_crawl(tmp_path, "kyanh", "--base-url", server.url)
    assert again.returncode == 1
    assert str(path) in again.stderr and "backup" in again.stderr
    assert "Traceback" not in again.stderr


def test_a_store_of_a_newer_schema_is_refused(tmp_path):
    path = tmp_path / "state" / "state.sqlite"
    path.parent.mkdir(parents=True)
    with closing(sqlite3.connect(path)) as db:
        db.execute("PRAGMA user_version = 99")
    done = govnews_crawl(tmp_path, "kyanh")
    assert done.returncode == 1 and "schema version 99" in done.stderr


def test_a_store_of_the_old_schema_is_migrated(tmp_path):
    from govnews_crawler.state.sqlite import StateStore

    path = tmp_path / "state.sqlite"
    with closing(sqlite3.connect(path)) as db:
        db.execute("CREATE TABLE exported (url TEXT PRIMARY KEY, portal TEXT, content_sha1 TEXT NOT NULL, "
                   "revision INTEGER NOT NULL, run_id TEXT, exported_at TEXT NOT NULL)")
        db.execute("INSERT INTO exported VALUES ('http://a/1', 'kyanh', 'abc', 2, 'r1', '2025-01-01T00:00:00Z')")
        db.commit()
    store = StateStore(path)
    try:
        known = store.get("http://a/1")
        assert known is not None and (known.content_sha1, known.revision) == ("abc", 2)
        assert store.unpublished() == []  # its items are in the files 0.1 published
    finally:
        store.close()


def test_export_skips_a_torn_line_naming_file_and_line(tmp_path, site):
    root, _ = site
    with SiteServer(root) as server:
        assert govnews_crawl(tmp_path, "demo", "--base-url", server.url).returncode == 0
    (file,) = (tmp_path / "data" / "demo").glob("*.jsonl")
    lines = file.read_bytes().splitlines(keepends=True)
    file.write_bytes(b"".join(lines[:-1]) + lines[-1][: len(lines[-1]) // 2])  # a torn last line
    done = subprocess.run([sys.executable, "-m", "govnews_crawler.cli", "export", str(file), "-o",
                           str(tmp_path / "t"), "--no-parquet"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert f"{file}:{len(lines)}: skipped a torn" in done.stderr and "Traceback" not in done.stderr
    assert f"{ARTICLES - 1} reports" in done.stdout
    from_store = subprocess.run([sys.executable, "-m", "govnews_crawler.cli", "export", "--state-dir",
                                 str(tmp_path / "state"), "-o", str(tmp_path / "s"), "--no-parquet"],
                                cwd=ROOT, capture_output=True, text=True)
    assert from_store.returncode == 0, from_store.stderr
    assert f"{ARTICLES} reports" in from_store.stdout
    urls = [json.loads(line)["url"] for line in lines[:-1]]
    assert len(set(urls)) == ARTICLES - 1


def test_scrapy_crawl_with_a_bad_store_is_one_line_before_any_crawl(tmp_path):
    state = tmp_path / "state"
    state.mkdir()
    (state / "state.sqlite").write_bytes(b"SQLite format 3\x00" + os.urandom(8192))
    cases = [(["-s", f"GOVNEWS_STATE_DIR={state}"], "state.sqlite", 1),
             (["-s", "REDIS_URL=redis://:pw@127.0.0.1:1/0"], "a worker needs a store of record", 1),
             (["-s", f"GOVNEWS_STATE_DIR={tmp_path}", "-s", "GOVNEWS_DATABASE_URL=mysql://h/db"], "postgresql://", 1)]
    for extra, named, status in cases:
        done = subprocess.run([sys.executable, "-m", "scrapy", "crawl", "kyanh", *extra], cwd=ROOT,
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == status, done.stderr[-2000:]
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and named in lines[0], done.stderr[-2000:]
