"""Exit statuses that carry the health checks; feeds that append and overwrite as Scrapy's do."""

import json
import shutil
import subprocess
import sys

from govnews_crawler.devtools.loopback import SiteServer
from govnews_crawler.devtools.sample_site import generate

from .crawling import FIXTURES, ROOT
from .test_production import govnews_crawl


def scrapy_crawl(tmp_path, *args):
    command = [sys.executable, "-m", "scrapy", "crawl", *map(str, args), "-s", "AUTOTHROTTLE_ENABLED=0",
               "-s", "DOWNLOAD_DELAY=0", "-s", "RETRY_TIMES=0", "-s", "LOG_LEVEL=WARNING"]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_scrapy_crawl_exits_non_zero_when_a_check_failed(tmp_path):
    with SiteServer(FIXTURES / "hatinh_district") as server:
        broken = scrapy_crawl(tmp_path, "kyanh", "-a", f"base_url={server.url}/empty")
        good = scrapy_crawl(tmp_path, "kyanh", "-a", f"base_url={server.url}", "-O", tmp_path / "k.jsonl")
    assert broken.returncode == 1
    assert "check failed: no article listed" in broken.stderr
    assert good.returncode == 0, good.stderr[-2000:]


def test_a_bad_spider_argument_is_one_line_and_exit_2(tmp_path):
    done = scrapy_crawl(tmp_path, "kyanh", "-a", "max_pages=many")
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0 and "max_pages" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr


def test_a_portal_whose_articles_all_fail_exits_non_zero_naming_it(tmp_path):
    site = tmp_path / "site"
    generate(site, 12)
    shutil.rmtree(site / "a")  # every article answers 404
    with SiteServer(site) as server:
        done = govnews_crawl(tmp_path, "demo", "--base-url", server.url, "-s", "RETRY_TIMES=0")
    assert done.returncode == 1
    assert done.stdout.splitlines()[-1] == "FAILED: demo"
    assert "12 articles listed but none exported" in done.stdout


def test_o_appends_and_big_o_overwrites(tmp_path):
    out = tmp_path / "out.jsonl"
    with SiteServer(FIXTURES / "wordpress") as server:
        for _ in range(2):
            done = scrapy_crawl(tmp_path, "doluong", "-a", f"base_url={server.url}", "-o", out)
            assert done.returncode == 0, done.stderr[-2000:]
        appended = [json.loads(line)["url"] for line in out.read_text(encoding="utf-8").splitlines()]
        done = scrapy_crawl(tmp_path, "doluong", "-a", f"base_url={server.url}", "-O", out)
        overwritten = [json.loads(line)["url"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(appended) == 6 and len(overwritten) == 3
    assert sorted(appended) == sorted(overwritten * 2)
    assert not (tmp_path / "out.jsonl.part").exists()
