"""What every article pipeline shares: stats from the crawler, an adapter over the item."""

from itemadapter import ItemAdapter


class ArticlePipeline:
    """Subclasses implement ``process(adapter)``; the item is returned as it came."""

    def __init__(self, stats=None):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)

    def process_item(self, item):
        self.process(ItemAdapter(item))
        return item

    def process(self, adapter: ItemAdapter) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def count(self, key: str, amount: int = 1) -> None:
        if self.stats is not None:
            self.stats.inc_value(f"govnews/{key}", amount)
