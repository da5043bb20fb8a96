"""Closed portals read from a fake Internet Archive on loopback, end to end."""

import json

from govnews_crawler.devtools.fake_archive import FakeArchive, FakeCapture

from .crawling import FIXTURES, run_scrapy
from .test_spiders import check_item

KYANH = "https://kyanh.hatinh.gov.vn"
ARCHIVE_SETTINGS = {"DOWNLOAD_SLOTS": json.dumps({"wayback": {"concurrency": 1, "delay": 0}}),
                    "WAYBACK_CDX_PAGE_SIZE": "3"}


def site(platform):
    folder = FIXTURES / platform
    return folder, json.loads((folder / "routes.json").read_text()), json.loads((folder / "expected.json").read_text())


def kyanh_captures():
    folder, routes, expected = site("hatinh_district")
    a, b, c = expected["newest_first"]
    page = lambda path: folder / routes[path]
    utf8_declared_latin1 = {"headers": {"Content-Type": "text/html; charset=iso-8859-1"}}
    return [
        # article A three times: an old http capture, a re-render, the newest over https
        FakeCapture("20200806000000", f"http://kyanh.hatinh.gov.vn{a}", page(a), digest="A1"),
        FakeCapture("20200901000000", f"http://kyanh.hatinh.gov.vn{a}", page(a), digest="A1"),
        FakeCapture("20210315101010", f"{KYANH}{a}", page(a), digest="A2"),
        # article B: the archive first refuses with 429, then answers
        FakeCapture("20200804000000", f"{KYANH}{b}", page(b), digest="B",
                    answers=[{"status": 429, "headers": {"Retry-After": "1"}, "body": b"Too Many Requests"}, {}]),
        # article C: served as Latin-1 though the bytes are UTF-8
        FakeCapture("20200501000000", f"{KYANH}{c}", page(c), digest="C", answers=[utf8_declared_latin1]),
        # broken answers: a truncated page, a capture of a redirect, a soft 404
        FakeCapture("20200702000000", f"{KYANH}/kyanh/portal/read/tin-tuc/chinh-tri/trang-hong.html",
                    FIXTURES / "hatinh_district" / "malformed.html", digest="M"),
        FakeCapture("20200703000000", f"{KYANH}/kyanh/portal/read/tin-tuc/chinh-tri/bai-chuyen-huong.html",
                    body=b"", digest="R", answers=[{"status": 302, "headers": {"Location": f"{KYANH}/"}}]),
        FakeCapture("20200704000000", f"{KYANH}/kyanh/portal/read/tin-tuc/chinh-tri/bai-da-xoa.html",
                    body="<html><head><title>Không tìm thấy trang</title></head><body><p>Trang bạn yêu cầu không tồn tại.</p></body></html>".encode(),
                    digest="S"),
        # not articles: listing pages and an image
        FakeCapture("20200806000000", f"{KYANH}/kyanh/portal/folder/tin-tuc/1.html", page("/kyanh/portal/folder/tin-tuc/1.html"), digest="L"),
        FakeCapture("20200806000000", f"{KYANH}/kyanh/static/uploads/ckeditor/images/hn1.jpg", body=b"\xff\xd8", mimetype="image/jpeg", digest="I"),
    ]


def test_a_closed_portal_read_from_the_archive(tmp_path):
    _, _, expected = site("hatinh_district")
    bad_first_pages = {"": [b"<html><body><h1>503 Service Unavailable</h1></body></html>"], "k3": [b'[["timestamp","original"],["2020']}
    with FakeArchive(kyanh_captures(), cdx_answers=bad_first_pages) as archive:
        done = run_scrapy("kyanh", tmp_path, settings={**ARCHIVE_SETTINGS, "WAYBACK_ENDPOINT": archive.url})
        requests = list(archive.requests)
    assert done.returncode == 1, done.log[-3000:]  # the fixture's empty capture fails the invalid-share check
    assert "check failed: 1 of 4 articles invalid" in done.log
    by_url = {item["url"]: item for item in done.items}
    assert sorted(by_url) == sorted(KYANH + path for path in expected["articles"])
    for path, want in expected["articles"].items():
        item = by_url[KYANH + path]
        check_item(item, want)
        assert item["archive_url"].startswith(archive.url + "/web/") and item["archive_url"].endswith("id_/" + item["url"])
    a = expected["newest_first"][0]
    assert by_url[KYANH + a]["archive_url"] == f"{archive.url}/web/20210315101010id_/{KYANH}{a}"  # the newest capture
    assert sum("id_/" in r and r.endswith(a) for r in requests) == 1  # one fetch for three captures
    stats = done.stats
    assert stats["govnews/archive/cdx_bad_answer"] == 2 and stats["govnews/archive/cdx_pages"] >= 3
    assert stats["govnews/throttled/429"] == 1
    assert stats["govnews/archive/capture_redirect"] == 1
    assert stats["govnews/soft_404"] == 1
    assert stats["govnews/article_without_text"] == 1
    assert stats["govnews/charset_mismatch"] == 1
    assert "refused" in done.log and "429" in done.log
    assert "is a redirect (302" in done.log and "answered 200; skipped" in done.log
    assert all(item["body"] for item in done.items)
    assert "Traceback" not in done.log
    assert all("collapse=digest" in r for r in requests if r.startswith("/cdx/"))


