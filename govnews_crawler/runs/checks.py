"""Health checks at the end of each spider, which fail a run loudly."""

from scrapy import signals
from scrapy.exceptions import NotConfigured


class HealthChecks:
    """Checks at the end of each spider that fail a run loudly: ERROR lines, the list
    ``govnews/checks_failed`` in the stats (the run's exit status and manifest read it).

    - no article listed at all (a dead portal, or a listing layout that changed), unless
      the spider was given articles to fetch (a distributed worker) and stored some;
    - articles listed and fetched, but none accepted (every one failed: 404, 500, no text);
    - the archive's CDX listing given up part-way;
    - dropped invalid items above ``GOVNEWS_CHECK_MAX_INVALID_SHARE`` of the articles;
    - articles without ``published_at`` above ``GOVNEWS_CHECK_MAX_UNDATED_SHARE``;
    - more download errors than ``GOVNEWS_CHECK_MAX_DOWNLOAD_ERRORS``;
    - any item the store of record could not take (the crawl stopped there).
    """

    def __init__(self, crawler):
        self.crawler = crawler
        settings = crawler.settings
        self.max_invalid = settings.getfloat("GOVNEWS_CHECK_MAX_INVALID_SHARE", 0.1)
        self.max_undated = settings.getfloat("GOVNEWS_CHECK_MAX_UNDATED_SHARE", 0.5)
        self.max_errors = settings.getint("GOVNEWS_CHECK_MAX_DOWNLOAD_ERRORS", 20)

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.getbool("GOVNEWS_CHECKS_ENABLED", True):
            raise NotConfigured
        extension = cls(crawler)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def failures(self, stats: dict) -> list[str]:
        found = []
        listed = stats.get("govnews/articles_listed", 0)
        valid = stats.get("govnews/items_valid", 0)
        distributed = self.crawler.settings.getbool("GOVNEWS_DISTRIBUTED")
        if not listed and not valid and (not distributed or stats.get("govnews/distributed/listing_requests_received")):
            found.append("no article listed (portal down, or its listing layout changed)")
        fetched = listed - sum(stats.get(f"govnews/{k}", 0) for k in (
            "state/skipped_known", "dropped/outside_window", "requests_repeated"))
        if fetched > 0 and not valid:
            found.append(f"{listed} articles listed but none exported (every article failed: "
                         "not found, server errors, or no text)")
        if stats.get("govnews/archive/cdx_gave_up"):
            found.append("the archive's CDX listing was given up part-way (captures after it were not listed)")
        processed = valid + stats.get("govnews/article_without_text", 0) + sum(
            v for k, v in stats.items() if k.startswith(("govnews/dropped/missing_", "govnews/dropped/invalid")))
        invalid = processed - valid
        if processed and invalid / max(processed, 1) > self.max_invalid:
            found.append(f"{invalid} of {processed} articles invalid (over {self.max_invalid:.0%})")
        undated = stats.get("govnews/missing/published_at", 0)
        if processed and undated / processed > self.max_undated:
            found.append(f"{undated} of {processed} articles without published_at (over {self.max_undated:.0%})")
        if stats.get("govnews/store_failed"):
            found.append(f"{stats['govnews/store_failed']} articles could not be stored (see the ERROR above); "
                         "the crawl stopped, and the next run fetches them again")
        errors = sum(v for k, v in stats.items() if k.startswith("govnews/errors/"))
        if errors > self.max_errors:
            found.append(f"{errors} download errors (over {self.max_errors})")
        return found

    def spider_closed(self, spider, reason):
        failures = self.failures(self.crawler.stats.get_stats())
        self.crawler.stats.set_value("govnews/checks_failed", failures)
        for failure in failures:
            spider.logger.error("%s: check failed: %s", spider.name, failure)
