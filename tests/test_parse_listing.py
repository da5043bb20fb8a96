"""``govnews parse --listing`` on every platform's listing fixtures, and ``govnews
parse`` refusing a listing page as an article."""

import json
from pathlib import Path

import pytest

from govnews_crawler.cli import main
from govnews_crawler.registry import load_portals

from .crawling import FIXTURES
from .test_real_pages import EXPECTED as RECONSTRUCTED_EXPECTED
from .test_real_pages import RECONSTRUCTED, SAVED_PAGES

PLATFORM_DIRS = sorted(p.parent.name for p in FIXTURES.glob("*/expected.json"))


def lines(capsys) -> list[dict]:
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


@pytest.mark.parametrize("platform", PLATFORM_DIRS)
def test_listing_mode_prints_every_link_and_the_next_page(platform, capsys):
    expected = json.loads((FIXTURES / platform / "expected.json").read_text(encoding="utf-8"))
    base = load_portals()[expected["portal"]].base_url
    links, next_pages = [], []
    for name in ("listing-1.html", "listing-2.html", "listing-3.html"):
        assert main(["parse", "--listing", "--portal", expected["portal"], str(FIXTURES / platform / name)]) == 0
        *entries, last = lines(capsys)
        assert all(set(e) == {"url", "title", "published"} and e["title"] and e["published"] for e in entries)
        links += [e["url"].removeprefix(base) for e in entries]
        next_pages.append(last["next_page"])
    assert list(dict.fromkeys(links)) == expected["newest_first"]
    assert all(url and url.startswith(base) for url in next_pages[:2]) and next_pages[2] is None


def test_listing_mode_on_the_reconstructed_liferay_listing(capsys):
    assert main(["parse", "--listing", "--portal", "thoxuan", str(RECONSTRUCTED / "listing.html")]) == 0
    *entries, last = lines(capsys)
    want = RECONSTRUCTED_EXPECTED["listing"]["listing.html"]
    base = load_portals()["thoxuan"].base_url
    assert [{**e, "url": e["url"].removeprefix(base)} for e in entries] == want["entries"]
    assert last["next_page"].removeprefix(base) == want["next_page"]


@pytest.mark.parametrize("platform", PLATFORM_DIRS)
def test_parse_says_a_listing_page_is_not_an_article(platform, capsys):
    page = FIXTURES / platform / "listing-1.html"
    assert main(["parse", str(page), str(FIXTURES / platform / "article-a.html")]) == 1
    out = capsys.readouterr()
    assert f"govnews parse: {page}: a listing page, not an article (see --listing)" in out.err
    assert [json.loads(line)["url"] for line in out.out.splitlines()] == [(FIXTURES / platform / "article-a.html").resolve().as_uri()]


def test_parse_says_the_reconstructed_liferay_listing_is_a_listing(capsys):
    assert main(["parse", str(RECONSTRUCTED / "listing.html")]) == 1
    out = capsys.readouterr()
    assert "a listing page, not an article" in out.err and out.out == ""


def saved_pages(kind: str) -> list[Path]:
    return [p for p in SAVED_PAGES if json.loads(p.with_suffix(".expected.json").read_text(encoding="utf-8"))["kind"] == kind]


@pytest.mark.parametrize("html", saved_pages("listing"), ids=lambda p: p.stem)
def test_listing_mode_on_the_saved_real_listings(html, capsys):
    """Without a registry entry the links resolve against the original address in the
    page's meta file: every link, title and date and the next page as reviewed."""
    want = json.loads(html.with_suffix(".expected.json").read_text(encoding="utf-8"))
    assert main(["parse", "--listing", str(html)]) == 0
    *entries, last = lines(capsys)
    assert entries == want["entries"] and last == {"next_page": want["next_page"]}


def test_listing_mode_without_a_meta_file_resolves_against_the_file(tmp_path, capsys):
    page = tmp_path / "pctn.html"
    page.write_bytes((FIXTURES / "portals" / "liferay" / "sotttt-pctn.html").read_bytes())
    assert main(["parse", "--listing", str(page)]) == 0
    *entries, last = lines(capsys)
    assert entries[0]["url"].startswith(tmp_path.as_uri() + "/pctn/-/view_content/")
    assert last["next_page"].startswith(tmp_path.as_uri() + "/pctn511b.html?") and last["next_page"].endswith("_101_cur=2")


@pytest.mark.parametrize("html", saved_pages("listing"), ids=lambda p: p.stem)
def test_parse_says_a_saved_real_listing_is_not_an_article(html, capsys):
    assert main(["parse", str(html)]) == 1
    assert "a listing page, not an article" in capsys.readouterr().err


def test_parse_reads_the_saved_real_articles(capsys):
    """The Liferay 6.2 article reads; the Liferay 7 one is a video page whose text is its
    date line alone: dropped for want of text, not taken for a listing."""
    folder = FIXTURES / "portals" / "liferay"
    want = json.loads((folder / "sotttt-article.expected.json").read_text(encoding="utf-8"))
    assert main(["parse", str(folder / "sotttt-article.html")]) == 0
    item = json.loads(capsys.readouterr().out)
    assert item["title"] == want["title"] and item["extractor"] == "liferay"
    assert item["body"].endswith("tonghop@ict-hanoi.gov.vn.") and "admin admin" not in item["body"]
    assert main(["parse", str(folder / "moh-ncov-article.html")]) == 1
    assert "dropped (no article text found)" in capsys.readouterr().err
