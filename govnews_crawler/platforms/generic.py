"""The template of a portal whose platform no template knows (a discovered one)."""

import re
from typing import Any
from urllib.parse import urljoin

from parsel import Selector

from govnews_crawler.platforms import generic_extractor
from govnews_crawler.platforms.base import ListingEntry, Platform

NAME = generic_extractor.NAME


class GenericPlatform(Platform):
    """Article addresses by their usual shapes, links found page-wide, articles read by
    the generic extractor; it never recognises a page (it is what is left)."""

    name = NAME
    article_url = re.compile(
        r"/[^/?#]*-\d+(?:\.\w+)?$"           # /slug-12345, /slug-12345.html
        r"|/\d{4}[/-]\d{1,2}[/-]\d{1,2}/"    # /2020/07/29/ or /portal/pages/2020-7-29/
        r"|/(?:read|chi-tiet|detail|news|tin-tuc)/[^?#]+\.(?:html?|aspx)$"
        r"|[?&](?:id|newsid|dDocName|ItemID)=\w+",
        re.IGNORECASE,
    )

    def listing(self, page: Selector, url: str) -> list[ListingEntry]:
        seen: set[str] = set()
        entries: list[ListingEntry] = []
        for link in page.css("a[href]"):
            target = urljoin(url, link.attrib["href"].strip())
            if target not in seen and self.article_url.search(target):
                seen.add(target)
                entries.append(ListingEntry(target, " ".join(" ".join(link.css("::text").getall()).split()) or None))
        return entries

    def next_page(self, page: Selector, url: str) -> str | None:
        href = page.css('a[rel="next"]::attr(href), a.next::attr(href)').get()
        return urljoin(url, href) if href else None

    def parse_article(self, page: Selector | str, url: str = "") -> dict[str, Any]:
        return generic_extractor.parse_article(page)

    def recognise(self, page: Selector, url: str = "") -> bool:
        return False


PLATFORM = GenericPlatform()
