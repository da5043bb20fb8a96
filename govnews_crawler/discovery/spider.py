"""``govnews discover``: find the former districts' portals in the Internet Archive.

For each district of the national registry and each candidate host of it, the
archive's CDX API tells whether the host has captures (days with captures per
year, first and last capture, sample addresses); one or two captures of its pages
then show the platform (generator meta, class names, address shapes). Results go
to a resumable SQLite store and to ``discovered.toml``: registry entries with their
evidence, marked as discovered, never replacing a hand-written entry.

A host whose platform no template recognises has its article shapes confirmed the
way an archive crawl learns them (``discovery.shapes``): a few captures of each of
its largest address shapes are read with the generic extractor, and the shapes
whose pages read as articles are stored, written to the entry's evidence and printed.
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
SHAPES_READ = 4  # the largest address shapes of an unrecognised host whose captures are read
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
        groups = shapes.group_by_shape(html)
        found = {"first": min(c.timestamp for c in captures), "last": max(c.timestamp for c in captures),
                 "years": dict(sorted(years.items())), "samples": [c.original for c in samples[:SAMPLES]],
                 "shapes": shapes.describe(groups), "groups": dict(list(groups.items())[:SHAPES_READ])}
        to_fetch = samples[:1] + [c for c in html if c.original.rstrip("/").endswith(candidate["host"])][:1]
        yield from self._next_capture(district, candidate, found, to_fetch, by_address)

    def _next_capture(self, district, candidate, found, to_fetch, by_address):
        if not to_fetch:
            if by_address:
                evidence = f"article addresses follow the {by_address.name} pattern"
                self._save_found(district, candidate, found, by_address.name, evidence)
                return
            picked = shapes.samples(found["groups"])
            queue = [(name, capture) for name, group in picked.items() for capture in group]
            yield from self._next_shape_sample(district, candidate, found, queue, {name: [] for name in picked})
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
            self._save_found(district, candidate, found, platform.name, f"{evidence} on {response.url}")
            return
        yield from self._next_capture(district, candidate, found, rest, by_address)

    def _next_shape_sample(self, district, candidate, found, queue, verdicts):
        """Read the next sampled capture of an unrecognised host; once all are read, save
        the host with the shapes most of whose samples read as articles."""
        if not queue:
            confirmed = {name: len(found["groups"][name]) for name in shapes.article_shapes(verdicts)}
            self.crawler.stats.inc_value("govnews/discover/shapes_confirmed", len(confirmed))
            evidence = f"not recognised; address shapes {found.get('shapes') or 'none'}"
            self._save_found(district, candidate, found, generic.NAME, evidence, confirmed)
            return
        (name, capture), rest = queue[0], queue[1:]
        kwargs = {"district": district, "candidate": candidate, "found": found, "queue": rest, "verdicts": verdicts,
                  "shape": name}
        yield scrapy.Request(capture_url(self.endpoint, capture), callback=self.parse_shape_sample,
                             errback=self.shape_sample_failed, dont_filter=True,
                             meta={"download_slot": SLOT, "dont_redirect": True}, cb_kwargs=kwargs)

    def parse_shape_sample(self, response, district, candidate, found, queue, verdicts, shape):
        text, _ = decode_page(response.body, response.headers.get("Content-Type", b"").decode("latin-1"))
        verdicts[shape].append(bool(text) and shapes.reads_as_article(generic.PLATFORM.parse_article(text)))
        yield from self._next_shape_sample(district, candidate, found, queue, verdicts)

    def shape_sample_failed(self, failure):
        """A sample that could not be read counts as not an article; the others go on."""
        kwargs = failure.request.cb_kwargs
        self.crawler.stats.inc_value("govnews/discover/shape_samples_failed")
        kwargs["verdicts"][kwargs["shape"]].append(False)
        yield from self._next_shape_sample(kwargs["district"], kwargs["candidate"], kwargs["found"], kwargs["queue"],
                                           kwargs["verdicts"])

    def _save_found(self, district, candidate, found, platform, evidence, article_shapes=None):
        record = {k: v for k, v in found.items() if k != "groups"}
        self.store.save(district["key"], candidate, "found", platform=platform, platform_evidence=evidence,
                        article_shapes=article_shapes or {}, **record)

    def on_error(self, failure):
        district, candidate = failure.request.cb_kwargs["district"], failure.request.cb_kwargs["candidate"]
        self.crawler.stats.inc_value("govnews/discover/errors")
        self.logger.error("discover: %s%s: %s", candidate["host"], candidate["path"], failure.getErrorMessage())
        self.store.save(district["key"], candidate, "error")
