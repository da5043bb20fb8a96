"""Run real crawls against saved sites served on loopback."""

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from govnews_crawler.devtools.loopback import SiteServer

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
FAST = {  # politeness off for a loopback server
    "AUTOTHROTTLE_ENABLED": "0", "DOWNLOAD_DELAY": "0", "RETRY_TIMES": "1", "RETRY_BACKOFF_BASE": "0.01",
    "LOG_LEVEL": "INFO",
}


def assert_no_deprecations(log: str) -> None:
    """Crawls in subprocesses fail on Scrapy deprecations too, so an upgrade is noticed at once."""
    assert "DeprecationWarning" not in log, log[log.index("DeprecationWarning") - 300:][:800]


@dataclass
class Crawl:
    returncode: int
    items: list[dict]
    log: str
    stats: dict
    hits: dict[str, int]


def crawl(spider: str, site: Path, tmp_path: Path, path_prefix: str = "", args: dict | None = None,
          settings: dict | None = None) -> Crawl:
    """``scrapy crawl SPIDER -a base_url=<loopback site>`` in a subprocess, as an operator runs it."""
    with SiteServer(site) as server:
        done = run_scrapy(spider, tmp_path, {"base_url": f"{server.url}{path_prefix}", **(args or {})}, settings)
        done.hits = dict(server.hits)
    return done


def run_scrapy(spider: str, tmp_path: Path, args: dict | None = None, settings: dict | None = None) -> Crawl:
    """``scrapy crawl SPIDER -O out.jsonl`` with arguments and settings, in a subprocess."""
    out, log, stats = tmp_path / f"{spider}.jsonl", tmp_path / f"{spider}.log", tmp_path / f"{spider}.stats.json"
    command = [sys.executable, "-m", "scrapy", "crawl", spider, "-O", str(out)]
    for name, value in (args or {}).items():
        command += ["-a", f"{name}={value}"]
    for name, value in {**FAST, **(settings or {}), "LOG_FILE": str(log), "GOVNEWS_STATS_FILE": str(stats)}.items():
        command += ["-s", f"{name}={value}"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    lines = out.read_text(encoding="utf-8").splitlines() if out.exists() else []
    text = (log.read_text(encoding="utf-8") if log.exists() else "") + done.stderr
    assert_no_deprecations(text)
    return Crawl(
        returncode=done.returncode,
        items=[json.loads(line) for line in lines],
        log=text,
        stats=json.loads(stats.read_text()) if stats.exists() else {},
        hits={},
    )
