"""RSS 2.0 and Atom feeds: article links with their publication dates."""

from dateutil import parser as dateparser
from parsel import Selector

from govnews_crawler.platforms.base import ListingEntry


def feed_entries(xml: str) -> list[ListingEntry]:
    """Entries of an RSS or Atom feed, in feed order."""
    feed = Selector(text=xml, type="xml")
    feed.remove_namespaces()
    entries = []
    for item in feed.xpath("//item | //entry"):
        link = (item.xpath("link/text()").get() or item.xpath("link/@href").get() or "").strip()
        if not link:
            continue
        stamp = item.xpath("pubDate/text() | published/text() | updated/text()").get()
        entries.append(ListingEntry(link, (item.xpath("title/text()").get() or "").strip() or None, _date(stamp)))
    return entries


def _date(stamp: str | None) -> str | None:
    if not stamp:
        return None
    try:
        return dateparser.parse(stamp).date().isoformat()
    except (ValueError, OverflowError):
        return None
