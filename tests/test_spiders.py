"""Real crawls of every platform's saved pages through the Scrapy engine, on loopback."""

import inspect
import json

import pytest
from scrapy.utils.misc import is_generator_with_return_value

from govnews_crawler.registry import load_portals
from govnews_crawler.spiders.portal import PortalSpider

from .crawling import FIXTURES, crawl

PLATFORM_DIRS = sorted(p.parent.name for p in FIXTURES.glob("*/expected.json"))


def expected_for(platform: str) -> dict:
    return json.loads((FIXTURES / platform / "expected.json").read_text(encoding="utf-8"))


def check_item(item: dict, want: dict) -> None:
    portal = load_portals()[want["portal"]]
    assert item["portal"] == want["portal"]
    assert (item["unit"], item["province"]) == (portal.unit, portal.province)
    for name in ("title", "published_at", "image_captions", "author", "event_date", "event_part_of_day", "is_meeting"):
        assert item[name] == want[name], name
    assert item["body"].startswith(want["body_start"])
    assert item["body"].endswith(want["body_end"])
    for caption in want["image_captions"]:
        assert caption not in item["body"]
    assert {o["name"]: o["titles"] for o in item["officials"]} == want["officials"]
    assert [[f["kind"], f["value"]] for f in item["figures"]] == want["figures"]
    assert item["content_sha1"] and item["crawled_at"]


@pytest.mark.parametrize("platform", PLATFORM_DIRS)
def test_full_crawl_of_a_platform(platform, tmp_path):
    want = expected_for(platform)
    done = crawl(want["portal"], FIXTURES / platform, tmp_path)
    assert done.returncode == 0, done.log[-2000:]
    by_path = {item["url"].split("127.0.0.1", 1)[1].split("/", 1)[1]: item for item in done.items}
    assert sorted("/" + p for p in by_path) == sorted(want["articles"])
    for path, expected in want["articles"].items():
        check_item(by_path[path.lstrip("/")], expected)
        assert by_path[path.lstrip("/")]["extractor"] == platform
    assert done.stats["item_scraped_count"] == 3
    assert not any(key.startswith("govnews/errors/") for key in done.stats)
    assert " ERROR: " not in done.log


def test_since_stops_pagination(tmp_path):
    want = expected_for("hatinh_district")
    newest = want["articles"][want["newest_first"][0]]
    since = newest["published_at"][:8] + "01"  # the first of the newest article's month
    done = crawl("kyanh", FIXTURES / "hatinh_district", tmp_path, args={"since": since})
    assert done.returncode == 0
    assert sorted(i["title"] for i in done.items) == sorted(want["articles"][u]["title"] for u in want["newest_first"][:2])
    assert done.hits.get("/kyanh/portal/folder/tin-tuc/2.html") == 1  # page 2 shows the older article …
    assert "/kyanh/portal/folder/tin-tuc/3.html" not in done.hits  # … so page 3 is never asked for
    assert want["newest_first"][2] not in done.hits
    assert "not paginating further" in done.log


def test_until_and_max_pages(tmp_path):
    want = expected_for("wordpress")
    a, b, c = want["newest_first"]
    until = want["articles"][b]["published_at"][:10]
    done = crawl("doluong", FIXTURES / "wordpress", tmp_path, args={"until": until, "max_pages": 2})
    assert sorted(i["title"] for i in done.items) == sorted(want["articles"][u]["title"] for u in (b, c))
    assert "/?cat=3&paged=3" not in done.hits
    assert a not in done.hits


def test_a_non_meeting_article_is_not_a_meeting(tmp_path):
    want = expected_for("tandan")
    done = crawl("hoanghoa", FIXTURES / "tandan", tmp_path, args={"max_pages": 1})
    b = want["articles"][want["newest_first"][1]]
    (item,) = [i for i in done.items if i["title"] == b["title"]]
    assert item["is_meeting"] is False and item["meeting_kinds"] == [] and item["officials"] == []


def test_http_errors_and_a_malformed_page_are_logged_and_counted(tmp_path):
    done = crawl("kyanh", FIXTURES / "hatinh_district", tmp_path, path_prefix="/broken")
    assert done.returncode == 1 and "check failed: 3 articles listed but none exported" in done.log
    assert done.items == []
    assert done.stats["govnews/errors/http_404"] == 1
    assert done.stats["govnews/errors/http_500"] == 1
    assert done.stats["retry/count"] == 1
    assert done.stats["govnews/article_without_text"] == 1
    assert "kyanh: " in done.log and "bai-da-xoa.html failed: HTTP 404" in done.log
    assert "loi-may-chu.html failed: HTTP 500" in done.log
    assert "kyanh: no article text found at" in done.log and "trang-hong.html" in done.log
    assert "Traceback" not in done.log


def test_a_listing_with_no_links_is_an_error_naming_spider_and_url(tmp_path):
    done = crawl("kyanh", FIXTURES / "hatinh_district", tmp_path, path_prefix="/empty")
    assert done.returncode == 1 and done.items == []
    assert "check failed: no article listed" in done.log
    assert done.stats["govnews/listing_empty"] == 1
    assert "ERROR: kyanh: no article links on listing http://127.0.0.1:" in done.log
    assert "/empty/kyanh/portal/folder/tin-tuc/1.html (has the page layout changed?)" in done.log


@pytest.mark.parametrize("argument", ["since=2020-13-01", "until=yesterday", "max_pages=0"])
def test_bad_arguments_fail_clearly(argument, tmp_path):
    name, value = argument.split("=")
    done = crawl("kyanh", FIXTURES / "hatinh_district", tmp_path, args={name: value})
    assert done.returncode != 0
    assert f"-a {name}={value!r}" in done.log
    assert done.items == []


def test_no_callback_is_a_generator_returning_a_value():
    """Scrapy's per-response check is off (WARN_ON_GENERATOR_RETURN_VALUE); this is it, once."""
    callbacks = [method for name, method in inspect.getmembers(PortalSpider, inspect.isfunction)
                 if name.startswith("parse") or name == "on_error"]
    assert {m.__name__ for m in callbacks} >= {"parse_listing", "parse_article", "parse_cdx", "parse_capture"}
    assert [m.__name__ for m in callbacks if is_generator_with_return_value(m)] == []
