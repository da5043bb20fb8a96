"""Template-free archive crawls: article pages learned from the CDX listing by shape."""

import json

from govnews_crawler.devtools.fake_archive import FakeArchive, FakeCapture
from govnews_crawler.discovery.shapes import article_shapes, describe, group_by_shape, reads_as_article, shape
from govnews_crawler.sources.wayback import Capture

from .crawling import FIXTURES, run_scrapy
from .test_archive import ARCHIVE_SETTINGS

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
    assert done.stats["govnews/archive/shapes_learned"] == 1
    assert "article shapes learned from 2 shapes: /{w}/{n}/{w}.shtml" in done.log
    for item in done.items:
        expected = want[item["url"]]
        assert item["extractor"] == "generic"
        for name in ("title", "published_at", "event_date", "is_meeting"):
            assert item[name] == expected[name], (item["url"], name)
        assert item["body"].startswith(expected["body_start"]), item["url"]
        assert item["body"].endswith(expected["body_end"]), item["url"]