def test_the_archive_window(tmp_path):
    _, _, expected = site("hatinh_district")
    _, b, c = expected["newest_first"]
    with FakeArchive(kyanh_captures()) as archive:
        done = run_scrapy("kyanh", tmp_path, args={"since": "2020-06-01", "until": "2020-07-04"},
                          settings={**ARCHIVE_SETTINGS, "WAYBACK_ENDPOINT": archive.url})
        requests = list(archive.requests)
    assert done.returncode == 1 and "check failed: 1 of 2 articles invalid" in done.log  # an empty capture
    assert [item["url"] for item in done.items] == [KYANH + b]  # A is after until; C before since
    assert all("from=20200601" in r for r in requests if r.startswith("/cdx/"))
    assert not any(r.endswith(c) for r in requests)  # C's only capture is older than since
    assert done.stats["govnews/dropped/outside_window"] == 1  # A, published after until


def test_a_wordpress_portal_from_the_archive(tmp_path):
    folder, routes, expected = site("wordpress")
    host = "https://doluong.gov.vn"
    captures = [FakeCapture(f"2021010{i}000000", host + path, folder / routes[path], digest=str(i))
                for i, path in enumerate(expected["newest_first"], 1)]
    captures += [FakeCapture("20210101000000", host + "/?cat=3", folder / routes["/?cat=3"], digest="L"),
                 FakeCapture("20210101000000", host + "/feed/", folder / routes["/feed/"], mimetype="application/rss+xml", digest="F")]
    with FakeArchive(captures) as archive:
        done = run_scrapy("doluong", tmp_path, args={"source": "archive"},
                          settings={**ARCHIVE_SETTINGS, "WAYBACK_ENDPOINT": archive.url})
    assert done.returncode == 0, done.log[-2000:]
    assert sorted(i["url"] for i in done.items) == sorted(host + p for p in expected["articles"])
    for item in done.items:
        check_item(item, expected["articles"][item["url"].removeprefix(host)])


def test_live_is_still_possible_for_a_closed_portal(tmp_path):
    done = run_scrapy("kyanh", tmp_path, args={"source": "sideways"})
    assert done.returncode != 0 and "-a source='sideways': expected one of live, archive" in done.log


def test_a_cdx_walk_that_repeats_its_resume_key_stops(tmp_path):
    _, _, expected = site("hatinh_district")
    a = expected["newest_first"][0]
    page = json.dumps([["timestamp", "original"], ["20210315101010", KYANH + a], [], ["k1"]]).encode()
    with FakeArchive(kyanh_captures(), cdx_answers={"": [page], "k1": [page, page, page]}) as archive:
        done = run_scrapy("kyanh", tmp_path, settings={**ARCHIVE_SETTINGS, "WAYBACK_ENDPOINT": archive.url})
        cdx_calls = [r for r in archive.requests if r.startswith("/cdx/")]
    assert len(cdx_calls) == 2  # the first page, then the page that sent k1 again
    assert "kyanh: stopped the archive's CDX listing of kyanh.hatinh.gov.vn: the archive sent resume key 'k1' again" in done.log
    assert [item["url"] for item in done.items] == [KYANH + a]
    assert done.stats["govnews/archive/cdx_walk_stopped"] == 1
