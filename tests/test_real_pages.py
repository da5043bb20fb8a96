"""Templates against real-structure pages: reviewed expected JSON per saved page.

``tests/fixtures/portals/<key or platform>/`` holds real pages, saved by ``govnews capture``
or found in public mirrors (each with a ``.meta.json`` naming its source and a reviewed
``.expected.json``); ``tests/fixtures/liferay/reconstructed`` holds the Liferay pair
rebuilt from the issue's notes on a real portal.
"""

import json
from pathlib import Path

import pytest
from parsel import Selector

from govnews_crawler.platforms import PLATFORMS, recognise

from .crawling import FIXTURES

RECONSTRUCTED = FIXTURES / "liferay" / "reconstructed"
EXPECTED = json.loads((RECONSTRUCTED / "expected.json").read_text(encoding="utf-8"))
LIFERAY = PLATFORMS["liferay"]
BASE = EXPECTED["base_url"]


def page(name: str, folder: Path = RECONSTRUCTED) -> Selector:
    return Selector(text=(folder / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", [*EXPECTED["listing"], *EXPECTED["articles"]])
def test_liferay_real_markup_is_recognised_without_a_generator_meta(name):
    assert not page(name).css('meta[name="generator"]')
    assert recognise(page(name)) is LIFERAY


@pytest.mark.parametrize("name", list(EXPECTED["listing"]))
def test_liferay_real_listing_gives_every_link_date_and_next_page(name):
    want = EXPECTED["listing"][name]
    url = BASE + "/web/snv/tin-tuc-su-kien"
    got = [{"url": e.url.removeprefix(BASE), "title": e.title, "published": e.published}
           for e in LIFERAY.listing(page(name), url)]
    assert got == want["entries"]
    nxt = LIFERAY.next_page(page(name), url)
    assert (nxt.removeprefix(BASE) if nxt else None) == want["next_page"]


def test_liferay_real_article_title_date_lead_and_byline_out_of_the_body():
    want = EXPECTED["articles"]["article.html"]
    fields = LIFERAY.parse_article(page("article.html"))
    assert fields["extractor"] == "liferay"
    assert fields["title"] == want["title"]
    assert fields["date_line"] == want["date_line"]
    assert fields["author"] == want["author"]
    assert fields["source_text"].startswith(want["source_start"])
    assert fields["source_text"].endswith(want["source_end"])
    assert fields["source_text"].count(want["source_start"]) == 1  # the lead once
    for text in want["not_in_source"]:
        assert text not in fields["source_text"]


SAVED = FIXTURES / "portals"


def check_saved_page(html: Path) -> None:
    """A saved real page reads as its reviewed expected JSON says."""
    from govnews_crawler.cli.capture import draft_expected, saved_template

    meta = json.loads(html.with_suffix(".meta.json").read_text(encoding="utf-8"))
    want = json.loads(html.with_suffix(".expected.json").read_text(encoding="utf-8"))
    assert want.pop("reviewed") is True, f"{html.with_suffix('.expected.json')} is not reviewed yet"
    got = draft_expected(html.read_bytes(), meta["url"], saved_template(meta))
    got.pop("reviewed")
    assert got == want


SAVED_PAGES = sorted(SAVED.glob("*/*.html"))


def test_real_pages_are_saved_with_meta_and_a_reviewed_expected_json():
    assert SAVED_PAGES, "no saved real page under tests/fixtures/portals"
    for html in SAVED_PAGES:
        meta = json.loads(html.with_suffix(".meta.json").read_text(encoding="utf-8"))
        assert meta["url"].startswith(("http://", "https://")) and (meta.get("portal") or meta.get("platform"))
        assert meta.get("portal") or (meta["source"]["repository"] and meta["source"]["commit"])  # where a found page came from


@pytest.mark.parametrize("html", SAVED_PAGES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_saved_real_page_matches_its_reviewed_expected_json(html):
    check_saved_page(html)


@pytest.mark.parametrize("html", SAVED_PAGES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_saved_real_page_is_recognised_as_its_platform(html):
    meta = json.loads(html.with_suffix(".meta.json").read_text(encoding="utf-8"))
    want = json.loads(html.with_suffix(".expected.json").read_text(encoding="utf-8"))["platform"]
    assert recognise(Selector(text=html.read_text(encoding="utf-8")), meta["url"]) is PLATFORMS[want]
