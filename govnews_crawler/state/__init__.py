"""The store of exported articles, behind one small interface.

``ArticleStore`` is what every store offers (SQLite in the state directory alone,
Redis for workers on several machines); ``RunState`` is a crawl's view of it: the
store plus what this run already exported. Middlewares and pipelines reach it only
through ``run_state(crawler)``, one per crawler.
"""

from pathlib import Path
from weakref import WeakKeyDictionary

from govnews_crawler.state.records import ArticleStore, Exported, StoreError

__all__ = ["PART", "ArticleStore", "Exported", "RunState", "StoreError", "open_store", "run_state", "store_path"]

PART = ".part"


def open_store(settings) -> ArticleStore | None:
    """The store the settings name: SQLite in ``GOVNEWS_STATE_DIR``, else Redis with the
    distributed profile, or none (a plain ``scrapy crawl``)."""
    if settings.get("GOVNEWS_STATE_DIR"):
        from govnews_crawler.state.sqlite import StateStore

        return StateStore(store_path(settings["GOVNEWS_STATE_DIR"]))
    if settings.getbool("GOVNEWS_DISTRIBUTED"):
        from govnews_crawler.distributed.profile import connect
        from govnews_crawler.distributed.state import RedisStateStore

        return RedisStateStore(connect(settings["REDIS_URL"]))
    return None


def store_path(state_dir) -> Path:
    return Path(state_dir) / "state.sqlite"


class RunState:
    """A crawl's view of the store: known articles, and what this run stored."""

    def __init__(self, store: ArticleStore | None, run_id: str = ""):
        self.store = store
        self.run_id = run_id
        self.run_exported: dict[str, Exported] = {}

    def known(self, url: str, earlier_runs: bool = True) -> bool:
        """Whether this run (and, with ``earlier_runs``, an earlier one) stored the article."""
        if url in self.run_exported:
            return True
        found = self.store.get(url) if self.store is not None else None
        return found is not None and (earlier_runs or bool(self.run_id and found.run_id == self.run_id))

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
        _STATES[crawler] = RunState(open_store(settings), settings.get("GOVNEWS_RUN_ID", ""))
    return _STATES[crawler]
