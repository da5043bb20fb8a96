"""The item contract enforced: an item without url or body, or one that breaks
``item/schema.json``, is dropped, logged with the field that failed, and counted."""

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem

from govnews_crawler.item.schema import problems
from govnews_crawler.pipelines.base import ArticlePipeline

REQUIRED = ("url", "body")


class ValidatePipeline(ArticlePipeline):
    def process(self, adapter: ItemAdapter) -> None:
        where = adapter.get("url") or (adapter.get("source_text") or "")[:60] or "an item"
        for name in REQUIRED:
            if not adapter.get(name):
                self.count(f"dropped/missing_{name}")
                raise DropItem(f"no {name}: {where}")
        for name in adapter.field_names():
            adapter.setdefault(name, None)
        failed = problems(dict(adapter.items()))  # a shallow copy: the values are plain JSON already
        if failed:
            self.count("dropped/invalid")
            for field, _ in failed:
                self.count(f"invalid/{field.split('.')[0]}")
            detail = "; ".join(f"{field}: {message}" for field, message in failed[:3])
            raise DropItem(f"breaks the item contract ({detail}): {where}")
        self.count("items_valid")
