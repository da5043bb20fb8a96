"""A hostile portal on loopback: links to local files, other hosts and other schemes,
bodies that are not web pages, endless pagination, bad arguments."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from govnews_crawler.devtools.loopback import SiteServer

from .crawling import FIXTURES, ROOT, crawl, run_scrapy

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
    assert done.stats["elapsed_time_seconds"] < 60


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
    assert "ERROR: kyanh: stopped at the listing page limit (5 pages, GOVNEWS_MAX_LISTING_PAGES)" in done.log
    assert done.stats["elapsed_time_seconds"] < 60  # it ends by itself (exit 1: its articles are 404s)


def _crawl_command(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scrapy", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)


def test_bad_arguments_are_one_line_for_scrapy_crawl_and_govnews_crawl(tmp_path):
    for value, expected in (("since=2020-13-01", "since='2020-13-01': expected a date as YYYY-MM-DD"),
                            ("base_url=javascript:alert(1)", "base_url='javascript:alert(1)': expected an http(s) "
                             "address such as https://host/path"),
                            ("max_pages=0", "max_pages='0': expected a whole number of at least 1"),
                            ("run_id=../../x", "run_id='../../x': expected letters, digits, '_', '-' or '.', "
                             "as a file name")):
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

    from govnews_crawler.registry import RegistryError, _entries, _entry

    good = {"unit": "huyện X", "province": "Y", "platform": "wordpress", "base_url": "https://x.gov.vn",
            "listing_paths": ["/"]}
    assert _entry("x_1", good).key == "x_1"
    for key in ("../evil", "a/b", "Kyanh", "x y"):
        with pytest.raises(RegistryError, match="lowercase letters, digits"):
            _entry(key, good)
    with pytest.raises(RegistryError, match="http"):
        _entry("x", {**good, "base_url": "file:///etc"})
    registry = 'unit = "huyện X"\nprovince = "Y"\nplatform = "wordpress"\nbase_url = "https://x.gov.vn"\nlisting_paths = ["/"]\n'
    with pytest.raises(RegistryError) as refused:  # the bundled registry's loading, as load_portals reads it
        _entries("registry/portals.toml", '["../x"]\n' + registry, {})
    assert str(refused.value) == "registry/portals.toml: portal '../x': a key is lowercase letters, digits and '_' only"
    with pytest.raises(RegistryError, match=r"^registry/portals\.toml: not valid TOML"):
        _entries("registry/portals.toml", "[x\n", {})


def test_a_discovered_entries_file_with_a_bad_key_is_one_line(tmp_path):
    discovered = tmp_path / "discovered.toml"
    discovered.write_text('["../x"]\nunit = "huyện X"\nprovince = "Y"\nplatform = "wordpress"\n'
                          'base_url = "https://x.gov.vn"\nlisting_paths = ["/"]\n', encoding="utf-8")
    problem = f"{discovered}: portal '../x': a key is lowercase letters, digits and '_' only"
    env = {**os.environ, "GOVNEWS_DISCOVERED": str(discovered)}
    for command, prefix in ((["-m", "scrapy", "crawl", "kyanh"], "scrapy crawl kyanh"),
                            (["-m", "govnews_crawler.cli", "crawl", "kyanh", "--data-dir", str(tmp_path / "d"),
                              "--state-dir", str(tmp_path / "s")], "govnews crawl")):
        done = subprocess.run([sys.executable, *command], cwd=ROOT, capture_output=True, text=True, timeout=120, env=env)
        assert done.returncode == 2, done.stderr[-800:]
        assert done.stderr.strip().splitlines() == [f"{prefix}: {problem}"], done.stderr[-800:]
    assert not (tmp_path / "d").exists()  # nothing written under --data-dir, nor beside it
    assert sorted(p.name for p in tmp_path.iterdir()) == ["discovered.toml"]


def big_article(size: int) -> bytes:
    """A kyanh article page of ``size`` bytes, nearly all of it paragraphs of text: the
    heaviest kind of page to parse (inline images of that size cost almost nothing)."""
    page = (FIXTURES / "hatinh_district" / "article-a.html").read_text(encoding="utf-8")
    head, rest = page.split("<p>Sáng ngày", 1)
    body, tail = ("<p>Sáng ngày" + rest).split('<p class="article-author">', 1)
    paragraphs = body * (size // len(body.encode("utf-8")) + 1)
    return (head + paragraphs + '<p class="article-author">' + tail).encode("utf-8")[:size]


class SlowSmallPages(SiteServer):
    """Answers the small article pages a second late, so that they are under way while
    the big page is parsed."""

    def answer(self, target: str) -> tuple[int, dict, bytes]:
        if "/bai-" in target:
            time.sleep(1.0)
        return super().answer(target)


def test_a_19_mb_page_and_four_small_ones(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    big = "/kyanh/portal/read/tin-tuc/chinh-tri/trang-lon.html"
    small = [f"/kyanh/portal/read/tin-tuc/chinh-tri/bai-{n}.html" for n in range(1, 5)]
    (site / "big.html").write_bytes(big_article(19 * 1024 * 1024))
    (site / "article.html").write_bytes((FIXTURES / "hatinh_district" / "article-a.html").read_bytes())
    links = "".join(item(path, f"Bài {n}") for n, path in enumerate([big, *small]))
    (site / "listing.html").write_text(f'<div class="list-news">{links}</div>', encoding="utf-8")
    routes = {"/kyanh/portal/folder/tin-tuc/1.html": "listing.html", big: "big.html",
              **dict.fromkeys(small, "article.html")}
    (site / "routes.json").write_text(json.dumps(routes), encoding="utf-8")
    with SlowSmallPages(site) as server:
        done = run_scrapy("kyanh", tmp_path, {"base_url": server.url, "max_pages": "1"}, {"DOWNLOAD_TIMEOUT": "10"})
    assert done.returncode == 0, done.log[-2000:]
    urls = {i["url"].removeprefix(server.url): i for i in done.items}
    assert set(urls) == {big, *small}
    assert len(urls[big]["body"]) <= 110_000  # GOVNEWS_MAX_TEXT_CHARS (100 000) and the title
    stats = done.stats
    assert stats["govnews/page_cut"] == 1 and stats["govnews/text_cut"] == 1
    assert not any(k.startswith(("govnews/errors/", "retry/")) for k in stats), stats
    assert "TimeoutError" not in done.log and "Traceback" not in done.log
    assert stats["elapsed_time_seconds"] < 60  # the pipelines over the whole 3 MiB cut took minutes


def test_parsing_a_19_mb_page_is_bounded(capsys):
    """The spider and the pipelines over the cut page, timed (printed with ``pytest -s``)."""
    from scrapy.http import HtmlResponse, Request
    from scrapy.utils.test import get_crawler

    from govnews_crawler import settings as project_settings
    from govnews_crawler.pipelines.chain import PipelineRunner
    from govnews_crawler.spiders.portals import spider_class

    spider_cls = spider_class("kyanh")
    crawler = get_crawler(spider_cls, vars(project_settings))
    spider = spider_cls.from_crawler(crawler)
    url = f"https://kyanh.hatinh.gov.vn{ARTICLE}"
    response = HtmlResponse(url, body=big_article(19 * 1024 * 1024), request=Request(url),
                            headers={"Content-Type": "text/html; charset=utf-8"})
    runner = PipelineRunner()
    start = time.perf_counter()
    [raw] = spider.parse_article(response)
    parsed = time.perf_counter()
    item = runner.process(raw)
    processed = time.perf_counter()
    with capsys.disabled():
        print(f"\n19 MiB page: spider {parsed - start:.2f} s, pipelines {processed - parsed:.2f} s")
    assert item is not None and len(item["body"]) <= 110_000
    assert crawler.stats.get_value("govnews/page_cut") == 1 and crawler.stats.get_value("govnews/text_cut") == 1
    assert processed - start < 20  # 3 min before the text was bounded; about 4 s on a busy 2-core machine


def test_the_text_is_cut_at_a_line_end_and_the_captions_with_it():
    from govnews_crawler.sources.pages import bounded_fields

    fields = {"title": "T", "source_text": "một\nhai ba\nbốn", "image_captions": ["ảnh số 1", "ảnh số 2"]}
    assert bounded_fields(fields, 100) == (fields, False)
    cut, was_cut = bounded_fields(fields, 10)
    assert was_cut and cut["source_text"] == "một\nhai ba" and cut["image_captions"] == ["ảnh số 1"]
    assert cut["title"] == "T" and fields["source_text"] == "một\nhai ba\nbốn"  # the input is not changed
    assert bounded_fields({"source_text": "x" * 50}, 10)[0] == {"source_text": "x" * 10}  # no line end: cut there


def test_a_discovered_entries_path_that_is_no_file_is_one_line(tmp_path):
    env = {**os.environ, "GOVNEWS_DISCOVERED": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "govnews_crawler.cli", "portals"], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, env=env)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [f"govnews portals: {tmp_path}: cannot be read (Is a directory)"]
