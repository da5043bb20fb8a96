"""Template-free archive crawls: article pages learned from the CDX listing by shape;
discovery confirming them and coverage reporting them."""

import csv
import json
import re
import sqlite3
import tomllib

from govnews_crawler.devtools.fake_archive import FakeArchive, FakeCapture
from govnews_crawler.discovery.shapes import SAMPLES, article_shapes, describe, group_by_shape, reads_as_article, shape
from govnews_crawler.discovery.store import DiscoveryStore
from govnews_crawler.sources.wayback import Capture

from .crawling import FIXTURES, run_scrapy
from .test_archive import ARCHIVE_SETTINGS
from .test_generic_html import PAGE
from .test_national import UNLIMITED, govnews

HOST = "https://thunghiem.example.vn"
DISCOVERED = """[thunghiem]
unit = "xã Thử Nghiệm"
province = "Tỉnh Mẫu"
platform = "generic"
base_url = "https://thunghiem.example.vn"
listing_paths = ["/"]
"""


def test_shapes_abstract_numbers_slugs_dates_and_query_keys():
    assert shape("https://x.vn/tin-tuc/hoi-nghi-giao-ban-1245.html") == "/{w}/{w}-{n}.html"
    assert shape("https://x.vn/thongtin/2021/hoi-nghi.shtml") == "/{w}/{n}/{w}.shtml"
    assert shape("https://x.vn/portal/Pages/2023-11-5/HoiNghi.aspx") == "/{w}/{w}/{date}/{w}.aspx"
    assert shape("https://x.vn/Default.aspx?tabid=12&ID=3") == "/{w}.aspx?id&tabid"
    assert shape("https://x.vn/hoi-nghi/") == "/{w}/"


def test_groups_leave_out_images_and_failed_captures_and_keep_the_newest():
    rows = [Capture("20200101000000", "https://x.vn/a/1/b.html"), Capture("20210101000000", "https://x.vn/a/1/b.html"),
            Capture("20200101000000", "https://x.vn/up/1.jpg", "200", "image/jpeg"),
            Capture("20200101000000", "https://x.vn/a/2/c.html", "404", "text/html")]
    groups = group_by_shape(rows)
    assert list(groups) == ["/{w}/{n}/{w}.html"] and [c.timestamp for c in groups["/{w}/{n}/{w}.html"]] == ["20210101000000"]
    assert article_shapes({"/a": [True, True, False], "/b": [True, False], "/c": []}) == ["/a"]
    assert not reads_as_article({"title": "T", "date_line": "Ngày 1/1/2020", "source_text": "ngắn"})
    assert describe(groups) == "/{w}/{n}/{w}.html (1)"


def article_captures():
    """The fixtures' articles under shapes no template knows, with listings and images."""
    captures, want = [], {}
    for n, platform in enumerate(("hatinh_district", "honglinh", "nukeviet")):
        folder = FIXTURES / platform
        routes = json.loads((folder / "routes.json").read_text())
        expected = json.loads((folder / "expected.json").read_text())
        for i, path in enumerate(expected["newest_first"]):
            url = f"{HOST}/thongtin/{n * 10 + i + 100}/bai-{platform}-{'abc'[i]}.shtml"  # no usual article shape
            captures.append(FakeCapture(f"2022010{n + 1}00000{i}", url, folder / routes[path], digest=f"{n}{i}"))
            want[url] = expected["articles"][path]
        for i, name in enumerate(("listing-1.html", "listing-2.html", "listing-3.html")):
            captures.append(FakeCapture("20220101000000", f"{HOST}/chuyenmuc/{n * 10 + i}.shtml?trang={i}", folder / name, digest=f"L{n}{i}"))
    captures.append(FakeCapture("20220101000000", f"{HOST}/", FIXTURES / "hatinh_district" / "listing-1.html", digest="home"))
    captures += [FakeCapture("20220101000000", f"{HOST}/upload/anh/{i}.jpg", body=b"\xff\xd8", mimetype="image/jpeg", digest=f"I{i}")
                 for i in range(3)]
    return captures, want


