"""A hostile portal on loopback: links to local files, other hosts and other schemes,
bodies that are not web pages, endless pagination, bad arguments."""

import json
import os
import subprocess
import sys
from pathlib import Path

from .crawling import FIXTURES, ROOT, crawl

ARTICLE = "/kyanh/portal/read/tin-tuc/chinh-tri/hoi-nghi-giao-ban.html"
NOT_PAGES = {"pdf": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n" * 50, "json": b'{"title": "x", "body": [1, 2, 3]}',
             "nul": b"\x00" * 4096, "random": os.urandom(4096)}


def item(href: str, title: str) -> str:
    return (f'<div class="news-item"><a class="news-title" href="{href}">{title}</a>'
            '<span class="news-date">16:30 05/07/2020</span></div>')


def hostile_site(folder: Path, marker_file: Path, endless: bool = False) -> Path:
    """A kyanh listing whose links point at a local file, other hosts, other schemes,
    and at article addresses that answer with PDF, JSON, NUL or random bytes."""
    folder.mkdir()
    links = [item(ARTICLE, "Hội nghị giao ban"),
             item(f"file://localhost{marker_file}#/kyanh/portal/read/a/b/x.html", "Tệp"),
             item("file://localhost/etc/passwd#/kyanh/portal/read/a/b/y.html", "passwd"),
             item("http://evil.example/kyanh/portal/read/a/b/z.html", "Nơi khác"),
             item("ftp://127.0.0.1/kyanh/portal/read/a/b/f.html", "FTP"),
             item("s3://bucket/kyanh/portal/read/a/b/s.html", "S3")]
    routes = {ARTICLE: {"file": "article.html"}}
    for kind, body in NOT_PAGES.items():
        path = f"/kyanh/portal/read/tin-tuc/chinh-tri/{kind}.html"
        links.append(item(path, kind))
        (folder / f"{kind}.bin").write_bytes(body)
        routes[path] = {"file": f"{kind}.bin", "content_type": "application/pdf" if kind == "pdf" else "text/html"}
    (folder / "article.html").write_bytes((FIXTURES / "hatinh_district" / "article-a.html").read_bytes())
    pages = 400 if endless else 1
    for n in range(1, pages + 1):
        next_link = f'<div class="paging"><a class="next" href="/kyanh/portal/folder/tin-tuc/{n + 1}.html">Sau</a></div>'
        next_link = next_link if endless else ""
        body = "".join(links) if n == 1 else item(ARTICLE, "Hội nghị giao ban")  # later pages: nothing new
        (folder / f"listing-{n}.html").write_text(
            f'<html><body><div class="list-news">{body}</div>{next_link}</body></html>', encoding="utf-8")
        routes[f"/kyanh/portal/folder/tin-tuc/{n}.html"] = f"listing-{n}.html"
    (folder / "routes.json").write_text(json.dumps(routes), encoding="utf-8")
    return folder


def test_only_the_portal_over_http_and_only_web_pages(tmp_path):
    marker = tmp_path / "secret.html"
    marker.write_text("<html><body><div class='article-detail'><div class='article-content'>"
                      "MARKER-7f3a9 Hội nghị bí mật của máy chủ.</div></div></body></html>", encoding="utf-8")
    done = crawl("kyanh", hostile_site(tmp_path / "site", marker), tmp_path)
    assert done.returncode == 0, done.log[-2000:]
    assert [i["url"].split("127.0.0.1", 1)[1].split("/", 1)[1] for i in done.items] == [ARTICLE.lstrip("/")]
    output = (tmp_path / "kyanh.jsonl").read_text(encoding="utf-8")
    assert "MARKER-7f3a9" not in output and "MARKER-7f3a9" not in done.log
    assert "root:" not in output
    stats = done.stats
    refused = sum(v for k, v in stats.items() if k.startswith("govnews/refused_scheme/"))
    assert refused + stats.get("offsite/filtered", 0) == 5  # 2 file://localhost, evil.example, ftp, s3
    assert not any(k.startswith("govnews/errors/") for k in stats), stats
    kinds = {k.rsplit("/", 1)[1]: v for k, v in stats.items() if k.startswith("govnews/not_a_page/")}
    assert kinds == {"pdf": 1, "json": 1, "empty": 1, "binary": 1}  # NULs only read as empty
    assert "Traceback" not in done.log


