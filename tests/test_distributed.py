"""Several workers on one Redis queue: no URL fetched twice, no article lost or exported
twice when a worker is SIGKILLed, a second night that exports only what is new, and a
queue that runs nothing it did not write."""

import json
import os
import pickle
import shutil
import signal
import socket
import subprocess
import sys
import time

import pytest

from govnews_crawler.devtools.fake_archive import FakeArchive, FakeCapture
from govnews_crawler.devtools.loopback import SiteServer
from govnews_crawler.devtools.sample_site import generate

from .crawling import FIXTURES, ROOT, assert_no_deprecations, crawl

FAST = ["-s", "AUTOTHROTTLE_ENABLED=0", "-s", "DOWNLOAD_DELAY=0", "-s", "GOVNEWS_REDIS_LEASE_SECONDS=2"]
PASSWORD = "s3cret-for-tests"


@pytest.fixture
def redis_url(tmp_path):
    """A real redis-server on a free loopback port, with a password."""
    server = shutil.which("redis-server")
    assert server, "redis-server is needed: apt-get install redis-server (.ci/run installs it)"
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    process = subprocess.Popen([server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                                "--requirepass", PASSWORD, "--dir", str(tmp_path)], stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    yield f"redis://:{PASSWORD}@127.0.0.1:{port}/0"
    process.terminate()
    process.wait()


def worker(url, base, out, log, state):
    return subprocess.Popen([sys.executable, "-m", "scrapy", "crawl", "demo", "-a", f"base_url={base}", "-O", str(out),
                             "-s", f"REDIS_URL={url}", "-s", f"LOG_FILE={log}", "-s", f"GOVNEWS_STATE_DIR={state}",
                             "-s", f"GOVNEWS_STATS_FILE={log}.stats.json", *FAST], cwd=ROOT)


def govnews(*args):
    return subprocess.run([sys.executable, "-m", "govnews_crawler.cli", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


def exported(*paths):
    """Exported articles by path (one entry per line, so a duplicate shows)."""
    items = [json.loads(line) for p in paths if p.exists() for line in p.read_bytes().splitlines() if line.strip()]
    return [(i["url"].split("/", 3)[3], i["content_sha1"]) for i in items]


def single_crawl(site, tmp_path):
    (tmp_path / "single").mkdir(exist_ok=True)
    done = crawl("demo", site, tmp_path / "single")
    assert done.returncode == 0
    return {i["url"].split("/", 3)[3]: i["content_sha1"] for i in done.items}


def stats(log):
    return json.loads(log.with_name(log.name + ".stats.json").read_text())


def test_two_workers_share_one_crawl_and_a_pickle_runs_nothing(redis_url, tmp_path):
    import redis

    site = tmp_path / "site"
    generate(site, 60)
    expected = single_crawl(site, tmp_path)
    marker = tmp_path / "pwned"

    class Exploit:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    with SiteServer(site, delay=0.02) as server:
        seeded = govnews("seed", "demo", "--base-url", server.url, "-s", f"REDIS_URL={redis_url}")
        assert seeded.stdout.strip() == "demo: 1 requests seeded, 1 in the queue", seeded.stderr
        # Someone who reaches Redis pushes a pickle (first in line) and a request naming spider.close.
        client = redis.Redis.from_url(redis_url)
        client.zadd("demo:requests", {pickle.dumps(Exploit()): -100,
                                      json.dumps({"url": server.url + "/x", "callback": "close"}).encode(): -99})
        logs = [tmp_path / "w1.log", tmp_path / "w2.log"]
        outs = [tmp_path / "w1.jsonl", tmp_path / "w2.jsonl"]
        workers = [worker(redis_url, server.url, out, log, tmp_path / "state") for out, log in zip(outs, logs)]
        assert [w.wait(timeout=120) for w in workers] == [0, 0]
        hits = dict(server.hits)
    assert not marker.exists(), "the pickled payload ran"
    assert sum(stats(log).get("govnews/distributed/rejected_payloads", 0) for log in logs) == 2
    assert "/x" not in hits
    articles = exported(*outs)
    assert len(articles) == len({u for u, _ in articles}) == 60
    assert dict(articles) == expected
    hits.pop("/robots.txt", None)  # each worker reads robots.txt itself
    assert max(hits.values()) == 1  # no page fetched twice by the two workers
    for log in logs:
        text = log.read_text()
        assert_no_deprecations(text)
        assert "check failed" not in text
        assert stats(log).get("govnews/distributed/unsettled", 0) == 0  # every finished request was tracked
    assert sum(stats(log).get("govnews/distributed/listing_requests_received", 0) for log in logs) == 3
    status = govnews("seed", "demo", "--status", "-s", f"REDIS_URL={redis_url}",
                     "-s", f"GOVNEWS_STATE_DIR={tmp_path / 'state'}")
    header, _, row = status.stdout.splitlines()
    assert dict(zip(header.split(), row.split())) == {
        "portal": "demo", "queued": "0", "seen": "63", "in_flight": "0", "workers_alive": "0", "stored": "60"}


def test_a_killed_worker_loses_nothing_and_night_two_stores_only_new(redis_url, tmp_path):
    site = tmp_path / "site"
    generate(site, 80)
    expected = single_crawl(site, tmp_path)
    state = tmp_path / "state"
    outs = [tmp_path / "w1.jsonl", tmp_path / "w2.jsonl"]
    logs = [tmp_path / "w1.log", tmp_path / "w2.log"]
    with SiteServer(site, delay=0.05) as server:
        port = int(server.url.rsplit(":", 1)[1].split("/")[0])
        assert govnews("seed", "demo", "--fresh", "--base-url", server.url, "-s", f"REDIS_URL={redis_url}").returncode == 0
        workers = [worker(redis_url, server.url, out, log, state) for out, log in zip(outs, logs)]
        victim, deadline = None, time.monotonic() + 60
        while victim is None and time.monotonic() < deadline:
            for process, out in zip(workers, outs):
                part = out.with_name(out.name + ".part")
                if part.exists() and len(part.read_bytes().splitlines()) >= 10:
                    victim = process
                    break
            time.sleep(0.05)
        assert victim is not None, "no worker got going"
        os.kill(victim.pid, signal.SIGKILL)
        survivor = workers[1 - workers.index(victim)]
        assert survivor.wait(timeout=120) == 0
        victim.wait()
        assert victim.returncode == -signal.SIGKILL
        # The next night: the same seed without --fresh finds its listing seen, with it starts anew.
        again = govnews("seed", "demo", "--base-url", server.url, "-s", f"REDIS_URL={redis_url}")
        assert again.stdout.strip() == "demo: 0 requests seeded, 0 in the queue"
    first_night = exported(*outs, *[out.with_name(out.name + ".part") for out in outs])
    assert len(first_night) == len({u for u, _ in first_night}), "an article was exported twice"
    assert dict(first_night) == expected, "an article was lost"
    log = logs[workers.index(survivor)].read_text()
    assert "stopped without finishing;" in log and "are back in the queue" in log
    assert stats(logs[workers.index(survivor)])["govnews/distributed/requeued_from_dead"] <= 10  # what was in flight, not the crawl

    generate(site, 100)  # twenty more articles by the second night
    night_two = [tmp_path / "n1.jsonl", tmp_path / "n2.jsonl"]
    with SiteServer(site, port=port, delay=0.02) as server:  # the same address as the first night
        fresh = govnews("seed", "demo", "--fresh", "--base-url", server.url, "-s", f"REDIS_URL={redis_url}")
        assert fresh.stdout.strip() == "demo: 1 requests seeded, 1 in the queue", fresh.stderr
        workers = [worker(redis_url, server.url, out, tmp_path / f"n{n}.log", state)
                   for n, out in enumerate(night_two, 1)]
        assert [w.wait(timeout=120) for w in workers] == [0, 0]
        hits = dict(server.hits)
    new = exported(*night_two)
    assert sorted(u.rsplit("/", 1)[1] for u, _ in new) == sorted(f"hoi-nghi-so-{i}.html" for i in range(80, 100))
    assert not {u for u, _ in new} & {u for u, _ in first_night}
    assert sum(1 for path in hits if "/read/" in path) == 20  # known articles are not fetched again


def test_fresh_joins_a_crawl_under_way(redis_url):
    import redis

    client = redis.Redis.from_url(redis_url)
    client.sadd("govnews:demo:workers", "elsewhere-1")
    client.set("govnews:demo:lease:elsewhere-1", "1", ex=30)
    client.zadd("demo:requests", {b"{}": 0})
    joined = govnews("seed", "demo", "--fresh", "-s", f"REDIS_URL={redis_url}")
    assert joined.stdout.strip() == "demo: a crawl is under way (1 workers alive); joined it, 1 in the queue"
    assert client.zcard("demo:requests") == 1


def test_a_worker_refuses_redis_without_a_password_in_one_line(redis_url, tmp_path):
    port = redis_url.rsplit(":", 1)[1].split("/")[0]
    scrapy_crawl = [sys.executable, "-m", "scrapy", "crawl", "demo"]
    govnews_crawl = [sys.executable, "-m", "govnews_crawler.cli", "crawl", "demo"]
    scrapy_crawlall = [sys.executable, "-m", "scrapy", "crawlall", "demo"]
    # 10.255.255.1 is never connected to: the refusal comes before any connection.
    for url, extra, why in ((f"redis://10.255.255.1:{port}/0", ["-s", "GOVNEWS_REDIS_INSECURE=1"], "not on this machine"),
                            (f"redis://127.0.0.1:{port}/0", [], "for a loopback test")):
        for command, name in ((scrapy_crawl, "scrapy crawl demo"), (govnews_crawl, "govnews crawl"),
                              (scrapy_crawlall, "scrapy crawlall")):
            start = time.monotonic()
            done = subprocess.run([*command, "-s", f"REDIS_URL={url}", "-s", f"GOVNEWS_STATE_DIR={tmp_path / 'state'}",
                                   *extra], cwd=ROOT, capture_output=True, text=True, timeout=60)
            assert done.returncode == 2, done.stderr
            assert len(done.stderr.splitlines()) == 1, done.stderr  # one line, no traceback, no log
            assert done.stderr.startswith(f"{name}: refusing the Redis at ") and why in done.stderr
            assert time.monotonic() - start < 30
    seeded = govnews("seed", "demo", "-s", f"REDIS_URL=redis://10.255.255.1:{port}/0", "--insecure-redis")
    assert seeded.returncode == 2 and "not on this machine" in seeded.stderr


def test_a_worker_stopped_by_sigterm_gives_back_what_it_had_in_flight(redis_url, tmp_path):
    site = tmp_path / "site"
    generate(site, 40)
    state, first, second = tmp_path / "state", tmp_path / "w1.jsonl", tmp_path / "w2.jsonl"
    with SiteServer(site, delay=0.1) as server:
        assert govnews("seed", "demo", "--base-url", server.url, "-s", f"REDIS_URL={redis_url}").returncode == 0
        stopped = worker(redis_url, server.url, first, tmp_path / "w1.log", state)
        part, deadline = first.with_name(first.name + ".part"), time.monotonic() + 60
        while not (part.exists() and len(part.read_bytes().splitlines()) >= 5) and time.monotonic() < deadline:
            time.sleep(0.05)
        stopped.send_signal(signal.SIGTERM)
        stopped.wait(timeout=60)
        status = govnews("seed", "demo", "--status", "-s", f"REDIS_URL={redis_url}")
        row = dict(zip(status.stdout.splitlines()[0].split(), status.stdout.splitlines()[2].split()))
        assert row["in_flight"] == "0" and row["workers_alive"] == "0" and int(row["queued"]) > 0
        assert worker(redis_url, server.url, second, tmp_path / "w2.log", state).wait(timeout=120) == 0
    articles = exported(first, first.with_name(first.name + ".part"), second)
    assert len(articles) == len({u for u, _ in articles}) == 40


class SlowArchive(FakeArchive):
    """The fake archive, taking ``delay`` seconds over each answer (so both workers are busy)."""

    def __init__(self, captures, delay=0.02):
        self.delay = delay
        super().__init__(captures)

    def answer(self, target):
        time.sleep(self.delay)
        return super().answer(target)


def archive_captures():
    """30 articles with 1 to 3 captures each; with 2 rows a CDX page, a page's captures
    straddle CDX pages. Also the address of each article's newest capture."""
    page = (FIXTURES / "hatinh_district" / "article-a.html").read_text(encoding="utf-8")
    newest, captures = {}, []
    for n in range(30):
        url = f"https://kyanh.hatinh.gov.vn/kyanh/portal/read/tin-tuc/chinh-tri/bai-so-{n}.html"
        body = page.replace("Hội nghị giao ban", f"Hội nghị giao ban số {n}").encode()
        for version in range(n % 3 + 1):
            captures.append(FakeCapture(f"2020{version + 1:02d}{n % 28 + 1:02d}000000", url, body=body, digest=f"{n}-{version}"))
        newest[url] = f"/web/{captures[-1].timestamp}id_/{url}"
    return captures, newest


def archive_worker(settings, out, log):
    """A worker on the archive portal kyanh; the workers of a test share one store (their tmp folder's)."""
    return subprocess.Popen([sys.executable, "-m", "scrapy", "crawl", "kyanh", "-O", str(out), *settings,
                             "-s", f"GOVNEWS_STATE_DIR={out.parent / 'state'}", "-s", f"LOG_FILE={log}", "-s", f"GOVNEWS_STATS_FILE={log}.stats.json", *FAST], cwd=ROOT)


def test_two_workers_read_one_archive_listing_and_fetch_each_newest_capture_once(redis_url, tmp_path):
    captures, newest = archive_captures()
    settings = ["-s", "WAYBACK_CDX_PAGE_SIZE=2", "-s", "WAYBACK_WINDOW=1", "-s", f"REDIS_URL={redis_url}"]
    with SlowArchive(captures) as archive:
        settings += ["-s", f"WAYBACK_ENDPOINT={archive.url}"]
        seeded = govnews("seed", "kyanh", *settings)
        assert seeded.stdout.strip() == "kyanh: 1 requests seeded, 1 in the queue", seeded.stderr
        outs, logs = [tmp_path / "w1.jsonl", tmp_path / "w2.jsonl"], [tmp_path / "w1.log", tmp_path / "w2.log"]
        workers = [archive_worker(settings, out, log) for out, log in zip(outs, logs)]
        assert [w.wait(timeout=120) for w in workers] == [0, 0], [log.read_text()[-2000:] for log in logs]
        requests = list(archive.requests)
    fetched = [r for r in requests if "id_/" in r]
    assert sorted(fetched) == sorted(newest.values())  # every page's newest capture, each once
    assert sum(r.startswith("/cdx/") for r in requests) == (len(captures) + 1) // 2  # the listing read once
    articles = exported(*outs)
    assert len(articles) == len({u for u, _ in articles}) == 30
    assert sorted(stats(log).get("govnews/archive/cdx_pages", 0) for log in logs) == [0, 30]  # the walk on one worker
    # ... and the captures for both: the idle one took them as soon as they were queued, not on a 5 s heartbeat
    assert all(stats(log).get("govnews/archive/budget/capture", 0) for log in logs)
    for log in logs:
        assert "Traceback" not in log.read_text()


def test_a_worker_killed_mid_walk_has_the_listing_walked_again_by_another(redis_url, tmp_path):
    captures, newest = archive_captures()
    settings = ["-s", "WAYBACK_CDX_PAGE_SIZE=2", "-s", "WAYBACK_WINDOW=1", "-s", f"REDIS_URL={redis_url}"]
    with SlowArchive(captures, delay=0.3) as archive:
        settings += ["-s", f"WAYBACK_ENDPOINT={archive.url}"]
        assert govnews("seed", "kyanh", *settings).returncode == 0
        first = archive_worker(settings, tmp_path / "w1.jsonl", tmp_path / "w1.log")  # alone: it takes the walk
        deadline = time.monotonic() + 60
        while sum(r.startswith("/cdx/") for r in archive.requests) < 3 and time.monotonic() < deadline:
            time.sleep(0.05)
        second = archive_worker(settings, tmp_path / "w2.jsonl", tmp_path / "w2.log")
        log = tmp_path / "w2.log"
        while not (log.exists() and "joined the shared queue" in log.read_text(errors="replace")):
            assert time.monotonic() < deadline, "the second worker did not start"
            time.sleep(0.05)
        walked = sum(r.startswith("/cdx/") for r in archive.requests)
        assert walked < 30, "the walk ended before the first worker was killed"
        os.kill(first.pid, signal.SIGKILL)
        assert second.wait(timeout=120) == 0, log.read_text()[-2000:]
        first.wait()
        requests = list(archive.requests)
    assert sorted(r for r in requests if "id_/" in r) == sorted(newest.values())  # nothing lost, nothing twice
    assert stats(log)["govnews/archive/cdx_pages"] == 30  # the whole listing, walked again
    assert "stopped without finishing;" in log.read_text()
