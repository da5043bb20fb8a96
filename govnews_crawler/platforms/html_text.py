"""Text of an HTML element one block a line, with images marked where they stood."""

from lxml import html as lxml_html
from lxml.etree import _Element
from parsel import Selector

from govnews_crawler.extraction.structure import IMAGE_MARK

BLOCKS = {
    "p", "div", "section", "article", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
    "table", "tr", "td", "th", "figure", "figcaption", "blockquote", "br", "header", "footer",
    "dl", "dt", "dd", "center", "hr",
}
SKIPPED = {"script", "style", "noscript", "iframe", "form", "button", "select", "input", "svg", "template"}


def block_lines(element: Selector | _Element | str) -> str:
    """Text of an lxml element (or parsel Selector) with a line break between blocks."""
    root = element.root if isinstance(element, Selector) else element
    if isinstance(root, str):
        root = lxml_html.fromstring(root)
    pieces: list[str] = []
    _walk(root, pieces)
    lines = "".join(pieces).split("\n")
    return "\n".join(" ".join(line.split()) for line in lines if line.strip())


def _walk(node: _Element, pieces: list[str]) -> None:
    tag = node.tag if isinstance(node.tag, str) else ""
    if tag in SKIPPED:
        pieces.append(node.tail or "")
        return
    if tag == "img":
        alt = (node.get("alt") or "").strip()
        pieces.append(f"\n{IMAGE_MARK}{alt}\n")
    block = tag in BLOCKS
    if block:
        pieces.append("\n")
    pieces.append(node.text or "")
    for child in node:
        _walk(child, pieces)
    if block:
        pieces.append("\n")
    pieces.append(node.tail or "")
