"""The spider every portal uses: listings (or feeds) -> article pages -> raw items.

A portal's spider is this class bound to a registry entry (see ``spiders.portals``);
its platform template knows the markup. Arguments (``-a``):

- ``since=YYYY-MM-DD`` / ``until=YYYY-MM-DD``: the window of publication dates;
  paginating stops once a listing shows articles older than ``since``.
- ``max_pages=N``: at most N listing pages per listing path.
- ``base_url=URL``: read the portal from a mirror or a local copy instead.
- ``full=1``: in an incremental run, fetch and export every article again.
- ``revisit=1``: in an incremental run, fetch known articles again and export
  those whose text changed, with ``revision`` + 1.
- ``source=live|archive``: the live site, or its captures in the Internet Archive
  (``WAYBACK_ENDPOINT``). Closed portals read the archive unless told otherwise or
  given a ``base_url``.
"""

from datetime import date
from urllib.parse import urlsplit, urlunsplit

import scrapy
from parsel import Selector
from scrapy.exceptions import IgnoreRequest
from scrapy.spidermiddlewares.httperror import HttpError

from govnews_crawler.common.arguments import ArgumentError, date_arg, flag_arg, positive_int_arg, run_id_arg, url_arg
from govnews_crawler.extraction.published import published_day
from govnews_crawler.item.builder import build_item
from govnews_crawler.middlewares.known import META_KEY, SKIP_KNOWN
from govnews_crawler.platforms import PLATFORMS
from govnews_crawler.platforms.base import ListingEntry, Platform
from govnews_crawler.platforms.feeds import feed_entries
from govnews_crawler.registry import Portal
from govnews_crawler.sources.pages import bounded_fields, decode_page, is_soft_404, page_kind
from govnews_crawler.spiders.archive import WaybackMixin

SOURCES = ("live", "archive")


