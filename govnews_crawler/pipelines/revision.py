"""Revisions: an article stored before gets ``revision`` + 1 when its text changed;
unchanged and repeated ones are dropped (an incremental run exports only what is new).
Each accepted item is written to the store of record (with its revision and run id)
in one transaction before it goes on to any feed: known means stored. A revision that
another worker on the same store committed first is dropped here (counted
``state/stored_elsewhere``), so a re-fetch after a dead worker is harmless.

A store that fails (a full disk, the database down) stops the crawl (finish reason
``store_failed``, counted ``store_failed``): the item is not stored, so the next run
fetches it again; nothing is published that the store does not hold.

The store is reached through ``state.run_state``; ``GOVNEWS_EXPORT_UNCHANGED`` (set by
the spider's ``full=1``) exports unchanged articles again with their revision.
"""

import logging

from scrapy.exceptions import DropItem
from scrapy.utils.defer import deferred_from_coro
from scrapy.utils.serialize import ScrapyJSONEncoder

from govnews_crawler.pipelines.base import ArticlePipeline
from govnews_crawler.state import RunState, StoreError, run_state
from govnews_crawler.state.records import Exported

logger = logging.getLogger(__name__)


class RevisionPipeline(ArticlePipeline):
    def __init__(self, stats=None, state: RunState | None = None, export_unchanged: bool = False, portal: str = "",
                 stop=None):
        super().__init__(stats)
        self.stop = stop  # asks the engine to close the crawl
        self.state = state
        self.export_unchanged = export_unchanged
        self.portal = portal
        self.encoder = ScrapyJSONEncoder(ensure_ascii=False)

    @classmethod
    def from_crawler(cls, crawler):
        def stop() -> None:
            if crawler.engine is not None and crawler.engine.running:
                deferred_from_coro(crawler.engine.close_spider_async(reason="store_failed"))

        return cls(crawler.stats, run_state(crawler), crawler.settings.getbool("GOVNEWS_EXPORT_UNCHANGED"),
                   crawler.spidercls.name, stop)

    def process(self, adapter):
        try:
            self._revise(adapter)
        except StoreError as problem:
            self.count("store_failed")
            if self.stats is None or self.stats.get_value("govnews/store_failed") == 1:
                logger.error("the store of record failed, stopping the crawl: %s", problem)
                if self.stop is not None:
                    self.stop()
            raise DropItem(f"not stored ({problem}): {adapter.get('url')}") from None

    def _revise(self, adapter) -> None:
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
            revision, change = 1, "state/new"
        elif previous.content_sha1 == sha1:
            revision, change = previous.revision, ""
        else:
            revision, change = previous.revision + 1, "state/revised"
        adapter["revision"] = revision
        run_id = self.state.run_id
        stored = self.state.store.put(url, self.portal, sha1, revision, run_id, self.encoder.encode(dict(adapter)),
                                      replace=previous is not None and previous.revision == revision)
        if not stored:
            self.count("state/stored_elsewhere")
            raise DropItem(f"revision {revision} stored by another crawl already: {url}", log_level="INFO")
        if change:
            self.count(change)
        self.state.run_exported[url] = Exported(sha1, revision, run_id)

    def close_spider(self):
        if self.state is None or self.state.store is None:
            return
        self.state.close()
