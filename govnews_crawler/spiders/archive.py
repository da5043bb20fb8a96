"""Reading a portal from the Internet Archive: CDX listing, then raw captures.

Mixed into ``PortalSpider``: with ``-a source=archive`` (the default for closed
portals) the spider asks the CDX API for the host's captures, keeps the addresses
of the template's article pattern, takes the newest capture of each page and
parses its raw bytes (``/web/<timestamp>id_/<original>``) with the live template.
A portal with layout eras is listed host by host, and each capture is read by
the era of its timestamp (``Portal.era_at``). A portal no template knows (the
generic platform) has its article pages learned from the listing itself:
``discovery.shapes`` groups the addresses by shape, a few captures of each shape
are read, and only the shapes that read as articles are crawled.
"""

from collections.abc import Callable
from datetime import date
from urllib.parse import urlsplit

import scrapy
from scrapy.crawler import Crawler

from govnews_crawler.discovery import shapes
from govnews_crawler.distributed.inflight import SAME_WORKER
from govnews_crawler.platforms import PLATFORMS, generic
from govnews_crawler.registry import Portal
from govnews_crawler.sources.wayback import (
    LISTING_FIELDS,
    LISTING_FILTERS,
    CdxError,
    capture_url,
    cdx_url,
    newest_per_page,
    parse_cdx,
)

REDIRECTS = [301, 302, 303, 307, 308]
SLOT = "wayback"  # one download slot for the archive, paced by middlewares/archive_budget.py


