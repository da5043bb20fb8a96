"""Drop articles published outside the spider's ``since``/``until`` window."""

from datetime import date

from scrapy.exceptions import DropItem

from .base import ArticlePipeline


class DateWindowPipeline(ArticlePipeline):
    """Listings without dates let older articles through; their own date decides."""

    @classmethod
    def from_crawler(cls, crawler):
        pipeline = cls(crawler.stats)
        pipeline.crawler = crawler
        return pipeline

    def process(self, adapter):
        spider = getattr(getattr(self, "crawler", None), "spider", None)  # none in `govnews parse`
        published = adapter.get("published_at")
        if spider is None or not published:
            return
        day = date.fromisoformat(published[:10])
        since, until = getattr(spider, "since", None), getattr(spider, "until", None)
        if (since and day < since) or (until and day > until):
            self.count("dropped/outside_window")
            raise DropItem(f"published {day} outside {since or '…'} – {until or '…'}: {adapter.get('url')}")
