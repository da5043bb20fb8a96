"""Article parsing per CMS platform: markup in, raw article fields out.

No Scrapy here: templates take page text (or a parsel Selector), so a spider and
``govnews parse page.html`` read a page the same way. ``PLATFORMS`` names every
template; ``recognise`` tells a page's platform from its markup.
"""

from collections.abc import Iterable
from typing import Any

from parsel import Selector

from govnews_crawler.platforms import (
    generic,
    hatinh_district,
    honglinh,
    liferay,
    nghean,
    nukeviet,
    tandan,
    webcenter,
    wordpress,
)
from govnews_crawler.platforms.base import ListingEntry, Platform

PLATFORMS: dict[str, Platform] = {
    module.PLATFORM.name: module.PLATFORM
    for module in (hatinh_district, honglinh, wordpress, tandan, nghean, nukeviet, liferay, webcenter, generic)
}  # generic last: it never recognises a page, it is what is left


def recognise(page: Selector | str, url: str = "") -> Platform | None:
    """The platform whose generator or class names a page shows."""
    sel = Selector(text=page) if isinstance(page, str) else page
    for platform in PLATFORMS.values():
        if platform.recognise(sel, url):
            return platform
    return None


def recognise_addresses(urls: Iterable[str]) -> Platform | None:
    """The template whose distinctive article-address pattern most of the addresses
    follow ('/portal/read/…', 'dDocName=PORTAL…'; not WordPress's '/slug/')."""
    best, best_count = None, 0
    for platform in PLATFORMS.values():
        if not getattr(platform, "distinctive_urls", False):
            continue
        count = sum(1 for url in urls if platform.article_url.search(url))
        if count > best_count:
            best, best_count = platform, count
    return best


def parse_page(page: str, url: str = "", platform: str | None = None) -> dict[str, Any]:
    """Raw article fields of a page: by the named platform, else the recognised one,
    else the generic extractor."""
    sel = Selector(text=page)
    template = PLATFORMS[platform] if platform else recognise(sel, url)
    return (template or generic.PLATFORM).parse_article(sel, url)


__all__ = ["PLATFORMS", "ListingEntry", "Platform", "generic", "parse_page", "recognise", "recognise_addresses"]
