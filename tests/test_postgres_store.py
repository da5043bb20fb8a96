"""PostgreSQL as the store of record (a real server, devtools/postgres.py): the SQLite
store's guarantees, crawls that store into it and publish from it, a SIGKILL that loses
nothing, `govnews export` reading it, and two Redis workers sharing one record."""

import json
import os
import signal
import sqlite3
import sys
import time
from contextlib import closing
from pathlib import Path

import psycopg
import pytest

from govnews_crawler.devtools.loopback import SiteServer
from govnews_crawler.devtools.sample_site import generate
from govnews_crawler.state import StoreError, open_record
from govnews_crawler.state.postgres import SCHEMA_VERSION

from .crawling import ROOT
from .test_distributed import govnews, redis_url  # noqa: F401  (redis_url is a fixture)
from .test_production import exports, govnews_crawl, manifests

ARTICLES = 40


def item(url: str, title: str = "Hội nghị giao ban", **extra) -> str:
    return json.dumps({"url": url, "title": title, "published_at": "2020-07-05T16:30:00+07:00",
                       "event_date": "2020-07-05", "is_meeting": True, "meeting_kinds": ["regular"],
                       "officials": [{"name": "Nguyễn Văn An", "titles": ["Chủ tịch UBND huyện"], "roles": ["chair"]}],
                       "figures": [{"text": "12,5 tỷ đồng", "kind": "money", "value": 12.5e9, "unit": "đồng",
                                    "period": "2020", "indicator": None}], **extra}, ensure_ascii=False)


def rows(url: str) -> list[tuple[str, int, str]]:
    with psycopg.connect(url) as db:
        return db.execute("SELECT url, revision, run_id FROM articles ORDER BY seq").fetchall()


def query(kind: str, url: str, state: Path, sql: str) -> list[tuple]:
    """Rows of an analyst's query on either store, JSON arrays and booleans read the same way."""
    if kind == "postgres":
        with psycopg.connect(url) as db:
            found = db.execute(sql).fetchall()
    else:
        with closing(sqlite3.connect(state / "state.sqlite")) as db:
            found = db.execute(sql).fetchall()
    return [tuple(json.loads(v) if isinstance(v, str) and v[:1] == "[" else v for v in row) for row in found]


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_both_stores_keep_the_same_guarantees_and_views(tmp_path, kind, request):
    url = request.getfixturevalue("database_url") if kind == "postgres" else ""
    store = open_record(tmp_path, url)
    try:
        assert store.put("http://h/a", "demo", "s1", 1, "r1", item("http://h/a"))
        assert not store.put("http://h/a", "demo", "s1", 1, "r2", item("http://h/a")), "stored twice"
        assert store.put("http://h/a", "demo", "s2", 2, "r2", item("http://h/a", "Hội nghị (sửa)"))
        assert store.put("http://h/b", "demo", "s3", 1, "r2", item("http://h/b"))
        assert store.get("http://h/a").revision == 2 and store.get("http://h/x") is None
        assert store.count() == 2 and store.count("demo") == 2 and store.count("other") == 0
        assert store.unpublished() == [("demo", "r1"), ("demo", "r2")]
        assert [json.loads(i)["url"] for i in store.items("demo", "r2")] == ["http://h/a", "http://h/b"]
        assert list(store.items("demo", "r1")) == [item("http://h/a")]  # the text exactly as stored
        store.mark_published("demo", "r1", "data/demo/r1.jsonl")
        assert store.unpublished() == [("demo", "r2")]
        assert store.put("http://h/b", "demo", "s3", 1, "r3", item("http://h/b"), replace=True)  # full=1: again
        assert store.unpublished() == [("demo", "r2"), ("demo", "r3")]
    finally:
        store.close()
    # the analysts' views: latest revisions only
    assert query(kind, url, tmp_path, "SELECT url, revision, title, is_meeting FROM reports ORDER BY url") == [
        ("http://h/a", 2, "Hội nghị (sửa)", True), ("http://h/b", 1, "Hội nghị giao ban", True)]
    assert query(kind, url, tmp_path, "SELECT url, name, roles FROM officials ORDER BY url") == [
        ("http://h/a", "Nguyễn Văn An", ["chair"]), ("http://h/b", "Nguyễn Văn An", ["chair"])]
    assert query(kind, url, tmp_path, "SELECT DISTINCT kind, value, unit, period FROM figures") == [
        ("money", 12.5e9, "đồng", "2020")]


