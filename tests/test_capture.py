"""``govnews capture``: a live page (a loopback mirror) and an archive capture saved
with meta and a draft expected JSON, which then passes once reviewed."""

import json

import pytest

from govnews_crawler.cli import main
from govnews_crawler.devtools.fake_archive import FakeArchive, FakeCapture
from govnews_crawler.devtools.loopback import SiteServer

from .crawling import FIXTURES
from .test_real_pages import check_saved_page


def review(path):
    draft = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({**draft, "reviewed": True}, ensure_ascii=False), encoding="utf-8")


def test_capture_a_live_listing_and_article_then_review(tmp_path, capsys):
    expected = json.loads((FIXTURES / "liferay" / "expected.json").read_text(encoding="utf-8"))
    article = expected["newest_first"][0]
    with SiteServer(FIXTURES / "liferay") as server:
        for url, name in (("https://thoxuan.thanhhoa.gov.vn/web/thoxuan/tin-tuc", "listing"),
                          ("https://thoxuan.thanhhoa.gov.vn" + article, "article")):
            assert main(["capture", "thoxuan", url, "--name", name, "--into", str(tmp_path),
                         "--base-url", server.url]) == 0
    folder = tmp_path / "thoxuan"
    listing = json.loads((folder / "listing.expected.json").read_text(encoding="utf-8"))
    assert listing["kind"] == "listing" and listing["reviewed"] is False and listing["platform"] == "liferay"
    assert [e["url"] for e in listing["entries"]] == ["https://thoxuan.thanhhoa.gov.vn" + p for p in expected["newest_first"][:2]]
    drafted = json.loads((folder / "article.expected.json").read_text(encoding="utf-8"))
    assert drafted["kind"] == "article" and drafted["title"] == expected["articles"][article]["title"]
    assert "Sáng ngày 4/8" in (folder / "article.expected.json").read_text(encoding="utf-8")  # NFC, not escaped
    meta = json.loads((folder / "article.meta.json").read_text(encoding="utf-8"))
    assert meta["url"].endswith(article) and meta["fetched_at"] and meta["headers"]["Content-Type"].startswith("text/html")
    assert (folder / "article.html").read_bytes() == (FIXTURES / "liferay" / "article-a.html").read_bytes()
    with pytest.raises(AssertionError, match="not reviewed"):
        check_saved_page(folder / "article.html")
    for name in ("listing", "article"):
        review(folder / f"{name}.expected.json")
        check_saved_page(folder / f"{name}.html")


def test_capture_from_the_archive_takes_the_newest_capture_and_its_era(tmp_path, capsys):
    folder = FIXTURES / "wordpress"
    routes = json.loads((folder / "routes.json").read_text())
    path = "/hoi-nghi-giao-ban/"
    captures = [FakeCapture("20200101000000", "https://doluong.gov.vn" + path, FIXTURES / "wordpress" / "article-b.html", digest="old"),
                FakeCapture("20210102000000", "https://doluong.gov.vn" + path, folder / routes[path], digest="new")]
    with FakeArchive(captures) as archive:
        assert main(["capture", "doluong", "https://doluong.gov.vn" + path, "--archive", "--name", "a",
                     "--into", str(tmp_path), "-s", f"WAYBACK_ENDPOINT={archive.url}"]) == 0
    meta = json.loads((tmp_path / "doluong" / "a.meta.json").read_text())
    assert meta["timestamp"] == "20210102000000" and meta["captured_at"] == "2021-01-02T00:00:00Z"
    assert meta["archive_url"].endswith("/web/20210102000000id_/https://doluong.gov.vn" + path)
    draft = json.loads((tmp_path / "doluong" / "a.expected.json").read_text())
    assert draft["platform"] == "wordpress"  # the era of that host and time
    review(tmp_path / "doluong" / "a.expected.json")
    check_saved_page(tmp_path / "doluong" / "a.html")


def test_capture_refuses_another_host(tmp_path, capsys):
    assert main(["capture", "doluong", "https://evil.example/x", "--into", str(tmp_path)]) == 2
    assert "not an http(s) address of doluong" in capsys.readouterr().err
    assert not (tmp_path / "doluong").exists()
