"""The extractor of a page no template knows: metadata, the largest text block."""

from typing import Any

from parsel import Selector

from govnews_crawler.extraction.dates import looks_like_date_line
from govnews_crawler.platforms.html_text import block_lines

NAME = "generic"  # the ``extractor`` field of items it read
META_DATES = (
    'meta[property="article:published_time"]::attr(content)',
    'meta[name="pubdate"]::attr(content)',
    'meta[name="publishdate"]::attr(content)',
    'meta[itemprop="datePublished"]::attr(content)',
    'meta[name="date"]::attr(content)',
    "time::attr(datetime)",
)


def parse_article(page: Selector | str) -> dict[str, Any]:
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


def largest_text_block(sel: Selector) -> Selector | None:
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