def test_a_discovered_portal_crawled_from_learned_shapes(tmp_path, monkeypatch):
    discovered = tmp_path / "discovered.toml"
    discovered.write_text(DISCOVERED, encoding="utf-8")
    monkeypatch.setenv("GOVNEWS_DISCOVERED", str(discovered))
    captures, want = article_captures()
    with FakeArchive(captures) as archive:
        done = run_scrapy("thunghiem", tmp_path, args={"source": "archive"},
                          settings={**ARCHIVE_SETTINGS, "WAYBACK_ENDPOINT": archive.url})
        fetched = [r for r in archive.requests if "id_/" in r]
    assert done.returncode == 0, done.log[-2000:]
    assert sorted(i["url"] for i in done.items) == sorted(want)
    assert not [r for r in fetched if ".jpg" in r]  # images are never fetched
    assert len([r for r in fetched if "/chuyenmuc/" in r]) == SAMPLES  # listings: read as samples, never crawled
    assert not [r for r in fetched if r.endswith(f"id_/{HOST}/")]  # nor the home page
    assert done.stats["govnews/archive/shapes_learned"] == 1
    assert "article shapes learned from 2 shapes: /{w}/{n}/{w}.shtml" in done.log
    for item in done.items:
        expected = want[item["url"]]
        assert item["extractor"] == "generic"
        for name in ("title", "published_at", "event_date", "is_meeting"):
            assert item[name] == expected[name], (item["url"], name)
        assert item["body"].startswith(expected["body_start"]), item["url"]
        assert item["body"].endswith(expected["body_end"]), item["url"]


GENERIC = "https://txkyanh.hatinh.gov.vn"  # a candidate host of tx_kyanh_hatinh (thị xã Kỳ Anh)
ARTICLE_SHAPE = "/{w}/{n}/{w}.shtml"


def generic_site():
    """Pages no template recognises on a district's candidate host: 9 articles under one
    shape no template knows, 3 listing pages, the home page and images."""
    captures = []
    for i in range(9):
        page = PAGE.replace("Hội nghị giao ban tháng 3", f"Hội nghị giao ban số {i + 1}").replace(
            "<p>Minh Châu</p>", "<p>Hội nghị cũng bàn các giải pháp thu hút đầu tư, phát triển sản xuất nông nghiệp, "
            "xây dựng nông thôn mới và bảo đảm an sinh xã hội trong những tháng còn lại của năm.</p><p>Minh Châu</p>")
        captures.append(FakeCapture(f"2021030{i + 1}000000", f"{GENERIC}/thongtin/{100 + i}/bai-{'abcdefghi'[i]}.shtml",
                                    body=page.encode(), digest=f"A{i}"))
    links = "".join(f'<li><a href="/thongtin/{100 + i}/bai-{"abcdefghi"[i]}.shtml">Bài {i}</a></li>' for i in range(9))
    for i in range(3):
        listing = f"<html><body><h1>Tin tức</h1><ul>{links}</ul><p>Trang {i + 1}</p></body></html>"
        broken = [{"status": 404}] if i == 0 else []  # a sample the archive cannot serve counts as no article
        captures.append(FakeCapture("20210301000000", f"{GENERIC}/chuyenmuc/{i + 1}.shtml?trang={i + 1}",
                                    body=listing.encode(), digest=f"L{i}", answers=broken))
    captures.append(FakeCapture("20210301000000", f"{GENERIC}/", body=b"<html><body><a href='/chuyenmuc/1.shtml'>x</a>"
                                b"</body></html>", digest="home"))
    captures += [FakeCapture("20210301000000", f"{GENERIC}/upload/{i}.jpg", body=b"\xff\xd8", mimetype="image/jpeg",
                             digest=f"I{i}") for i in range(3)]
    return captures


