"""The store of exported articles, behind one small interface.

``ArticleStore`` is what every store offers (SQLite in the state directory alone,
Redis for workers on several machines); ``RunState`` is a crawl's view of it: the
store plus what this run already exported. Middlewares and pipelines reach it only
through ``run_state(crawler)``, one per crawler.
"""

import json
from pathlib import Path
from weakref import WeakKeyDictionary

from govnews_crawler.state.records import ArticleStore, Exported

PART = ".part"


def open_store(settings) -> ArticleStore | None:
    """The store the settings name: Redis with the distributed profile, SQLite in
    ``GOVNEWS_STATE_DIR``, or none (a plain ``scrapy crawl``)."""
    if settings.getbool("GOVNEWS_DISTRIBUTED"):
        from govnews_crawler.distributed.profile import connect
        from govnews_crawler.distributed.state import RedisStateStore

        return RedisStateStore(connect(settings["REDIS_URL"]))
    if settings.get("GOVNEWS_STATE_DIR"):
        from govnews_crawler.state.sqlite import StateStore

        return StateStore(Path(settings["GOVNEWS_STATE_DIR"]) / "state.sqlite")
    return None


class RunState:
    """A crawl's view of the store: known articles, and what this run exported."""

    def __init__(self, store: ArticleStore | None, run_export: str = ""):
        self.store = store
        self.run_exported: dict[str, Exported] = {}
        if run_export:
            self._read_back(Path(run_export + PART))

    def _read_back(self, part: Path) -> None:
        """Articles an interrupted run already wrote: they count as exported."""
        if not part.exists():
            return
        for line in part.read_bytes().splitlines():
            try:
                item = json.loads(line)
            except ValueError:
                continue  # a line cut short by the interruption is written again
            self.run_exported[item["url"]] = Exported(item["content_sha1"], item.get("revision") or 1)

    def known(self, url: str, earlier_runs: bool = True) -> bool:
        """Whether this run (and, with ``earlier_runs``, an earlier one) exported the article."""
        if url in self.run_exported:
            return True
        return earlier_runs and self.store is not None and self.store.get(url) is not None

    def previous(self, url: str) -> Exported | None:
        return self.store.get(url) if self.store is not None else None

    def close(self) -> None:
        if self.store is not None:
            self.store.close()


_STATES: "WeakKeyDictionary[object, RunState]" = WeakKeyDictionary()


def run_state(crawler) -> RunState:
    """The crawler's RunState, opened on first use from its settings."""
    if crawler not in _STATES:
        settings = crawler.settings
        _STATES[crawler] = RunState(open_store(settings), settings.get("GOVNEWS_RUN_EXPORT", ""))
    return _STATES[crawler]
