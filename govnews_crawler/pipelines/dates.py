"""published_at from metadata, the date line or the address; event date from the body."""

from govnews_crawler.extraction.dates import find_event
from govnews_crawler.extraction.published import published_at
from govnews_crawler.pipelines.base import ArticlePipeline


class DatesPipeline(ArticlePipeline):
    def process(self, adapter):
        published = published_at(adapter.get("published_at"), adapter.get("date_line"), adapter.get("url"))
        adapter["published_at"] = published
        event_date, part = find_event(adapter.get("body") or "", published)
        adapter["event_date"] = event_date
        adapter["event_part_of_day"] = part
        if published is None:
            self.count("missing/published_at")
        if event_date is None:
            self.count("missing/event_date")