class WaybackMixin:
    """CDX pages -> capture requests. Needs ``portal``, ``platform``, ``since``."""

    # Provided by PortalSpider, which this is mixed into.
    portal: Portal
    since: date | None
    crawler: Crawler
    on_error: Callable[..., None]

    def archive_setup(self):
        settings = self.crawler.settings
        self.endpoint = settings.get("WAYBACK_ENDPOINT").rstrip("/")
        self.cdx_page_size = settings.getint("WAYBACK_CDX_PAGE_SIZE")
        self.cdx_collapse = settings.get("WAYBACK_CDX_COLLAPSE")
        self.cdx_tries = settings.getint("WAYBACK_CDX_TRIES")
        self.cdx_max_pages = settings.getint("WAYBACK_CDX_MAX_PAGES")
        self.cdx_keys: set[tuple[str, str]] = set()
        self.captures = []

    def cdx_request(self, resume_key: str | None = None, attempt: int = 1, host: str | None = None) -> scrapy.Request:
        host = host or self.portal.hosts[0]
        url = cdx_url(self.endpoint, host, self.since, resume_key, self.cdx_page_size, self.cdx_collapse,
                      fields=LISTING_FIELDS, filters=LISTING_FILTERS)
        bypass = not self.crawler.settings.getbool("GOVNEWS_DISTRIBUTED") or attempt > 1
        return scrapy.Request(
            url, callback=self.parse_cdx, errback=self.on_error, dont_filter=bypass,
            # With Redis, the listing's pages stay on the worker collecting its captures.
            meta={"download_slot": SLOT, "autothrottle_dont_adjust_delay": True, SAME_WORKER: True},
            cb_kwargs={"resume_key": resume_key, "attempt": attempt, "host": host},
        )

    def next_host_or_captures(self, host: str):
        """The CDX listing of the portal's next host (eras on other hosts), else the captures."""
        hosts = self.portal.hosts
        later = hosts[hosts.index(host) + 1:] if host in hosts else ()
        if later:
            yield self.cdx_request(host=later[0])
        elif any(self.learns_shapes(c) for c in self.captures):
            yield from self.shape_requests()
        else:
            yield from self.capture_requests()

    def parse_cdx(self, response, resume_key, attempt, host=None):
        host = host or self.portal.hosts[0]
        stats = self.crawler.stats
        try:
            captures, next_key = parse_cdx(response.text, LISTING_FIELDS)
        except CdxError as problem:
            stats.inc_value("govnews/archive/cdx_bad_answer")
            if attempt < self.cdx_tries:
                self.logger.warning("%s: the archive's CDX answer was unusable (%s); asking again", self.name, problem)
                yield self.cdx_request(resume_key, attempt + 1, host)
            else:
                stats.inc_value("govnews/archive/cdx_gave_up")
                self.logger.error("%s: gave up on the archive's CDX listing at %s: %s", self.name, response.url, problem)
                yield from self.next_host_or_captures(host)
            return
        stats.inc_value("govnews/archive/cdx_pages")
        stats.inc_value("govnews/archive/captures_listed", len(captures))
        self.captures += [c for c in captures if self.is_article_capture(c)]
        if next_key and self.cdx_walk_goes_on(host, next_key):
            yield self.cdx_request(next_key, host=host)
        else:
            yield from self.next_host_or_captures(host)

    def cdx_walk_goes_on(self, host, next_key):
        """False (with an ERROR) when the resume key of a host's listing repeats or the page
        limit is reached."""
        if (host, next_key) in self.cdx_keys:
            problem = f"the archive sent resume key {next_key!r} again"
        elif len(self.cdx_keys) + 1 >= self.cdx_max_pages:
            problem = f"{self.cdx_max_pages} CDX pages read (WAYBACK_CDX_MAX_PAGES)"
        else:
            self.cdx_keys.add((host, next_key))
            return True
        self.crawler.stats.inc_value("govnews/archive/cdx_walk_stopped")
        self.logger.error("%s: stopped the archive's CDX listing of %s: %s; reading the captures listed so far",
                          self.name, host, problem)
        return False

    def is_article_capture(self, capture) -> bool:
        if self.learns_shapes(capture):
            return True  # kept for learning: group_by_shape drops what is not an HTML page
        return (capture.statuscode in ("200", "-", "") and "html" in (capture.mimetype or "html")
                and self.era_of(capture.timestamp, capture.original).is_article(capture.original))

    def learns_shapes(self, capture) -> bool:
        return self.era_of(capture.timestamp, capture.original).platform == generic.NAME

    def shape_requests(self):
        """Sample requests for each address shape of the portal (template-free pages)
        that the generic template's usual article addresses do not cover."""
        kept, learning = [], []
        for capture in self.captures:  # the generic template's usual article addresses need no learning
            usual = not self.learns_shapes(capture) or generic.PLATFORM.article_url.search(capture.original)
            (kept if usual else learning).append(capture)
        self.captures = kept
        self.shape_groups = shapes.group_by_shape(learning)
        picked = shapes.samples(self.shape_groups)
        self.verdicts: dict[str, list[bool]] = {name: [] for name in picked}
        self.samples_pending = sum(len(group) for group in picked.values())
        if not self.samples_pending:
            yield from self.capture_requests()
        for name, group in picked.items():
            for capture in group:
                yield scrapy.Request(capture_url(self.endpoint, capture), callback=self.parse_sample,
                                     errback=self.sample_failed, dont_filter=True,
                                     meta={"download_slot": SLOT, "dont_redirect": True, SAME_WORKER: True},
                                     cb_kwargs={"shape": name})

    def parse_sample(self, response, shape):
        text = response.text if hasattr(response, "text") else ""
        self.verdicts[shape].append(shapes.reads_as_article(generic.PLATFORM.parse_article(text)))
        yield from self.sample_done()

    def sample_failed(self, failure):
        yield from self.sample_done()

    def sample_done(self):
        self.samples_pending -= 1
        if self.samples_pending:
            return
        kept = shapes.article_shapes(self.verdicts)
        self.crawler.stats.set_value("govnews/archive/shapes_learned", len(kept))
        self.logger.info("%s: article shapes learned from %d shapes: %s", self.name, len(self.verdicts),
                         ", ".join(kept) or "none")
        self.captures += [c for name in kept for c in self.shape_groups[name]]
        yield from self.capture_requests()

    def era_of(self, timestamp: str, original: str):
        return self.portal.era_at(timestamp, urlsplit(original).netloc)

    def capture_requests(self):
        """The newest capture of each article page, once the CDX listing is complete."""
        newest = newest_per_page(self.captures)
        self.crawler.stats.set_value("govnews/archive/article_pages", len(newest))
        self.logger.info("%s: %d article pages in the archive (%d captures)", self.name, len(newest), len(self.captures))
        self.crawler.stats.inc_value("govnews/articles_listed", len(newest))
        for capture in newest:
            request = self.request_once(
                capture_url(self.endpoint, capture), self.parse_capture,
                meta={"download_slot": SLOT, "autothrottle_dont_adjust_delay": True, "dont_redirect": True,
                      "handle_httpstatus_list": REDIRECTS,
                      **self.article_meta(capture.original)},
                cb_kwargs={"original": capture.original, "timestamp": capture.timestamp},
            )
            if request:
                yield request

    def parse_capture(self, response, original, timestamp=None):
        if response.status in REDIRECTS:
            self.crawler.stats.inc_value("govnews/archive/capture_redirect")
            self.logger.error("%s: the capture of %s is a redirect (%s to %s); skipped", self.name, original,
                              response.status, response.headers.get("Location", b"").decode("latin-1"))
            return
        era = self.era_of(timestamp, original) if timestamp else None
        yield from self.parse_article(response, original_url=original, platform=PLATFORMS[era.platform] if era else None)
