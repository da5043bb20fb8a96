"""The extractor of a page no template knows: metadata, the main text, the headline.

The main text: the element whose text blocks (``<p>``, ``<div>`` text, ``<br>``
runs) hold the most text, widened to the neighbouring blocks it shares a parent
with (a lead in its own ``<div>`` before the body, a closing paragraph after),
without related-news lists. The headline: the visible ``h1``–``h3`` or
``.title…`` nearest before that text, before ``og:title`` and ``<title>``.
"""

import re
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
BLOCK_TEXT = 80  # characters of own (non-link) text that make a neighbour part of the article
RELATED = re.compile(r"^\s*(?:tin|bài viết|các tin|bài|tin tức)\s*(?:liên quan|khác|cùng chuyên mục|đã đưa)", re.I)
HEADING_CLASS = "translate(@class, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ-_', 'abcdefghijklmnopqrstuvwxyz')"
HEADLINES = ("self::h1 or self::h2 or self::h3 or "
             + " or ".join(f"contains({HEADING_CLASS}, '{word}')" for word in ("title", "tieude", "headline")))
HEADLINE_GAP = 400  # characters of other text between a headline and the main text, at most
FURNITURE = "ancestor-or-self::*[self::header or self::nav or self::footer or self::a]"


def parse_article(page: Selector | str) -> dict[str, Any]:
    """Raw article fields of a page: title, published_at or date line, source text."""
    sel = page if isinstance(page, Selector) else Selector(text=page)
    container = largest_text_block(sel)
    blocks = article_blocks(container) if container is not None else []
    title = (
        (_headline(container) if container is not None else None)
        or sel.css('meta[property="og:title"]::attr(content)').get()
        or sel.css("title::text").get()
    )
    return {
        "title": " ".join(title.split()) if title else None,
        "published_at": next((v for q in META_DATES if (v := sel.css(q).get())), None),
        "date_line": _date_line_near_title(sel),
        "source_text": "\n".join(text for block in blocks if (text := block_lines(block))),
        "extractor": NAME,
    }


def largest_text_block(sel: Selector) -> Selector | None:
    """The element whose own text blocks (paragraphs, text runs) hold the most text."""
    best, best_size = None, 0
    for candidate in sel.xpath("//body//*[p or br or div]"):
        size = sum(_own_text(p) for p in candidate.xpath("./p | ./div[not(.//p)]"))
        size += sum(len(t.strip()) for t in candidate.xpath("./text()").getall())
        if size > best_size:
            best, best_size = candidate, size
    return best


def article_blocks(container: Selector) -> list[Selector]:
    """The main block and the substantial blocks next to it under the same parent,
    in page order, with related-news lists dropped."""
    siblings = container.xpath("../*")
    index = next((i for i, s in enumerate(siblings) if s.root is container.root), None)
    if index is None:
        return [_without_related(container)]
    start = end = index
    while start > 0 and _substantial(siblings[start - 1]):
        start -= 1
    while end + 1 < len(siblings) and _substantial(siblings[end + 1]):
        end += 1
    return [_without_related(block) for block in siblings[start:end + 1]]


def _substantial(node: Selector) -> bool:
    tag = node.root.tag if isinstance(node.root.tag, str) else ""
    if tag in {"h1", "h2", "h3", "h4", "script", "style", "nav", "header", "footer", "aside", "form"}:
        return False
    text = " ".join(" ".join(node.css("::text").getall()).split())
    links = sum(len(" ".join(a.css("::text").getall()).strip()) for a in node.css("a"))
    return len(text) - links >= BLOCK_TEXT and links * 3 < len(text) and not RELATED.match(text)


def _without_related(block: Selector) -> Selector:
    """A copy of a block without its related-news lists (a 'Tin liên quan' heading
    and the list after it, or any list that is mostly links)."""
    copy = Selector(text=block.get()).xpath("//body/*")[0]
    for heading in copy.xpath(".//*[self::h2 or self::h3 or self::h4 or self::strong or self::p or self::div]"):
        if heading.root.getparent() is not None and RELATED.match(" ".join(heading.css("::text").getall())) \
                and len(" ".join(heading.css("::text").getall())) < 60:
            following = heading.root.getnext()
            if following is not None and following.tag in {"ul", "ol", "div"}:
                following.drop_tree()
            heading.root.drop_tree()
    for listing in copy.xpath(".//ul | .//ol"):
        text = len(" ".join(" ".join(listing.css("::text").getall()).split()))
        links = sum(len(" ".join(a.css("::text").getall()).strip()) for a in listing.css("a"))
        if listing.root.getparent() is not None and len(listing.css("a")) >= 2 and links * 2 > text:
            listing.root.drop_tree()
    return copy


def _headline(container: Selector) -> str | None:
    """The visible headline nearest before the main text and near it, else the first inside it."""
    passed = 0
    for node in reversed(container.xpath("preceding::*")):
        if node.xpath(f"self::*[{HEADLINES}]"):
            if (text := _headline_text(node)) is not None:
                return text
        elif _navigation(node):
            break  # what stands above the menu is the site's, not the article's
        own = " ".join(" ".join(node.xpath("text()").getall()).split())
        if not node.xpath(FURNITURE) and not looks_like_date_line(own):
            passed += len(own)
        if passed > HEADLINE_GAP:
            break
    return next((text for node in container.xpath(f".//*[{HEADLINES}]") if (text := _headline_text(node))), None)


def _headline_text(node: Selector) -> str | None:
    """A heading's text if it reads as an article's headline: visible, no link, 10–300 characters."""
    if node.xpath(FURNITURE) or node.css("a[href]"):
        return None
    text = " ".join(" ".join(node.css("::text").getall()).split())
    return text if 10 <= len(text) <= 300 else None


def _navigation(node: Selector) -> bool:
    """A menu or a list of links: ``nav``, or three links or more making most of its text."""
    if node.root.tag == "nav":
        return True
    links = node.css("a")
    if len(links) < 3:
        return False
    text = len(" ".join(" ".join(node.css("::text").getall()).split()))
    return sum(len(" ".join(a.css("::text").getall()).strip()) for a in links) * 2 > text


def _own_text(node: Selector) -> int:
    text = len(" ".join(node.css("::text").getall()).strip())
    links = sum(len(" ".join(a.css("::text").getall()).strip()) for a in node.css("a"))
    return text - links


def _date_line_near_title(sel: Selector) -> str | None:
    for text in sel.xpath("//body//text()[normalize-space()]").getall()[:400]:
        line = " ".join(text.split())
        if looks_like_date_line(line):
            return line
    return None
