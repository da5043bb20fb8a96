"""``govnews parse --listing``: what a template sees on a listing page (its article
links with title and date, then the next page), and the check that keeps
``govnews parse`` from reading a listing page as an article."""

import json
import sys
from pathlib import Path
from urllib.parse import urljoin

from parsel import Selector
from w3lib.encoding import html_body_declared_encoding

from govnews_crawler.platforms import PLATFORMS, Platform, generic, recognise
from govnews_crawler.platforms.generic_extractor import largest_text_block
from govnews_crawler.registry import Portal

MIN_LINKS = 2  # article links a template's listing must show, its body selectors missing
MIN_LINKS_GENERIC = 5  # ... or, with no template, links of which 3 sit in the main text block
ANY_HOST = "http://localhost/"  # for telling a listing: host-anchored address patterns need one


def read_page(path: Path) -> Selector:
    """A saved page as a Selector, decoded by its declared encoding (else UTF-8)."""
    data = path.read_bytes()
    encoding = html_body_declared_encoding(data) or "utf-8-sig"
    return Selector(text=data.decode(encoding, errors="replace"))


def template_of(page: Selector, url: str, portal: Portal | None) -> Platform:
    """The portal's template (of the era whose template recognises the page, else its
    newest), else the recognised one, else the generic one."""
    if portal is None:
        return recognise(page, url) or generic.PLATFORM
    eras = [PLATFORMS[era.platform] for era in portal.layouts]
    return next((t for t in reversed(eras) if t.recognise(page, url)), PLATFORMS[portal.platform])


def is_listing(page: Selector, url: str, template: Platform) -> bool:
    """Whether a page is a listing: its template's body selectors miss and it links
    several articles (with no template: most of them in the page's main text block)."""
    if template.body_css and any(page.css(css) for css in template.body_css):
        return False
    entries = template.listing(page, url)
    if template is not generic.PLATFORM:
        return len(entries) >= MIN_LINKS
    if len(entries) < MIN_LINKS_GENERIC:
        return False
    block = largest_text_block(page)
    hrefs = block.css("a::attr(href)").getall() if block is not None else []
    inside = {urljoin(url, href.strip()) for href in hrefs}
    return sum(e.url in inside for e in entries) >= 3


def page_base(page: Selector, fallback: str) -> str:
    """The address a saved page's links resolve against: its ``<base>``, canonical
    or ``og:url`` when it declares one, else ``fallback``."""
    declared = page.css('base::attr(href), link[rel="canonical"]::attr(href), meta[property="og:url"]::attr(content)').get()
    return declared.strip() if declared and declared.strip().startswith(("http://", "https://")) else fallback


def saved_address(path: Path) -> str | None:
    """The original address of a page saved by ``govnews capture`` (its ``NAME.meta.json``)."""
    meta = path.with_suffix(".meta.json")
    try:
        url = json.loads(meta.read_text(encoding="utf-8")).get("url") if meta.is_file() else None
    except (OSError, ValueError, AttributeError):
        return None
    return url if isinstance(url, str) and url.startswith(("http://", "https://")) else None


def run(paths: list[str], portal: Portal | None) -> int:
    """One JSON line per article link, then ``{"next_page": …}``, for each page;
    links resolve against the portal's address when given, else the page's own
    (declared, or the original address in a saved page's meta file, else the file's)."""
    failures = 0
    for name in paths:
        path = Path(name)
        try:
            page = read_page(path)
        except OSError as exc:
            print(f"govnews parse: {name}: {exc.strerror or exc}", file=sys.stderr)
            failures += 1
            continue
        url = portal.base_url + "/" if portal else page_base(page, saved_address(path) or path.resolve().as_uri())
        template = template_of(page, url, portal)
        entries = template.listing(page, url)
        for entry in entries:
            _print({"url": entry.url, "title": entry.title, "published": entry.published})
        _print({"next_page": template.next_page(page, url)})
        if not entries:
            hint = "" if portal else " (--portal gives the links their host)"
            print(f"govnews parse: {name}: no article links found by the {template.name} template{hint}", file=sys.stderr)
            failures += 1
    return 1 if failures else 0


def listing_instead(path: Path, portal: Portal | None) -> bool:
    """Whether a saved ``.html`` page is a listing page rather than an article."""
    if path.suffix.lower() not in {".html", ".htm", ".xhtml", ".aspx", ".php"}:
        return False
    try:
        page = read_page(path)
    except OSError:
        return False  # the article reader reports it
    url = portal.base_url + "/" if portal else page_base(page, ANY_HOST)
    return is_listing(page, url, template_of(page, url, portal))


def _print(line: dict[str, object]) -> None:
    sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
    sys.stdout.flush()