def test_a_newer_schema_or_a_server_down_is_one_clear_error(database_url, postgres):
    open_record("unused", database_url).close()
    with psycopg.connect(database_url, autocommit=True) as db:
        db.execute("UPDATE govnews_schema SET version = %s", (SCHEMA_VERSION + 1,))
    with pytest.raises(StoreError, match="newer than this govnews-crawler") as newer:
        open_record("unused", database_url)
    assert postgres.url().split("@")[0].split(":")[-1] not in str(newer.value), "the password was printed"
    down = database_url.replace(str(postgres.port), "1")
    with pytest.raises(StoreError, match="cannot use the store") as refused:
        open_record("unused", down)
    assert "\n" not in str(refused.value) and "***" in str(refused.value)
    with pytest.raises(StoreError, match="postgresql://"):
        open_record("unused", "mysql://x@h/db")


def test_workers_starting_together_migrate_once(database_url):
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(4) as pool:
        stores = list(pool.map(lambda _: open_record("unused", database_url), range(4)))
    for store in stores:
        store.close()
    with psycopg.connect(database_url) as db:
        assert db.execute("SELECT version FROM govnews_schema").fetchall() == [(SCHEMA_VERSION,)]


@pytest.fixture
def site(tmp_path):
    root = tmp_path / "site"
    return root, generate(root, ARTICLES)


def articles_of(routes: dict) -> set[str]:
    return {url.lstrip("/") for url in routes if "/read/" in url}


def test_a_crawl_stores_into_postgres_publishes_from_it_and_export_reads_it(tmp_path, site, database_url):
    root, routes = site
    with SiteServer(root) as server:
        first = govnews_crawl(tmp_path, "demo", "--base-url", server.url, "--database-url", database_url)
        server.hits.clear()
        second = govnews_crawl(tmp_path, "demo", "--base-url", server.url, "--database-url", database_url)
        hits = dict(server.hits)
    assert first.returncode == 0 and second.returncode == 0, first.stdout + first.stderr[-2000:]
    assert not (tmp_path / "state" / "state.sqlite").exists(), "the SQLite store was used instead"
    stored = rows(database_url)
    assert sorted(url.split("/", 3)[3] for url, _, _ in stored) == sorted(articles_of(routes))
    published = [i["url"].split("/", 3)[3] for i in exports(tmp_path, "demo")]
    assert sorted(published) == sorted(articles_of(routes))  # once each, from the first run
    assert not any("/read/" in path for path in hits), "the second run fetched a stored article"
    assert [m["status"] for m in manifests(tmp_path)] == ["finished", "finished"]
    out = tmp_path / "tables"
    done = govnews("export", "--database-url", database_url, "-o", str(out), "--no-parquet")
    assert done.returncode == 0, done.stderr
    assert f"{ARTICLES} reports" in done.stdout


def test_sigkill_mid_run_on_postgres_loses_nothing(tmp_path, site, database_url):
    root, routes = site
    with SiteServer(root, delay=0.02) as server:
        killed = govnews_crawl(tmp_path, "demo", "--base-url", server.url, "--database-url", database_url, wait=False)
        deadline = time.monotonic() + 60
        while len(rows(database_url) if _ready(database_url) else []) < 10 and time.monotonic() < deadline:
            time.sleep(0.02)
        os.kill(killed.pid, signal.SIGKILL)
        killed.wait()
        assert 10 <= len(rows(database_url)) < ARTICLES, "killed too late"
        resumed = govnews_crawl(tmp_path, "--resume", "--database-url", database_url)
    assert resumed.returncode == 0, resumed.stdout + resumed.stderr[-2000:]
    stored = [(url.split("/", 3)[3], revision) for url, revision, _ in rows(database_url)]
    assert sorted(stored) == sorted((url, 1) for url in articles_of(routes))
    published = [i["url"].split("/", 3)[3] for i in exports(tmp_path, "demo")]
    assert sorted(published) == sorted(articles_of(routes)), "lost or published twice"


def _ready(url: str) -> bool:
    with psycopg.connect(url) as db:
        return db.execute("SELECT to_regclass('articles')").fetchone()[0] is not None


def worker(redis, database_url, base, log, tmp_path):
    import subprocess

    return subprocess.Popen([sys.executable, "-m", "scrapy", "crawl", "demo", "-a", f"base_url={base}",
                             "-s", f"REDIS_URL={redis}", "-s", f"GOVNEWS_DATABASE_URL={database_url}",
                             "-s", f"LOG_FILE={log}", "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "DOWNLOAD_DELAY=0",
                             "-s", "GOVNEWS_REDIS_LEASE_SECONDS=2", "-s", f"GOVNEWS_STATS_FILE={log}.stats.json"],
                            cwd=ROOT)


