"""``govnews discover``: find the former districts' portals in the Internet Archive.

For each district of the national registry and each candidate host of it, the
archive's CDX API tells whether the host has captures (days with captures per
year, first and last capture, sample addresses); one or two captures of its pages
then show the platform (generator meta, class names, address shapes). Results go
to a resumable SQLite store and to ``discovered.toml``: registry entries with their
evidence, marked as discovered, never replacing a hand-written entry.
"""

from collections import Counter

import scrapy
from parsel import Selector

from govnews_crawler.discovery import shapes
from govnews_crawler.discovery.store import DiscoveryStore
from govnews_crawler.platforms import generic, recognise, recognise_addresses
from govnews_crawler.sources.pages import decode_page
from govnews_crawler.sources.wayback import CdxError, capture_url, cdx_url, parse_cdx

SLOT = "wayback"
SAMPLES = 5
CDX_FIELDS = ("timestamp", "original", "mimetype")


class DiscoverySpider(scrapy.Spider):
    """Ask the archive about every candidate host of the chosen districts."""

    name = "discover"
    custom_settings = {"ITEM_PIPELINES": {}, "ROBOTSTXT_OBEY": False, "GOVNEWS_CHECKS_ENABLED": False}

    def __init__(self, districts: list[dict], store: DiscoveryStore, endpoint: str, max_hosts: int = 0, **kwargs):
        super().__init__(**kwargs)
        self.districts, self.store, self.endpoint = districts, store, endpoint.rstrip("/")
        self.max_hosts = max_hosts

    async def start(self):
        asked = 0
        for district in self.districts:
            for candidate in district["candidates"]:
                if self.store.done(district["key"], candidate["host"], candidate["path"]):
                    self.crawler.stats.inc_value("govnews/discover/already_checked")
                    continue
                if self.max_hosts and asked >= self.max_hosts:
                    return
                asked += 1
                query = cdx_url(self.endpoint, candidate["host"], path=candidate["path"], fields=CDX_FIELDS,
                                collapse="timestamp:8", limit=20000, resumable=False)
                yield scrapy.Request(query, callback=self.parse_cdx,
                                     errback=self.on_error, meta={"download_slot": SLOT},
                                     cb_kwargs={"district": district, "candidate": candidate})

    def parse_cdx(self, response, district, candidate):
        try:
            captures, _ = parse_cdx(response.text)
        except CdxError as problem:
            self.crawler.stats.inc_value("govnews/discover/cdx_bad_answer")
            self.logger.error("discover: bad CDX answer for %s%s: %s", candidate["host"], candidate["path"], problem)
            self.store.save(district["key"], candidate, "error")
            return
        if not captures:
            self.store.save(district["key"], candidate, "none")
            self.crawler.stats.inc_value("govnews/discover/hosts_without_captures")
            return
        self.crawler.stats.inc_value("govnews/discover/hosts_found")
        html = [c for c in captures if "html" in (c.mimetype or "html")] or captures
        years = Counter(c.timestamp[:4] for c in captures)
        addresses = [c.original for c in html]
        by_address = recognise_addresses(addresses)
        article_like = [c for c in html if by_address and by_address.article_url.search(c.original)]
        samples = sorted(article_like or html, key=lambda c: c.timestamp, reverse=True)
        found = {"first": min(c.timestamp for c in captures), "last": max(c.timestamp for c in captures),
                 "years": dict(sorted(years.items())), "samples": [c.original for c in samples[:SAMPLES]],
                 "shapes": shapes.describe(shapes.group_by_shape(html))}
        to_fetch = samples[:1] + [c for c in html if c.original.rstrip("/").endswith(candidate["host"])][:1]
        yield from self._next_capture(district, candidate, found, to_fetch, by_address)

    def _next_capture(self, district, candidate, found, to_fetch, by_address):
        if not to_fetch:
            platform = by_address.name if by_address else generic.NAME
            evidence = (f"article addresses follow the {by_address.name} pattern" if by_address
                        else f"not recognised; address shapes {found.get('shapes') or 'none'}")
            self.store.save(district["key"], candidate, "found", platform=platform, platform_evidence=evidence, **found)
            return
        capture, rest = to_fetch[0], to_fetch[1:]
        yield scrapy.Request(
            capture_url(self.endpoint, capture), callback=self.parse_capture,
            errback=self.on_error, dont_filter=True,
            meta={"download_slot": SLOT, "dont_redirect": True, "handle_httpstatus_list": [301, 302, 303, 307, 308]},
            cb_kwargs={"district": district, "candidate": candidate, "found": found, "rest": rest, "by_address": by_address},
        )

    def parse_capture(self, response, district, candidate, found, rest, by_address):
        text, _ = decode_page(response.body, response.headers.get("Content-Type", b"").decode("latin-1"))
        platform = recognise(Selector(text=text), response.url) if response.status == 200 and text else None
        if platform:
            generator = Selector(text=text).css('meta[name="generator"]::attr(content)').get()
            evidence = f"generator {generator!r}" if generator else "class names of its templates"
            self.store.save(district["key"], candidate, "found", platform=platform.name,
                            platform_evidence=f"{evidence} on {response.url}", **found)
            return
        yield from self._next_capture(district, candidate, found, rest, by_address)

    def on_error(self, failure):
        district, candidate = failure.request.cb_kwargs["district"], failure.request.cb_kwargs["candidate"]
        self.crawler.stats.inc_value("govnews/discover/errors")
        self.logger.error("discover: %s%s: %s", candidate["host"], candidate["path"], failure.getErrorMessage())
        self.store.save(district["key"], candidate, "error")
