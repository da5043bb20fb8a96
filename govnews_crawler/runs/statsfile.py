"""The crawl's final stats written to a JSON file when the spider closes."""

from pathlib import Path

from scrapy import signals
from scrapy.exceptions import NotConfigured

from govnews_crawler.common.atomic import write_json_atomic


class StatsFile:
    """Write the final crawl stats to ``GOVNEWS_STATS_FILE`` (unset: off)."""

    def __init__(self, path: str, crawler):
        self.path = Path(path)
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        path = crawler.settings.get("GOVNEWS_STATS_FILE")
        if not path:
            raise NotConfigured
        extension = cls(path, crawler)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_closed(self, spider, reason):
        stats = {**self.crawler.stats.get_stats(), "finish_reason": reason}
        write_json_atomic(self.path, stats)