def test_discover_confirms_learned_shapes_and_coverage_reports_them(tmp_path):
    """An unrecognised host: discovery reads a few captures of each shape, confirms the
    article shape (not the listings'), prints it and writes it to the evidence; the
    crawl of the discovered entry reads its articles; coverage counts the district as
    crawled from learned shapes and names the shapes."""
    discovered, state, data = tmp_path / "discovered.toml", tmp_path / "state", tmp_path / "data"
    fast = ["-s", 'DOWNLOAD_SLOTS={"wayback": {"concurrency": 1, "delay": 0}}', "-s", "AUTOTHROTTLE_ENABLED=0", *UNLIMITED]
    env = {"GOVNEWS_DISCOVERED": str(discovered)}
    with FakeArchive(generic_site()) as archive:
        endpoint = ["-s", f"WAYBACK_ENDPOINT={archive.url}"]
        found = govnews("discover", "--district", "tx_kyanh_hatinh", "--state-dir", state, "-o", discovered,
                        *fast, *endpoint)
        read = [r for r in archive.requests if "id_/" in r]
        archive.requests.clear()
        crawl = govnews("crawl", "tx_kyanh_hatinh", "--data-dir", data, "--state-dir", state, *fast, *endpoint, env=env)
    assert found.returncode == 0, found.stderr[-2000:]
    assert not [r for r in read if ".jpg" in r]
    # the newest capture (for the platform), then 3 samples of each shape
    assert len([r for r in read if "/thongtin/" in r]) == 1 + 3 and len([r for r in read if "/chuyenmuc/" in r]) == 3
    assert re.search(r"tx_kyanh_hatinh\s+txkyanh\.hatinh\.gov\.vn\s+/\{w\}/\{n\}/\{w\}\.shtml \(9 pages\)", found.stdout)
    entry = tomllib.loads(discovered.read_text(encoding="utf-8"))["tx_kyanh_hatinh"]
    assert entry["platform"] == "generic" and entry["evidence"]["article_shapes"] == {ARTICLE_SHAPE: 9}
    assert crawl.returncode == 0, crawl.stdout + crawl.stderr[-2000:]

    report = govnews("coverage", "--data-dir", data, "--state-dir", state, "-o", tmp_path / "coverage", env=env)
    assert report.returncode == 0, report.stderr
    assert "shapes_learned" in report.stdout.splitlines()[0]
    with (tmp_path / "coverage" / "coverage.csv").open(encoding="utf-8-sig") as f:
        rows = {r["province"]: r for r in csv.DictReader(f)}
    assert rows["Hà Tĩnh"]["shapes_learned"] == "1" and rows["all"]["shapes_learned"] == "1"
    with (tmp_path / "coverage" / "districts.csv").open(encoding="utf-8-sig") as f:
        district = {r["key"]: r for r in csv.DictReader(f)}["tx_kyanh_hatinh"]
    assert district["platform"] == "generic" and district["extractors"] == "generic=9"
    assert district["shapes_confirmed"] == f"{ARTICLE_SHAPE}=9" and district["shapes_crawled"] == f"{ARTICLE_SHAPE}=9"


def test_a_discovery_store_of_before_shapes_opens_and_keeps_its_rows(tmp_path):
    path = tmp_path / "discovery.sqlite"
    old = sqlite3.connect(path)
    old.execute("CREATE TABLE hosts (district TEXT, host TEXT, path TEXT, pattern TEXT, status TEXT, first TEXT, last TEXT, "
                "years TEXT, samples TEXT, platform TEXT, platform_evidence TEXT, checked_at TEXT, "
                "PRIMARY KEY (district, host, path))")
    old.execute("INSERT INTO hosts VALUES ('a', 'a.vn', '', 'p', 'found', '2020', '2021', '{\"2020\": 1}', '[]', 'generic', "
                "'e', 't')")
    old.commit()
    old.close()
    store = DiscoveryStore(path)
    assert [(e["district"], e["article_shapes"]) for e in store.found()] == [("a", {})]
    store.save("b", {"host": "b.vn", "path": "", "pattern": "p"}, "found", years={"2021": 2}, platform="generic",
               article_shapes={ARTICLE_SHAPE: 4})
    assert {e["district"]: e["article_shapes"] for e in store.found()} == {"a": {}, "b": {ARTICLE_SHAPE: 4}}
