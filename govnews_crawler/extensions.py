"""Extensions: the crawl's stats written to a JSON file when the spider closes."""

import json
from pathlib import Path

from scrapy import signals
from scrapy.exceptions import NotConfigured


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
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(self.path.suffix + ".part")
        temporary.write_text(json.dumps(stats, default=str, ensure_ascii=False, indent=1), encoding="utf-8")
        temporary.replace(self.path)
