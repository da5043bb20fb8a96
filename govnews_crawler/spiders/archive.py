"""Reading a portal from the Internet Archive: CDX listing, then raw captures.

Mixed into ``PortalSpider``: with ``-a source=archive`` (the default for closed
portals) the spider asks the CDX API for the host's captures, keeps the addresses
of the template's article pattern, takes the newest capture of each page and
parses its raw bytes (``/web/<timestamp>id_/<original>``) with the live template.
"""

import scrapy

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

    def archive_setup(self):
        settings = self.crawler.settings
        self.endpoint = settings.get("WAYBACK_ENDPOINT").rstrip("/")
        self.cdx_page_size = settings.getint("WAYBACK_CDX_PAGE_SIZE")
        self.cdx_collapse = settings.get("WAYBACK_CDX_COLLAPSE")
        self.cdx_tries = settings.getint("WAYBACK_CDX_TRIES")
        self.cdx_max_pages = settings.getint("WAYBACK_CDX_MAX_PAGES")
        self.cdx_keys: set[str] = set()
        self.captures = []

    def cdx_request(self, resume_key: str | None = None, attempt: int = 1) -> scrapy.Request:
        url = cdx_url(self.endpoint, self.portal.host, self.since, resume_key, self.cdx_page_size, self.cdx_collapse,
                      fields=LISTING_FIELDS, filters=LISTING_FILTERS)
        bypass = not self.distributed or attempt > 1 or getattr(self, "recovering", False)
        return scrapy.Request(
            url, callback=self.parse_cdx, errback=self.on_error, dont_filter=bypass,
            meta={"download_slot": SLOT, "autothrottle_dont_adjust_delay": True},
            cb_kwargs={"resume_key": resume_key, "attempt": attempt},
        )

    def parse_cdx(self, response, resume_key, attempt):
        stats = self.crawler.stats
        try:
            captures, next_key = parse_cdx(response.text, LISTING_FIELDS)
        except CdxError as problem:
            stats.inc_value("govnews/archive/cdx_bad_answer")
            if attempt < self.cdx_tries:
                self.logger.warning("%s: the archive's CDX answer was unusable (%s); asking again", self.name, problem)
                yield self.cdx_request(resume_key, attempt + 1)
            else:
                self.logger.error("%s: gave up on the archive's CDX listing at %s: %s", self.name, response.url, problem)
                yield from self.capture_requests()
            return
        stats.inc_value("govnews/archive/cdx_pages")
        stats.inc_value("govnews/archive/captures_listed", len(captures))
        self.captures += [c for c in captures if self.is_article_capture(c)]
        if next_key and self.cdx_walk_goes_on(next_key):
            yield self.cdx_request(next_key)
        else:
            yield from self.capture_requests()

    def cdx_walk_goes_on(self, next_key):
        """False (with an ERROR) when the resume key repeats or the page limit is reached."""
        if next_key in self.cdx_keys:
            problem = f"the archive sent resume key {next_key!r} again"
        elif len(self.cdx_keys) + 1 >= self.cdx_max_pages:
            problem = f"{self.cdx_max_pages} CDX pages read (WAYBACK_CDX_MAX_PAGES)"
        else:
            self.cdx_keys.add(next_key)
            return True
        self.crawler.stats.inc_value("govnews/archive/cdx_walk_stopped")
        self.logger.error("%s: stopped the archive's CDX listing of %s: %s; reading the captures listed so far",
                          self.name, self.portal.host, problem)
        return False

    def is_article_capture(self, capture) -> bool:
        return (capture.statuscode in ("200", "-", "") and "html" in (capture.mimetype or "html")
                and bool(self.platform.article_url.search(capture.original)))

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
                cb_kwargs={"original": capture.original},
            )
            if request:
                yield request

    def parse_capture(self, response, original):
        if response.status in REDIRECTS:
            self.crawler.stats.inc_value("govnews/archive/capture_redirect")
            self.logger.error("%s: the capture of %s is a redirect (%s to %s); skipped", self.name, original,
                              response.status, response.headers.get("Location", b"").decode("latin-1"))
            return
        yield from self.parse_article(response, original_url=original)