def test_endless_pagination_ends_by_itself(tmp_path):
    done = crawl("kyanh", hostile_site(tmp_path / "site", tmp_path / "none", endless=True), tmp_path,
                 settings={"GOVNEWS_MAX_LISTING_PAGES": "50"})
    assert done.returncode == 0
    assert done.hits.get("/kyanh/portal/folder/tin-tuc/2.html") == 1
    assert "/kyanh/portal/folder/tin-tuc/3.html" not in done.hits  # page 2 brought nothing new
    assert done.stats.get("govnews/listing_nothing_new") == 1


def test_the_listing_page_limit_stops_a_walk_that_keeps_finding_new_links(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    routes = {}
    for n in range(1, 30):
        links = item(f"/kyanh/portal/read/tin-tuc/a/bai-{n}.html", f"Bài {n}")
        next_link = f'<div class="paging"><a class="next" href="/kyanh/portal/folder/tin-tuc/{n + 1}.html">Sau</a></div>'
        (site / f"l{n}.html").write_text(f'<div class="list-news">{links}</div>{next_link}', encoding="utf-8")
        routes[f"/kyanh/portal/folder/tin-tuc/{n}.html"] = f"l{n}.html"
    (site / "routes.json").write_text(json.dumps(routes), encoding="utf-8")
    done = crawl("kyanh", site, tmp_path, settings={"GOVNEWS_MAX_LISTING_PAGES": "5"})
    listing_hits = [p for p in done.hits if "/portal/folder/" in p]
    assert len(listing_hits) == 5
    assert "listing page limit" in done.log


def _crawl_command(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scrapy", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)


def test_bad_arguments_are_one_line_for_scrapy_crawl_and_govnews_crawl(tmp_path):
    for value, expected in (("since=2020-13-01", "since='2020-13-01': expected a date as YYYY-MM-DD"),
                            ("base_url=javascript:alert(1)", "base_url='javascript:alert(1)': expected an http(s) "
                             "address such as https://host/path"),
                            ("max_pages=0", "max_pages='0': expected a whole number of at least 1")):
        done = _crawl_command("crawl", "kyanh", "-a", value)
        assert done.returncode == 2, done.stderr[-500:]
        assert done.stderr.strip().splitlines() == [f"scrapy crawl kyanh: -a {expected}"], done.stderr[-800:]
    done = subprocess.run([sys.executable, "-m", "govnews_crawler.cli", "crawl", "kyanh", "--since", "2020-13-01",
                           "--data-dir", str(tmp_path / "d"), "--state-dir", str(tmp_path / "s")],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "govnews crawl: --since='2020-13-01': expected a date as YYYY-MM-DD"], done.stderr
    assert not (tmp_path / "d" / "runs").exists()  # no run was started


def test_other_schemes_are_refused_counted_and_logged_once(caplog):
    from scrapy import Request
    from scrapy.exceptions import IgnoreRequest
    from scrapy.statscollectors import MemoryStatsCollector
    from scrapy.utils.test import get_crawler

    from govnews_crawler.middlewares.schemes import HttpOnlyMiddleware

    stats = MemoryStatsCollector(get_crawler())
    middleware = HttpOnlyMiddleware(stats)
    assert middleware.process_request(Request("https://kyanh.hatinh.gov.vn/a")) is None
    for url in ("file:///etc/passwd", "file://localhost/x", "ftp://h/x", "s3://b/k", "data:text/html,x"):
        try:
            middleware.process_request(Request(url))
        except IgnoreRequest:
            continue
        raise AssertionError(f"{url} was let through")
    assert stats.get_value("govnews/refused_scheme/file") == 2
    assert stats.get_value("govnews/refused_scheme/data") == 1
    assert sum("refused a file://" in r.message for r in caplog.records) == 1


def test_registry_keys_and_base_urls_are_checked():
    import pytest

    from govnews_crawler.registry import RegistryError, _entry

    good = {"unit": "huyện X", "province": "Y", "platform": "wordpress", "base_url": "https://x.gov.vn",
            "listing_paths": ["/"]}
    assert _entry("x_1", good).key == "x_1"
    for key in ("../evil", "a/b", "Kyanh", "x y"):
        with pytest.raises(RegistryError, match="lowercase letters, digits"):
            _entry(key, good)
    with pytest.raises(RegistryError, match="http"):
        _entry("x", {**good, "base_url": "file:///etc"})
