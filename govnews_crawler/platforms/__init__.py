"""Article parsing per CMS platform: markup in, raw article fields out.

No Scrapy here: templates take page text (or a parsel Selector), so a spider and
``govnews parse page.html`` read a page the same way. ``PLATFORMS`` names every
template; ``recognise`` tells a page's platform from its markup.
"""

from parsel import Selector

from . import generic, hatinh_district, honglinh, liferay, nghean, nukeviet, tandan, webcenter, wordpress
from .base import ListingEntry, Platform

PLATFORMS: dict[str, Platform] = {
    module.PLATFORM.name: module.PLATFORM
    for module in (hatinh_district, honglinh, wordpress, tandan, nghean, nukeviet, liferay, webcenter)
}


def recognise(page: Selector | str, url: str = "") -> Platform | None:
    """The platform whose generator, class names or address shape a page shows."""
    sel = Selector(text=page) if isinstance(page, str) else page
    for platform in PLATFORMS.values():
        if platform.recognise(sel, url):
            return platform
    return None


def parse_page(page: str, url: str = "", platform: str | None = None) -> dict:
    """Raw article fields of a page: by the named platform, else the recognised one,
    else the generic extractor."""
    sel = Selector(text=page)
    template = PLATFORMS[platform] if platform else recognise(sel, url)
    return template.parse_article(sel, url) if template else generic.parse_article(sel)


__all__ = ["PLATFORMS", "ListingEntry", "Platform", "generic", "parse_page", "recognise"]