def test_two_workers_one_killed_store_every_article_once_and_night_two_only_new(tmp_path, redis_url,  # noqa: F811
                                                                               database_url):
    site = tmp_path / "site"
    generate(site, 80)
    with SiteServer(site, delay=0.05) as server:
        port = int(server.url.rsplit(":", 1)[1].split("/")[0])
        seed = ["-s", f"REDIS_URL={redis_url}"]
        assert govnews("seed", "demo", "--fresh", "--base-url", server.url, *seed).returncode == 0
        workers = [worker(redis_url, database_url, server.url, tmp_path / f"w{n}.log", tmp_path) for n in (1, 2)]
        deadline = time.monotonic() + 60
        while (not _ready(database_url) or len(rows(database_url)) < 15) and time.monotonic() < deadline:
            time.sleep(0.05)
        victim, survivor = workers
        os.kill(victim.pid, signal.SIGKILL)
        assert survivor.wait(timeout=180) == 0
        victim.wait()
    first_night = rows(database_url)
    assert len(first_night) == len({url for url, _, _ in first_night}) == 80, "an article lost or stored twice"
    assert "are back in the queue" in (tmp_path / "w2.log").read_text()

    generate(site, 100)  # twenty more articles by the next night
    with SiteServer(site, port=port, delay=0.02) as server:
        assert govnews("seed", "demo", "--fresh", "--base-url", server.url, *seed).returncode == 0
        workers = [worker(redis_url, database_url, server.url, tmp_path / f"n{n}.log", tmp_path) for n in (1, 2)]
        assert [w.wait(timeout=180) for w in workers] == [0, 0]
        hits = dict(server.hits)
    new = [url for url, _, _ in rows(database_url)[80:]]
    assert sorted(u.rsplit("/", 1)[1] for u in new) == sorted(f"hoi-nghi-so-{i}.html" for i in range(80, 100))
    assert sum(1 for path in hits if "/read/" in path) == 20  # stored articles are not fetched again


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_a_plain_scrapy_crawl_stores_with_a_run_id_and_the_next_run_publishes_it(tmp_path, site, kind, request):
    from .crawling import run_scrapy

    root, routes = site
    record = {"GOVNEWS_DATABASE_URL": request.getfixturevalue("database_url")} if kind == "postgres" else {}
    with SiteServer(root) as server:
        done = run_scrapy("demo", tmp_path, {"base_url": server.url},
                          {"GOVNEWS_STATE_DIR": str(tmp_path / "state"), **record})
        assert done.returncode == 0, done.log[-2000:]
        assert len(done.items) == ARTICLES  # the feed, as Scrapy users expect
        url_option = ["--database-url", record["GOVNEWS_DATABASE_URL"]] if record else []
        after = govnews_crawl(tmp_path, "demo", "--base-url", server.url, *url_option)
    assert after.returncode == 0, after.stdout + after.stderr[-2000:]
    assert "published what an earlier run stored" in after.stdout
    files = sorted((tmp_path / "data" / "demo").glob("*.jsonl"))
    assert len(files) == 1 and files[0].name != ".jsonl"  # the crawl's own run id, not an empty one
    assert sorted(i["url"].split("/", 3)[3] for i in exports(tmp_path, "demo")) == sorted(articles_of(routes))


def test_the_database_lost_mid_run_stops_the_run_loudly_and_the_next_run_completes_it(tmp_path, site):
    from govnews_crawler.devtools.postgres import PostgresServer

    root, routes = site
    with PostgresServer() as own, SiteServer(root, delay=0.03) as server:
        url = own.database("lost")
        lost = govnews_crawl(tmp_path, "demo", "--base-url", server.url, "--database-url", url, wait=False)
        deadline = time.monotonic() + 60
        while (not _ready(url) or len(rows(url)) < 10) and time.monotonic() < deadline:
            time.sleep(0.02)
        own.stop()  # the database server goes away mid-crawl
        out, err = lost.communicate(timeout=120)
        assert lost.returncode == 1, out + err[-2000:]
        assert "FAILED: demo" in out and "could not be stored" in out
        own.start()
        before = len(rows(url))
        assert 10 <= before < ARTICLES
        again = govnews_crawl(tmp_path, "demo", "--base-url", server.url, "--database-url", url)
        stored = [row[0].split("/", 3)[3] for row in rows(url)]
    assert again.returncode == 0, again.stdout + again.stderr[-2000:]
    assert sorted(stored) == sorted(articles_of(routes)), "an article lost or stored twice"
    published = [i["url"].split("/", 3)[3] for i in exports(tmp_path, "demo")]
    assert sorted(published) == sorted(articles_of(routes)), "what the store holds is published once"


def test_crawls_opening_a_new_sqlite_store_together_migrate_once(tmp_path):
    import threading

    for attempt in range(5):
        state, barrier, counts, errors = tmp_path / str(attempt), threading.Barrier(6), [], []

        def open_and_count(state=state, barrier=barrier, counts=counts, errors=errors):
            barrier.wait()
            try:
                store = open_record(state)
                counts.append(store.count())
                store.close()
            except Exception as problem:  # collected for the assertion below
                errors.append(problem)

        threads = [threading.Thread(target=open_and_count) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert not errors and counts == [0] * 6
        with closing(sqlite3.connect(state / "state.sqlite")) as db:
            assert db.execute("PRAGMA user_version").fetchone()[0] == 3
