"""Layout eras: one registry entry, each archive capture read by the era of its timestamp."""

import datetime

import pytest

from govnews_crawler.devtools.fake_archive import FakeArchive, FakeCapture
from govnews_crawler.registry import RegistryError, _entry, load_portals

from .crawling import run_scrapy
from .test_archive import ARCHIVE_SETTINGS, site
from .test_spiders import check_item

OLD, NEW = "https://doluong.gov.vn", "https://doluong.nghean.gov.vn"


def test_doluong_is_one_portal_with_a_wordpress_and_a_nghean_era():
    portals = load_portals()
    doluong = portals["doluong"]
    assert "doluong_nghean" not in portals
    assert [(e.platform, e.base_url) for e in doluong.eras] == [("wordpress", OLD), ("nghean", NEW)]
    assert doluong.hosts == ("doluong.gov.vn", "doluong.nghean.gov.vn")
    assert (doluong.platform, doluong.base_url) == ("wordpress", OLD)  # live and mirror reads: the entry's own fields
    newest_by_default = _entry("x", {"unit": "u", "province": "p", "eras": [
        {"platform": "wordpress", "base_url": OLD, "listing_paths": ["/"], "until": datetime.date(2021, 6, 30)},
        {"platform": "nghean", "base_url": NEW, "listing_paths": ["/t"]}]})
    assert (newest_by_default.platform, newest_by_default.base_url, newest_by_default.listing_paths) == ("nghean", NEW, ("/t",))
    assert doluong.era_at("20210105000000").platform == "wordpress"
    assert doluong.era_at("20220105000000").platform == "nghean"
    assert doluong.era_at(datetime.date(2021, 7, 1)).platform == "nghean"
    assert doluong.era_at("20240101000000", "doluong.gov.vn").platform == "wordpress"  # the only era of that host


@pytest.mark.parametrize("eras, message", [
    ([{"platform": "joomla", "base_url": "https://x"}], "known platform"),
    ([{"platform": "wordpress", "base_url": "https://x", "from": "2020"}], "TOML dates"),
    ([{"platform": "wordpress", "base_url": "https://x", "colour": 1}], "unknown era fields"),
    ([{"platform": "wordpress", "base_url": "https://x", "article_pattern": "("}], "bad article_pattern"),
])
def test_bad_eras_are_refused(eras, message):
    with pytest.raises(RegistryError, match=message):
        _entry("bad", {"unit": "u", "province": "p", "eras": eras, "listing_paths": ["/"]})


def test_a_doluong_archive_crawl_reads_each_capture_with_its_eras_template(tmp_path):
    wp_folder, wp_routes, wp_expected = site("wordpress")
    na_folder, na_routes, na_expected = site("nghean")
    captures = [FakeCapture(f"2021010{i}000000", OLD + path, wp_folder / wp_routes[path], digest=f"W{i}")
                for i, path in enumerate(wp_expected["newest_first"], 1)]
    captures += [FakeCapture(f"2022010{i}000000", NEW + path, na_folder / na_routes[path], digest=f"N{i}")
                 for i, path in enumerate(na_expected["newest_first"], 1)]
    captures += [FakeCapture("20210101000000", OLD + "/?cat=3", wp_folder / wp_routes["/?cat=3"], digest="WL"),
                 FakeCapture("20220101000000", NEW + "/tin-tuc-su-kien", na_folder / na_routes["/tin-tuc-su-kien"], digest="NL")]
    with FakeArchive(captures) as archive:
        done = run_scrapy("doluong", tmp_path, args={"source": "archive"},
                          settings={**ARCHIVE_SETTINGS, "WAYBACK_ENDPOINT": archive.url})
    assert done.returncode == 0, done.log[-2000:]
    want = {OLD + p: ("wordpress", w) for p, w in wp_expected["articles"].items()}
    want |= {NEW + p: ("nghean", w) for p, w in na_expected["articles"].items()}
    assert sorted(i["url"] for i in done.items) == sorted(want)
    for item in done.items:
        extractor, fields = want[item["url"]]
        assert item["extractor"] == extractor, item["url"]
        check_item(item, {**fields, "portal": "doluong"})
