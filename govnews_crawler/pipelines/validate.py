"""Drop an item that has no url or no body, saying why and counting it."""

from scrapy.exceptions import DropItem

from govnews_crawler.pipelines.base import ArticlePipeline

REQUIRED = ("url", "body")


class ValidatePipeline(ArticlePipeline):
    def process(self, adapter):
        for name in REQUIRED:
            if not adapter.get(name):
                self.count(f"dropped/missing_{name}")
                where = adapter.get("url") or adapter.get("source_text", "")[:60] or "an item"
                raise DropItem(f"no {name}: {where}")
        for name in adapter.field_names():
            adapter.setdefault(name, None)
        self.count("items_valid")
