"""Several workers on one Redis (scrapy-redis): shared queue, no URL fetched twice, no
article lost or exported twice, even when a worker is killed half-way."""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time

import pytest

from govnews_crawler.devtools.loopback import SiteServer
from govnews_crawler.devtools.sample_site import generate

from .crawling import ROOT, assert_no_deprecations, crawl

FAST = ["-s", "AUTOTHROTTLE_ENABLED=0", "-s", "DOWNLOAD_DELAY=0"]


@pytest.fixture
def redis_url(tmp_path):
    server = shutil.which("redis-server")
    assert server, "redis-server is needed: apt-get install redis-server (.ci/run installs it)"
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    process = subprocess.Popen([server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                                "--dir", str(tmp_path)], stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    process.terminate()
    process.wait()


def worker(url, base, out, log):
    return subprocess.Popen([sys.executable, "-m", "scrapy", "crawl", "demo", "-a", f"base_url={base}", "-O", str(out),
                             "-s", f"REDIS_URL={url}", "-s", f"LOG_FILE={log}", *FAST], cwd=ROOT)


def lines(*paths):
    return [json.loads(line) for p in paths if p.exists() for line in p.read_bytes().splitlines() if line.strip()]


def single_crawl(site, tmp_path):
    done = crawl("demo", site, tmp_path / "single")
    assert done.returncode == 0
    return {i["url"].split("/", 3)[3]: i["content_sha1"] for i in done.items}


def test_two_workers_share_one_crawl(redis_url, tmp_path):
    site = tmp_path / "site"
    generate(site, 60)
    (tmp_path / "single").mkdir()
    expected = single_crawl(site, tmp_path)
    with SiteServer(site, delay=0.02) as server:
        seeded = subprocess.run([sys.executable, "-m", "govnews_crawler.cli", "seed", "demo", "--base-url", server.url,
                                 "-s", f"REDIS_URL={redis_url}"], cwd=ROOT, capture_output=True, text=True)
        assert seeded.stdout.strip() == "demo: 1 requests seeded, 1 in the queue", seeded.stderr
        workers = [worker(redis_url, server.url, tmp_path / f"w{n}.jsonl", tmp_path / f"w{n}.log") for n in (1, 2)]
        assert [w.wait(timeout=120) for w in workers] == [0, 0]
        hits = dict(server.hits)
    items = lines(tmp_path / "w1.jsonl", tmp_path / "w2.jsonl")
    urls = [i["url"].split("/", 3)[3] for i in items]
    assert len(urls) == len(set(urls)) == 60
    assert {u: i["content_sha1"] for u, i in zip(urls, items)} == expected
    hits.pop("/robots.txt", None)  # each worker reads robots.txt itself
    assert max(hits.values()) == 1  # no page fetched twice by the two workers
    for n in (1, 2):
        assert_no_deprecations((tmp_path / f"w{n}.log").read_text())
    status = subprocess.run([sys.executable, "-m", "govnews_crawler.cli", "seed", "demo", "--status",
                             "-s", f"REDIS_URL={redis_url}"], cwd=ROOT, capture_output=True, text=True)
    assert "queued=0" in status.stdout and "exported=60" in status.stdout and "alive=0" in status.stdout


def test_a_killed_worker_loses_nothing(redis_url, tmp_path):
    site = tmp_path / "site"
    generate(site, 80)
    (tmp_path / "single").mkdir()
    expected = single_crawl(site, tmp_path)
    with SiteServer(site, delay=0.05) as server:
        outs = [tmp_path / "w1.jsonl", tmp_path / "w2.jsonl"]
        workers = [worker(redis_url, server.url, out, tmp_path / f"w{n}.log") for n, out in enumerate(outs, 1)]
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
    parts = [out.with_name(out.name + ".part") for out in outs]
    items = lines(*outs, *parts)
    urls = [i["url"].split("/", 3)[3] for i in items]
    assert len(urls) == len(set(urls)), "an article was exported twice"
    assert {u: i["content_sha1"] for u, i in zip(urls, items)} == expected, "an article was lost"
    log = (tmp_path / f"w{workers.index(survivor) + 1}.log").read_text()
    assert "stopped without finishing; walking the portal again" in log
