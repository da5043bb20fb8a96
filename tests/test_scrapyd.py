"""scrapyd as the README runs it: a real scrapyd on the loopback, the project deployed
with ``scrapyd-deploy local -p govnews_crawler``, a spider scheduled with ``schedule.json``."""

import csv
import json
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from contextlib import closing
from pathlib import Path

import pytest

from govnews_crawler.devtools.loopback import SiteServer

from .crawling import FIXTURES, ROOT

BIN = Path(sys.executable).parent
SITE = FIXTURES / "hatinh_district"
ARTICLES = {path for path in json.loads((SITE / "routes.json").read_text(encoding="utf-8"))
            if path.startswith("/kyanh/portal/read/")}


def free_port() -> int:
    with closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def api(base: str, endpoint: str, data: list[tuple[str, str]] | None = None, query: str = "") -> dict:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    with urllib.request.urlopen(f"{base}/{endpoint}{query}", data=body, timeout=10) as answer:
        return json.loads(answer.read())


@pytest.fixture
def scrapyd(tmp_path):
    """A scrapyd in its own folder, bound to 127.0.0.1 on a free port; its base URL."""
    home = tmp_path / "scrapyd"
    home.mkdir()
    port = free_port()
    (home / "scrapyd.conf").write_text(
        f"[scrapyd]\nbind_address = 127.0.0.1\nhttp_port = {port}\npoll_interval = 0.2\n"
        + "".join(f"{name}_dir = {home / name}\n" for name in ("eggs", "logs", "items", "dbs")), encoding="utf-8")
    server = subprocess.Popen([str(BIN / "scrapyd")], cwd=home, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                assert api(base, "daemonstatus.json")["status"] == "ok"
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, "scrapyd did not start"
                time.sleep(0.2)
        yield base, home
    finally:
        server.terminate()
        server.wait(timeout=30)


def deploy(tmp_path: Path, base: str) -> subprocess.CompletedProcess:
    """``scrapyd-deploy local -p govnews_crawler`` from a copy of the project whose
    ``[deploy:local]`` points at this scrapyd (the egg's setup.py and build stay in the copy)."""
    copy = tmp_path / "project"
    copy.mkdir()
    shutil.copytree(ROOT / "govnews_crawler", copy / "govnews_crawler", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, copy / name)
    config = (ROOT / "scrapy.cfg").read_text(encoding="utf-8")
    assert "url = http://127.0.0.1:6800/" in config
    (copy / "scrapy.cfg").write_text(config.replace("http://127.0.0.1:6800/", base + "/"), encoding="utf-8")
    return subprocess.run([str(BIN / "scrapyd-deploy"), "local", "-p", "govnews_crawler"], cwd=copy,
                          capture_output=True, text=True, timeout=300)


def wait_finished(base: str, job: str, timeout: float = 180) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        jobs = api(base, "listjobs.json", query="?project=govnews_crawler")
        finished = [j for j in jobs["finished"] if j["id"] == job]
        if finished:
            return finished[0]
        time.sleep(0.3)
    raise AssertionError(f"job {job} did not finish: {jobs}")


def test_a_spider_scheduled_on_scrapyd_stores_every_article_and_export_reads_them(tmp_path, scrapyd):
    base, home = scrapyd
    deployed = deploy(tmp_path, base)
    assert deployed.returncode == 0, deployed.stdout + deployed.stderr
    assert json.loads(deployed.stdout)["status"] == "ok"
    assert "kyanh" in api(base, "listspiders.json", query="?project=govnews_crawler")["spiders"]
    assert not (ROOT / "setup.py").exists()
    state = tmp_path / "state"
    with SiteServer(SITE) as site:
        settings = {"GOVNEWS_STATE_DIR": state, "AUTOTHROTTLE_ENABLED": 0, "DOWNLOAD_DELAY": 0}
        scheduled = api(base, "schedule.json", [
            ("project", "govnews_crawler"), ("spider", "kyanh"), ("base_url", site.url),
            *(("setting", f"{name}={value}") for name, value in settings.items())])
        assert scheduled["status"] == "ok", scheduled
        job = scheduled["jobid"]
        wait_finished(base, job)
        hits = dict(site.hits)
    log = (home / "logs" / "govnews_crawler" / "kyanh" / f"{job}.log").read_text(encoding="utf-8")
    assert "'finish_reason': 'finished'" in log, log[-3000:]
    assert "Traceback" not in log, log[log.index("Traceback"):][:3000]
    assert set(hits) >= ARTICLES

    with closing(sqlite3.connect(state / "state.sqlite")) as db:
        rows = db.execute("SELECT url, run_id FROM articles").fetchall()
    assert {urllib.parse.urlsplit(url).path for url, _ in rows} == ARTICLES
    assert {run_id for _, run_id in rows} == {job}  # a later `govnews crawl` publishes them as <data>/kyanh/<job>.jsonl

    feed = home / "items" / "govnews_crawler" / "kyanh" / f"{job}.jl"
    fed = [json.loads(line) for line in feed.read_text(encoding="utf-8").splitlines()]
    assert sorted(urllib.parse.urlsplit(item["url"]).path for item in fed) == sorted(ARTICLES)

    tables = tmp_path / "tables"
    exported = subprocess.run([sys.executable, "-m", "govnews_crawler.cli", "export", "--state-dir", str(state),
                               "-o", str(tables), "--no-parquet"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert exported.returncode == 0, exported.stderr
    with (tables / "reports.csv").open(encoding="utf-8") as f:
        reported = {urllib.parse.urlsplit(row["url"]).path for row in csv.DictReader(f)}
    assert reported == ARTICLES
