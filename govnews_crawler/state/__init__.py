"""The store of record, behind one small interface.

``ArticleStore`` is what every store offers: SQLite in the state directory (one
machine), or PostgreSQL when ``GOVNEWS_DATABASE_URL`` names one (several machines
sharing one record). ``RunState`` is a crawl's view of it: the store plus what this run
already stored. Middlewares and pipelines reach it only through ``run_state(crawler)``,
one per crawler.
"""

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from govnews_crawler.common.clock import new_run_id
from govnews_crawler.state.records import ArticleStore, Exported, StoreError

__all__ = ["PART", "ArticleStore", "Exported", "RunState", "StoreError", "database_url", "open_record", "open_store",
           "run_state", "store_path"]

PART = ".part"
DATABASE_URL = "GOVNEWS_DATABASE_URL"


def database_url(settings: Mapping[str, Any] | None = None) -> str:
    """``GOVNEWS_DATABASE_URL`` from the settings, else from the environment ('' when unset)."""
    return str((settings or {}).get(DATABASE_URL) or os.environ.get(DATABASE_URL, ""))


def open_record(state_dir: Path | str, url: str = "") -> ArticleStore:
    """PostgreSQL when ``url`` is given, else SQLite in the state directory."""
    if url:
        if not url.startswith(("postgresql://", "postgres://")):
            raise StoreError(f"{DATABASE_URL} must be a postgresql:// URL, not {url.split(':', 1)[0]}:…")
        from govnews_crawler.state.postgres import PostgresStore

        return PostgresStore(url)
    from govnews_crawler.state.sqlite import StateStore

    return StateStore(store_path(state_dir))


def open_store(settings: Any, required: bool = False) -> ArticleStore | None:
    """The store the settings name (``GOVNEWS_DATABASE_URL``, else ``GOVNEWS_STATE_DIR``); none
    for a plain ``scrapy crawl`` without either, unless ``required`` (a distributed worker)."""
    url = database_url(settings)
    if url or settings.get("GOVNEWS_STATE_DIR"):
        return open_record(settings.get("GOVNEWS_STATE_DIR") or "state", url)
    if required:
        raise StoreError(f"a worker needs a store of record: {DATABASE_URL}=postgresql://… shared by the "
                         "machines, or GOVNEWS_STATE_DIR on one machine")
    return None


def store_path(state_dir: Path | str) -> Path:
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


def run_state(crawler: Any) -> RunState:
    """The crawler's RunState, opened on first use from its settings. A crawl outside a
    ``govnews crawl`` run (``scrapy crawl``, scrapyd) gets a run id of its own, so the rows
    it stores are published as ``<portal>/<run-id>.jsonl`` by the next run."""
    if crawler not in _STATES:
        settings = crawler.settings
        store = open_store(settings, required=settings.getbool("GOVNEWS_DISTRIBUTED"))
        _STATES[crawler] = RunState(store, settings.get("GOVNEWS_RUN_ID") or new_run_id())
    return _STATES[crawler]
