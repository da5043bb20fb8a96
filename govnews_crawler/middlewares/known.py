"""Spider middleware: article requests for articles the store already holds are not sent.

The spider marks an article request with ``meta["govnews_article"]`` (the article's
own address) and ``meta["govnews_skip_known"]`` (its policy: skip articles of earlier
runs unless ``full`` or ``revisit``); this middleware asks the state. What this run
already exported (read back on a resume) is never fetched again.
"""

from scrapy import Request

from govnews_crawler.state import RunState, StoreError, run_state

META_KEY = "govnews_article"
SKIP_KNOWN = "govnews_skip_known"


class KnownArticlesMiddleware:
    def __init__(self, state: RunState, stats):
        self.state, self.stats = state, stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(run_state(crawler), crawler.stats)

    def _keep(self, entry) -> bool:
        url = entry.meta.get(META_KEY) if isinstance(entry, Request) else None
        try:
            known = url is not None and self.state.known(url, earlier_runs=entry.meta.get(SKIP_KNOWN, True))
        except StoreError:  # fetched then; the revision pipeline reports the store and stops the crawl
            known = False
        if known:
            self.stats.inc_value("govnews/state/skipped_known")
            return False
        return True

    def process_spider_output(self, response, result):
        return (entry for entry in result if self._keep(entry))

    async def process_spider_output_async(self, response, result):
        async for entry in result:
            if self._keep(entry):
                yield entry