class PortalSpider(WaybackMixin, scrapy.Spider):
    """Crawl one portal of the registry. Subclasses set ``name`` and ``portal``."""

    portal: Portal

    def __init__(self, *args, since=None, until=None, max_pages=None, base_url=None, source=None,
                 full=None, revisit=None, run_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.full = flag_arg("-a full", full)
        self.revisit = flag_arg("-a revisit", revisit)
        self.run_id = run_id or kwargs.get("_job") or ""  # a scrapyd job is given -a _job=<its id>
        if source is None:
            source = "archive" if self.portal.status in ("closed", "discovered") and base_url is None else "live"
        if source not in SOURCES:
            raise ArgumentError(f"-a source={source!r}: expected one of {', '.join(SOURCES)}")
        self.source = source
        self.since = date_arg("-a since", since)
        self.until = date_arg("-a until", until)
        if self.since and self.until and self.since > self.until:
            raise ArgumentError(f"-a since={since} is after -a until={until}")
        self.max_pages = positive_int_arg("-a max_pages", max_pages)
        self.run_id = run_id_arg("-a run_id", self.run_id)  # it names files: no path
        self.base_url = (url_arg("-a base_url", base_url) or self.portal.base_url).rstrip("/")
        self.allowed_domains = sorted({host for url in (self.portal.base_url, self.base_url)
                                       if (host := (urlsplit(url).hostname or "").removeprefix("www."))})
        self.max_page_bytes = 0  # GOVNEWS_MAX_PAGE_BYTES, set from the crawler's settings
        self.max_text_chars = 0  # GOVNEWS_MAX_TEXT_CHARS, likewise
        self.listed: set[str] = set()  # article addresses seen on listings: a page with none new ends the walk
        self.platform = PLATFORMS[self.portal.platform]
        # Requests bypass Scrapy's persistent dupefilter (a crawl killed mid-way must
        # fetch again what it had in flight); this set keeps one process from repeating one.
        self.requested: set[str] = set()

    @classmethod
    def check_arguments(cls, **arguments) -> None:
        """Raise ArgumentError for a bad ``-a`` value, before any crawl starts."""
        cls(**arguments)

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        if spider.full:  # the revision pipeline exports unchanged articles again
            crawler.settings.set("GOVNEWS_EXPORT_UNCHANGED", True, priority="spider")
        if spider.run_id:
            crawler.settings.set("GOVNEWS_RUN_ID", spider.run_id, priority="spider")
        if spider.source == "archive":  # the offsite middleware lets the archive's own host through
            spider.allowed_domains.append(urlsplit(crawler.settings["WAYBACK_ENDPOINT"]).hostname or "")
        spider.max_pages = spider.max_pages or crawler.settings.getint("GOVNEWS_MAX_LISTING_PAGES")
        spider.max_page_bytes = crawler.settings.getint("GOVNEWS_MAX_PAGE_BYTES")
        spider.max_text_chars = crawler.settings.getint("GOVNEWS_MAX_TEXT_CHARS")
        return spider

    # --- addresses ---------------------------------------------------------------
    def rebase(self, url: str) -> str:
        """An address of the portal's own host, moved onto ``base_url`` (a mirror)."""
        parts, origin, target = urlsplit(url), urlsplit(self.portal.base_url), urlsplit(self.base_url)
        if parts.netloc and parts.netloc not in (origin.netloc, target.netloc):
            return url
        path = parts.path
        if target.path and not path.startswith(target.path.rstrip("/") + "/"):
            path = target.path.rstrip("/") + path
        return urlunsplit((target.scheme, target.netloc, path, parts.query, ""))

    # --- requests --------------------------------------------------------------
    async def start(self):
        """Live: feeds for the newest articles, listings for the history (duplicates
        are filtered). Archive: the CDX listing of the portal's host."""
        if self.source == "archive":
            self.archive_setup()
            self.logger.info("%s: reading %s from the archive at %s", self.name, self.portal.host, self.endpoint)
            yield self.cdx_request()
            return
        requests = [self.request_once(self.base_url + path, self.parse_feed) for path in self.portal.feeds]
        requests += [self.listing_request(self.base_url + path, page=1) for path in self.portal.listing_paths]
        for request in filter(None, requests):
            yield request

    @property
    def distributed(self) -> bool:
        return self.crawler.settings.getbool("GOVNEWS_DISTRIBUTED")

    def request_once(self, url: str, callback, **kwargs) -> scrapy.Request | None:
        """A request for an address not yet asked for in this process, else None.

        Alone, requests bypass Scrapy's dupefilter (a crawl killed mid-way must fetch
        again what it had in flight; JOBDIR's filter would think it done). With Redis,
        the shared dupefilter keeps workers from fetching one URL twice (what a dead
        worker had in flight goes back into the queue: see distributed.workers).
        """
        if url in self.requested:
            self.crawler.stats.inc_value("govnews/requests_repeated")
            return None
        self.requested.add(url)
        return scrapy.Request(url, callback=callback, errback=self.on_error, dont_filter=not self.distributed,
                              **kwargs)

    def listing_request(self, url: str, page: int) -> scrapy.Request | None:
        """Listing pages go first, so article requests of the next page are always waiting."""
        return self.request_once(url, self.parse_listing, cb_kwargs={"page": page}, priority=10)

    def article_request(self, entry: ListingEntry) -> scrapy.Request | None:
        url = self.rebase(entry.url)
        return self.request_once(url, self.parse_article, cb_kwargs={"listed": entry}, meta=self.article_meta(url))

    def article_meta(self, url: str) -> dict:
        """Marks for KnownArticlesMiddleware: the article, and whether earlier runs' count."""
        return {META_KEY: url, SKIP_KNOWN: not (self.full or self.revisit)}

    def in_window(self, day: date | None) -> bool:
        """Whether a publication day is inside ``since``/``until`` (an unknown day is)."""
        return day is None or not ((self.since and day < self.since) or (self.until and day > self.until))

    # --- callbacks -------------------------------------------------------------
    def parse_feed(self, response):
        text = self.page_text(response)
        if text is None:
            return
        entries = feed_entries(text)
        yield from self.follow_entries(response, entries, source="feed")

    def page_text(self, response) -> str | None:
        """The page as text, cut at ``GOVNEWS_MAX_PAGE_BYTES``; None (counted) when it is
        not an HTML or XML page (a PDF, an image, JSON, binary noise)."""
        content_type = response.headers.get("Content-Type", b"").decode("latin-1")
        kind = page_kind(response.body, content_type)
        if kind is not None:
            self.crawler.stats.inc_value(f"govnews/not_a_page/{kind}")
            self.logger.error("%s: %s is not a web page (%s); skipped", self.name, response.url, kind)
            return None
        body = response.body
        if self.max_page_bytes and len(body) > self.max_page_bytes:
            self.crawler.stats.inc_value("govnews/page_cut")
            self.logger.warning("%s: %s is %d bytes; read its first %d", self.name, response.url, len(body),
                                self.max_page_bytes)
            body = body[: self.max_page_bytes]
        text, encoding = decode_page(body, content_type)
        declared = getattr(response, "encoding", None)
        if declared and encoding.replace("-", "").lower() != declared.replace("-", "").replace("_", "").lower():
            self.crawler.stats.inc_value("govnews/charset_mismatch")
            self.logger.info("%s: %s declares %s but is %s", self.name, response.url, declared, encoding)
        return text

    def parse_listing(self, response, page: int):
        text = self.page_text(response)
        if text is None:
            return
        page_selector = Selector(text=text, type="html")
        entries = self.platform.listing(page_selector, response.url)
        self.crawler.stats.inc_value("govnews/listing_pages")
        before = len(self.listed)
        stop = yield from self.follow_entries(response, entries, source="listing")
        if stop:
            self.logger.info("%s: page %d lists articles older than %s; not paginating further",
                             self.name, page, self.since)
            return
        if entries and len(self.listed) == before:
            self.crawler.stats.inc_value("govnews/listing_nothing_new")
            self.logger.warning("%s: listing page %d (%s) shows no article not seen before; not paginating further",
                                self.name, page, response.url)
            return
        if page >= self.max_pages:
            self.crawler.stats.inc_value("govnews/listing_page_limit")
            self.logger.error("%s: stopped at the listing page limit (%d pages, GOVNEWS_MAX_LISTING_PAGES)",
                              self.name, self.max_pages)
            return
        next_url = self.platform.next_page(page_selector, response.url)
        request = self.listing_request(self.rebase(next_url), page + 1) if next_url else None
        if request:
            yield request

    def follow_entries(self, response, entries: list[ListingEntry], source: str):
        """Requests for the entries inside the date window; True when the listing
        has reached articles older than ``since`` (listings run newest first)."""
        if not entries:
            self.crawler.stats.inc_value(f"govnews/{source}_empty")
            self.logger.error("%s: no article links on %s %s (has the page layout changed?)",
                              self.name, source, response.url)
            return False
        reached_older = False
        for entry in entries:
            published = date.fromisoformat(entry.published) if entry.published else None
            if published and self.until and published > self.until:
                continue
            if published and self.since and published < self.since:
                reached_older = True
                continue
            self.crawler.stats.inc_value("govnews/articles_listed")
            if source == "listing":
                self.listed.add(self.rebase(entry.url))
            request = self.article_request(entry)
            if request:
                yield request
        return reached_older

    def parse_article(self, response, listed: ListingEntry | None = None, original_url: str | None = None,
                      platform: Platform | None = None):
        """One raw article item; ``original_url`` is set when the page is an archive capture,
        ``platform`` when an era other than the portal's current one reads it."""
        text = self.page_text(response)
        if text is None:
            return
        fields, cut = bounded_fields((platform or self.platform).parse_article(text, response.url),
                                     self.max_text_chars)
        if cut:
            self.crawler.stats.inc_value("govnews/text_cut")
            self.logger.warning("%s: %s has over %d characters of text; kept the first", self.name, response.url,
                                self.max_text_chars)
        source_text = (fields.get("source_text") or "").strip()
        if is_soft_404(fields.get("title"), source_text):
            self.crawler.stats.inc_value("govnews/soft_404")
            self.logger.error("%s: %s is a 'not found' page answered 200; skipped", self.name, response.url)
            return
        if not source_text:
            self.crawler.stats.inc_value("govnews/article_without_text")
            self.logger.error("%s: no article text found at %s", self.name, response.url)
            return
        url = original_url or response.url
        day = published_day(fields.get("published_at"), fields.get("date_line"), url)
        if not self.in_window(day):
            self.crawler.stats.inc_value("govnews/dropped/outside_window")
            self.logger.info("%s: %s published %s, outside the window; skipped", self.name, url, day)
            return
        self.crawler.stats.inc_value(f"govnews/extractor/{fields['extractor']}")
        yield build_item(fields, url, self.portal, archive_url=response.url if original_url else None,
                         listed_title=listed.title if listed else None)

    def on_error(self, failure):
        """Log a failed request with the spider's name and count it by cause."""
        request = failure.request
        if failure.check(HttpError):
            status = failure.value.response.status
            key, reason = f"http_{status}", f"HTTP {status}"
        elif failure.check(IgnoreRequest):  # refused by policy (scheme, offsite): counted where refused
            return
        else:
            key, reason = type(failure.value).__name__, str(failure.value) or type(failure.value).__name__
        self.crawler.stats.inc_value(f"govnews/errors/{key}")
        self.logger.error("%s: %s failed: %s", self.name, request.url, reason)
