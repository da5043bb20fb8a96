"""The fallback for a page no template knows: metadata, the largest text block."""

import re
from urllib.parse import urljoin

from parsel import Selector

from ..extraction.dates import looks_like_date_line
from .html_text import block_lines

NAME = "generic"
META_DATES = (
    'meta[property="article:published_time"]::attr(content)',
    'meta[name="pubdate"]::attr(content)',
    'meta[name="publishdate"]::attr(content)',
    'meta[itemprop="datePublished"]::attr(content)',
    'meta[name="date"]::attr(content)',
    "time::attr(datetime)",
)


def parse_article(page: Selector | str) -> dict:
    """Raw article fields of a page: title, published_at or date line, source text."""
    sel = page if isinstance(page, Selector) else Selector(text=page)
    container = largest_text_block(sel)
    title = (
        sel.css('meta[property="og:title"]::attr(content)').get()
        or sel.css("h1 ::text").get()
        or sel.css("title::text").get()
    )
    return {
        "title": title.strip() if title else None,
        "published_at": next((v for q in META_DATES if (v := sel.css(q).get())), None),
        "date_line": _date_line_near_title(sel),
        "source_text": block_lines(container) if container is not None else "",
        "extractor": NAME,
    }


def largest_text_block(sel: Selector):
    """The element whose own paragraphs hold the most text."""
    best, best_size = None, 0
    for candidate in sel.xpath("//body//*[p or br]"):
        size = sum(len(" ".join(p.css("::text").getall()).strip()) for p in candidate.xpath("./p"))
        size += sum(len(t.strip()) for t in candidate.xpath("./text()").getall())
        if size > best_size:
            best, best_size = candidate, size
    return best


def _date_line_near_title(sel: Selector) -> str | None:
    for text in sel.xpath("//body//text()[normalize-space()]").getall()[:400]:
        line = " ".join(text.split())
        if looks_like_date_line(line):
            return line
    return None


class GenericPlatform:
    """The template of a portal whose platform no template knows (a discovered one):
    article addresses by their usual shapes, links found page-wide, articles read by
    the generic extractor."""

    name = NAME
    article_url = re.compile(
        r"/[^/?#]*-\d+(?:\.\w+)?$"           # /slug-12345, /slug-12345.html
        r"|/\d{4}[/-]\d{1,2}[/-]\d{1,2}/"    # /2020/07/29/ or /portal/pages/2020-7-29/
        r"|/(?:read|chi-tiet|detail|news|tin-tuc)/[^?#]+\.(?:html?|aspx)$"
        r"|[?&](?:id|newsid|dDocName|ItemID)=\w+",
        re.IGNORECASE,
    )

    def listing(self, page: Selector, url: str):
        from .base import ListingEntry

        seen, entries = set(), []
        for link in page.css("a[href]"):
            target = urljoin(url, link.attrib["href"].strip())
            if target not in seen and self.article_url.search(target):
                seen.add(target)
                entries.append(ListingEntry(target, " ".join(" ".join(link.css("::text").getall()).split()) or None))
        return entries

    def next_page(self, page: Selector, url: str):
        href = page.css('a[rel="next"]::attr(href), a.next::attr(href)').get()
        return urljoin(url, href) if href else None

    def parse_article(self, page, url: str = "") -> dict:
        return parse_article(page)

    def recognise(self, page, url: str = "") -> bool:
        return False  # the last resort, never a match


PLATFORM = GenericPlatform()
