"""Revisions: an article stored before gets ``revision`` + 1 when its text changed;
unchanged and repeated ones are dropped (an incremental run exports only what is new).
Each accepted item is written to the store of record (with its revision and run id)
in one transaction before it goes on to any feed: known means stored.

The store is reached through ``state.run_state``; ``GOVNEWS_EXPORT_UNCHANGED`` (set by
the spider's ``full=1``) exports unchanged articles again with their revision.
"""

from scrapy import signals
from scrapy.exceptions import DropItem
from scrapy.utils.serialize import ScrapyJSONEncoder

from govnews_crawler.pipelines.base import ArticlePipeline
from govnews_crawler.state import RunState, run_state
from govnews_crawler.state.records import Exported


class RevisionPipeline(ArticlePipeline):
    def __init__(self, stats=None, state: RunState | None = None, export_unchanged: bool = False,
                 portal: str = "", run_id: str = ""):
        super().__init__(stats)
        self.state = state
        self.export_unchanged = export_unchanged
        self.portal, self.run_id = portal, run_id
        self.immediate = False
        self.encoder = ScrapyJSONEncoder(ensure_ascii=False)

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        state = run_state(crawler)
        pipeline = cls(crawler.stats, state, settings.getbool("GOVNEWS_EXPORT_UNCHANGED"),
                       crawler.spidercls.name, settings.get("GOVNEWS_RUN_ID", ""))
        if state.store is not None and getattr(state.store, "immediate", False):
            pipeline.immediate = True
            crawler.signals.connect(pipeline.item_scraped, signal=signals.item_scraped)
        return pipeline

    def process(self, adapter):
        if self.state is None or self.state.store is None:
            adapter["revision"] = adapter.get("revision") or 1
            return
        url, sha1 = adapter["url"], adapter["content_sha1"]
        if url in self.state.run_exported:
            self.count("state/duplicate")
            raise DropItem(f"already exported in this run: {url}", log_level="INFO")
        previous = self.state.previous(url)
        if previous and previous.content_sha1 == sha1 and not self.export_unchanged:
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
        if not self.immediate:
            self.state.store.put(url, self.portal, sha1, revision, self.run_id,
                                 self.encoder.encode(adapter.asdict()))
        self.state.run_exported[url] = Exported(sha1, revision, self.run_id)

    def _row(self, url: str, known: Exported) -> tuple:
        return (url, self.portal, known.content_sha1, known.revision, self.run_id)

    def item_scraped(self, item, response, spider):
        """Shared state: an article counts as exported once the feed has written it."""
        row = self._row(item["url"], self.state.run_exported[item["url"]])
        self.state.store.record([row])

    def close_spider(self):
        if self.state is None or self.state.store is None:
            return
        self.state.close()
