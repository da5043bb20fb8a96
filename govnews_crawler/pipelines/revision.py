"""Incremental runs: skip what was exported before, number revisions of changed articles.

On when ``GOVNEWS_STATE_DIR`` is set (``govnews crawl`` sets it). The spider asks
``skip(url)`` before requesting an article; this pipeline drops an article exported
earlier with the same ``content_sha1`` and gives a changed one ``revision`` + 1.
What the run exported is written to the state when the spider closes; a resumed
run first reads back what its unfinished export file already holds.
"""

import json
from pathlib import Path

from scrapy import signals
from scrapy.exceptions import DropItem

from ..feedstorage import PART
from ..state import StateStore
from .base import ArticlePipeline


def export_paths(settings, spider) -> list[Path]:
    """The local files the run's feeds write for a spider."""
    params = {"name": spider.name, "run_id": getattr(spider, "run_id", "")}
    paths = []
    for uri in settings.getdict("FEEDS"):
        uri = str(uri)
        if "://" in uri and not uri.startswith("file://"):
            continue
        try:
            paths.append(Path(uri.removeprefix("file://") % params))
        except (KeyError, ValueError):
            continue
    return paths


class RevisionPipeline(ArticlePipeline):
    def __init__(self, stats=None, state_dir: str = "", settings=None):
        super().__init__(stats)
        self.state_dir = state_dir
        self.settings = settings
        self.store = None
        self.run_exported: dict[str, tuple[str, int]] = {}  # url -> (content_sha1, revision)

    @classmethod
    def from_crawler(cls, crawler):
        pipeline = cls(crawler.stats, crawler.settings.get("GOVNEWS_STATE_DIR", ""), crawler.settings)
        pipeline.crawler = crawler
        return pipeline

    def open_spider(self):
        spider = self.crawler.spider
        if self.settings.getbool("GOVNEWS_DISTRIBUTED"):
            from ..distributed import RedisStateStore, connect

            self.store = RedisStateStore(connect(self.settings["REDIS_URL"]))
            self.crawler.signals.connect(self.item_scraped, signal=signals.item_scraped)
        elif self.state_dir:
            self.store = StateStore(Path(self.state_dir) / "state.sqlite")
        else:
            return
        self.full = bool(getattr(spider, "full", False))
        self.revisit = bool(getattr(spider, "revisit", False))
        for path in export_paths(self.settings, spider):
            self._read_back(Path(str(path) + PART))
        spider.incremental = self

    def _read_back(self, part: Path) -> None:
        """Articles an interrupted run already wrote: they count as exported."""
        if not part.exists():
            return
        for line in part.read_bytes().splitlines():
            try:
                item = json.loads(line)
            except ValueError:
                continue  # a line cut short by the interruption is written again
            self.run_exported[item["url"]] = (item["content_sha1"], item.get("revision") or 1)
        self.count("state/resumed_with", len(self.run_exported))

    def skip(self, url: str) -> bool:
        """Whether the spider need not fetch this article."""
        if self.store is None:
            return False
        if url in self.run_exported:
            return True
        return not (self.full or self.revisit) and self.store.get(url) is not None

    def process(self, adapter):
        if self.store is None:
            adapter["revision"] = adapter.get("revision") or 1
            return
        url, sha1 = adapter["url"], adapter["content_sha1"]
        if url in self.run_exported:
            self.count("state/duplicate")
            raise DropItem(f"already exported in this run: {url}", log_level="INFO")
        previous = self.store.get(url)
        if previous and previous.content_sha1 == sha1 and not self.full:
            self.count("state/unchanged")
            raise DropItem(f"unchanged since revision {previous.revision}: {url}", log_level="INFO")
        if previous is None:
            revision = 1
            self.count("state/new")
        elif previous.content_sha1 == sha1:
            revision = previous.revision
        else:
            revision = previous.revision + 1
            self.count("state/revised")
        adapter["revision"] = revision
        self.run_exported[url] = (sha1, revision)

    def item_scraped(self, item, response, spider):
        """Shared state: an article counts as exported once the feed has written it."""
        self.store.record([(item["url"], spider.name, item["content_sha1"], item["revision"], spider.run_id)])

    def close_spider(self):
        if self.store is None:
            return
        spider = self.crawler.spider
        rows = [(url, spider.name, sha1, revision, getattr(spider, "run_id", None))
                for url, (sha1, revision) in self.run_exported.items()]
        self.store.record(rows)
        self.store.close()
