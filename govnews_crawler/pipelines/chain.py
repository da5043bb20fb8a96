"""Run the project's item pipelines over articles read from files, without a crawl.

``govnews parse`` uses this, so that saved pages get exactly the processing a
crawl gives them: the pipelines of ``settings.ITEM_PIPELINES``, in their order.
"""

import logging
from collections import Counter

from scrapy.exceptions import DropItem
from scrapy.settings import Settings
from scrapy.utils.misc import load_object

from govnews_crawler import settings as project_settings

log = logging.getLogger(__name__)


class OfflineStats(Counter):
    """The part of Scrapy's stats collector API the pipelines use."""

    def inc_value(self, key, count=1, start=0):
        self[key] += count


class PipelineRunner:
    """The configured item pipelines, built once and applied item by item."""

    def __init__(self, settings: Settings | None = None):
        settings = settings or Settings(vars(project_settings))
        self.stats = OfflineStats()
        ordered = sorted(settings.getdict("ITEM_PIPELINES").items(), key=lambda kv: kv[1])
        self.pipelines = [load_object(path)(self.stats) for path, _ in ordered]

    def process(self, item):
        """The processed item, or None when a pipeline dropped it (logged and counted)."""
        for pipeline in self.pipelines:
            try:
                item = pipeline.process_item(item)
            except DropItem as reason:
                log.warning("dropped: %s", reason)
                self.stats.inc_value("item_dropped_count")
                return None
        self.stats.inc_value("item_scraped_count")
        return item
