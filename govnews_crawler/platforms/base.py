"""What a CMS template knows: where listings link to articles, how they paginate,
and where an article page keeps its title, date line, section, body, captions
and byline. Templates are data on this class; the methods are shared."""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import urljoin

from lxml import etree
from lxml.html import HtmlElement
from parsel import Selector
from parsel.csstranslator import HTMLTranslator

from govnews_crawler.extraction.dates import FULL_DATE, date_from_url, parse_date_line
from govnews_crawler.platforms import generic_extractor
from govnews_crawler.platforms.html_text import block_lines


@dataclass(frozen=True)
class ListingEntry:
    """An article link on a listing page or feed, with the date shown beside it."""

    url: str
    title: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) when the listing shows one


class Platform:
    """A CMS family's markup. Subclasses set the class attributes."""

    name = "platform"
    # Recognition: a generator meta, class names or address shapes unique to the family.
    generator: re.Pattern[str] | None = None
    markers: tuple[str, ...] = ()  # CSS selectors that only this family's pages match
    article_url: re.Pattern[str] = re.compile(r".")  # address pattern of article pages
    distinctive_urls = False  # whether that pattern alone tells the platform
    # Listing pages
    item_css: str | None = None  # one listing entry; None: links are found page-wide
    link_css = "a"
    listing_date_css: str | None = None
    next_css: str | None = None  # a next-page link by class; rel="next" and the link text also count
    pager_css = ".pagination a, .pager a, .paging a, .page-numbers a, a.page-numbers, .phantrang a"
    # Article pages
    title_css: tuple[str, ...] = ("h1",)
    date_css: tuple[str, ...] = ()
    published_css: tuple[str, ...] = ()  # machine-readable timestamps (``::attr(datetime)``)
    category_css: tuple[str, ...] = ()
    body_css: tuple[str, ...] = ()
    lead_css: tuple[str, ...] = ()  # a lead paragraph kept apart from the body
    drop_css: tuple[str, ...] = ("script", "style")
    caption_css: tuple[str, ...] = ()
    author_css: tuple[str, ...] = ()  # the byline, inside the body or elsewhere on the page

    # --- listings -------------------------------------------------------------
    def listing(self, page: Selector, url: str) -> list[ListingEntry]:
        """Article links of a listing page, in page order, once each."""
        entries: list[ListingEntry] = []
        seen: set[str] = set()
        items = _select(page, self.item_css) if self.item_css else [page]
        for item in items:
            for link in _select(item, self.link_css):
                href = link.attrib.get("href")
                if not href:
                    continue
                target = urljoin(url, href.strip())
                if target in seen or not self.article_url.search(target):
                    continue
                seen.add(target)
                title = _text(link) or None
                entries.append(ListingEntry(target, title, self._listed_date(item, target)))
                if self.item_css:
                    break
        return entries

    def _listed_date(self, item: Selector, url: str) -> str | None:
        if self.listing_date_css:
            text = " ".join(" ".join(item.css(f"{self.listing_date_css} ::text").getall()).split())
            found = FULL_DATE.search(text)
            if found:
                return (parse_date_line(found.group()) or "")[:10] or None
        return date_from_url(url)

    def next_page(self, page: Selector, url: str) -> str | None:
        """The address of the next listing page, if there is one: the template's
        next link, else a ``rel="next"`` link, else a pager link reading next/Tiếp/Sau
        (disabled ones, ``javascript:`` and ``#``, do not count)."""
        candidates = [*(page.css(self.next_css) if self.next_css else []), *page.css('a[rel~="next"], link[rel~="next"]')]
        candidates += [a for a in page.css(self.pager_css) if NEXT_TEXT.match(_text(a))]
        for link in candidates:
            href = (link.attrib.get("href") or "").strip()
            if _followable(href) and not _disabled(link):
                return urljoin(url, href)
        return None

    # --- articles -------------------------------------------------------------
    def parse_article(self, page: Selector | str, url: str = "") -> dict[str, Any]:
        """Raw article fields; the generic extractor when the body is not where
        this template expects it (the field ``extractor`` says which read it)."""
        page = Selector(text=page if isinstance(page, str) else page.get(), type="html")
        body = _first(page, self.body_css)
        if body is None:
            return generic_extractor.parse_article(page)
        for css in self.drop_css:
            _remove(_select(body, css))
        caption_nodes = [c for css in self.caption_css for c in _select(body, css)]
        captions = list(dict.fromkeys(_text(c) for c in caption_nodes))
        for node in caption_nodes:
            _drop_captioned_image(node.root)
        author = _first_text(page, self.author_css)
        for css in (*self.caption_css, *self.author_css):
            _remove(_select(body, css))
        lead = _first_text(page, self.lead_css)
        for css in self.lead_css:
            _remove(_select(body, css))
        text = block_lines(body)
        return {
            "title": _first_text(page, self.title_css),
            "published_at": next((v for css in self.published_css if (v := page.css(css).get())), None),
            "date_line": _first_text(page, self.date_css) or _date_near_title(page, self.title_css),
            "category": _first_text(page, self.category_css),
            "image_captions": [c for c in captions if c],
            "author": author,
            "source_text": f"{lead}\n{text}" if lead else text,
            "extractor": self.name,
        }

    def recognise(self, page: Selector, url: str = "") -> bool:
        """Whether a page is of this family (generator, class names, address)."""
        generator = page.css('meta[name="generator"]::attr(content)').get() or ""
        if self.generator is not None and self.generator.search(generator):
            return True
        return any(page.css(css) for css in self.markers)


