"""Templates on their saved pages: recognition, listings, pagination, feeds."""

import json

import pytest
from parsel import Selector

from govnews_crawler.platforms import PLATFORMS, recognise
from govnews_crawler.platforms.feeds import feed_entries
from govnews_crawler.registry import RegistryError, _entry, load_portals

from .crawling import FIXTURES

PLATFORM_DIRS = sorted(p.parent.name for p in FIXTURES.glob("*/expected.json"))


def saved(platform, name):
    return Selector(text=(FIXTURES / platform / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("platform", PLATFORM_DIRS)
def test_every_template_recognises_its_own_pages_only(platform):
    for name in ("article-a.html", "listing-1.html"):
        assert recognise(saved(platform, name)) is PLATFORMS[platform]


@pytest.mark.parametrize("platform", PLATFORM_DIRS)
def test_listing_pages_link_articles_and_the_next_page(platform):
    expected = json.loads((FIXTURES / platform / "expected.json").read_text(encoding="utf-8"))
    template = PLATFORMS[platform]
    base = "http://portal.test"
    first = template.listing(saved(platform, "listing-1.html"), base + "/")
    assert [e.url.removeprefix(base) for e in first] == expected["newest_first"][:2]
    assert all(e.published and e.title for e in first)
    assert template.next_page(saved(platform, "listing-1.html"), base + "/") is not None
    assert template.next_page(saved(platform, "listing-3.html"), base + "/") is None


def test_feeds_give_links_and_dates():
    xml = (FIXTURES / "wordpress" / "feed.xml").read_text(encoding="utf-8")
    entries = feed_entries(xml)
    assert [e.published for e in entries] == ["2020-10-05", "2020-10-03"]
    assert entries[0].url == "https://doluong.gov.vn/hoi-nghi-giao-ban/"


def test_registry_covers_the_platforms_and_portals():
    portals = load_portals()
    assert len(portals) >= 25
    assert len({p.platform for p in portals.values()}) >= 6
    for key in ("doluong", "honglinh", "kyanh"):
        assert key in portals
    assert portals["kyanh"].status == "closed" and str(portals["kyanh"].closed_since) == "2025-07-01"


@pytest.mark.parametrize(
    "raw, message",
    [
        ({"unit": "u", "province": "p", "platform": "joomla", "base_url": "https://x", "listing_paths": ["/"]}, "unknown platform"),
        ({"unit": "u", "province": "p", "platform": "wordpress", "base_url": "https://x"}, "listing_paths or feeds"),
        ({"unit": "u", "platform": "wordpress", "base_url": "https://x", "feeds": ["/feed/"]}, "province is required"),
        ({"unit": "u", "province": "p", "platform": "wordpress", "base_url": "https://x", "feeds": ["/f"], "colour": 1}, "unknown fields"),
    ],
)
def test_registry_rejects_bad_entries(raw, message):
    with pytest.raises(RegistryError, match=message):
        _entry("bad", raw)


def test_article_selectors_select_elements():
    """The article's and listing's selectors run as compiled XPath of elements: none may be a ``::text``/``::attr``."""
    fields = ("body_css", "title_css", "date_css", "category_css", "author_css", "lead_css", "caption_css", "drop_css")
    fields_of_one = ("item_css", "link_css")
    assert [(name, css) for name, platform in PLATFORMS.items() for field in fields for css in getattr(platform, field)
            if "::" in css] == []
    assert [(name, field) for name, platform in PLATFORMS.items() for field in fields_of_one
            if "::" in (getattr(platform, field) or "")] == []