NEXT_TEXT = re.compile(r"\s*(?:next|tiếp(?: theo)?|sau|trang sau|trang tiếp|›|»|>>?)\s*$", re.IGNORECASE)


def _followable(href: str) -> bool:
    return bool(href) and not href.startswith(("#", "javascript:", "mailto:"))


def _disabled(link: Selector) -> bool:
    """Whether a pager link is greyed out (its own class or its ``li``'s)."""
    return bool(link.xpath("self::*[contains(@class, 'disabled')] | parent::li[contains(@class, 'disabled')]"))


def _date_near_title(page: Selector, title_css: Iterable[str]) -> str | None:
    """The first short text with a full date after the title, when no selector held it."""
    title = _first(page, title_css)
    if title is None:
        return None
    for text in title.xpath("following::text()[normalize-space()]").getall()[:30]:
        line = " ".join(text.split())
        if len(line) <= 120 and FULL_DATE.search(line):
            return line
    return None


@lru_cache(maxsize=1024)
def _compiled(css: str) -> etree.XPath:
    """A template's CSS selector of elements as compiled XPath (``Selector.css`` compiles it
    again on every call: the larger part of a template's time on a page)."""
    return etree.XPath(HTMLTranslator().css_to_xpath(css), smart_strings=False)


_TEXTS = etree.XPath("descendant-or-self::text()", smart_strings=False)  # what ``::text`` selects


def _select(node: Selector, css: str) -> list[Selector]:
    """``node.css(css)`` for a selector of elements (no ``::text``, ``::attr``)."""
    return [Selector(root=element, type="html") for element in _compiled(css)(node.root)]


def _first(page: Selector, selectors: Iterable[str]) -> Selector | None:
    for css in selectors:
        found = _select(page, css)
        if found:
            return found[0]
    return None


def _text(node: Selector) -> str:
    return " ".join(" ".join(_TEXTS(node.root)).split())


def _first_text(page: Selector, selectors: Iterable[str]) -> str | None:
    for css in selectors:
        for node in _select(page, css):
            text = _text(node)
            if text:
                return text
    return None


def _drop_captioned_image(caption: HtmlElement) -> None:
    """Remove the image a markup caption belongs to (in its figure or table, or just
    before it), so the text rules do not look for that image's caption again."""
    ancestor = caption.getparent()
    for _ in range(3):
        if ancestor is None:
            break
        images = ancestor.xpath(".//img")
        if images:
            for image in images:
                image.drop_tree()
            return
        ancestor = ancestor.getparent()
    previous = caption.getprevious()
    if previous is not None:
        for image in [previous] if previous.tag == "img" else previous.xpath(".//img"):
            image.drop_tree()


def _remove(nodes: list[Selector]) -> None:
    for node in nodes:
        element = node.root
        if element.getparent() is not None:
            element.drop_tree()
