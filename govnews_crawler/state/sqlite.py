"""The store of record on one machine: every accepted article, the item itself, in SQLite (WAL).

One row per article revision, written in one transaction when the item is accepted:
"known article" means "a row here". The JSON lines files of a run are published from
these rows (``publish.py``); a row with ``published`` unset is not in any file yet.
``PRAGMA user_version`` holds the schema version; ``MIGRATIONS`` bring older stores up
to date. A store that fails SQLite's quick check is refused at open.
"""

import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

from govnews_crawler.common.clock import utc_now_iso
from govnews_crawler.state.records import Exported, StoreError

SCHEMA_VERSION = 3
OPEN_TIMEOUT = 30  # seconds a crawl waits for another one holding the store
ARTICLES = """
CREATE TABLE articles (
    url TEXT NOT NULL,
    revision INTEGER NOT NULL,
    portal TEXT NOT NULL,
    content_sha1 TEXT NOT NULL,
    run_id TEXT NOT NULL,
    item TEXT,
    stored_at TEXT NOT NULL,
    published TEXT,
    PRIMARY KEY (url, revision)
);
CREATE INDEX articles_unpublished ON articles (portal, run_id) WHERE published IS NULL;
"""
FIGURE_FIELDS = ("text", "kind", "value", "denominator", "unit", "qualifier", "measure", "compared_to", "period",
                 "indicator", "sentence")
VIEWS = """
CREATE VIEW reports AS
SELECT a.url, a.revision, a.portal, a.run_id, a.stored_at, a.published,
    json_extract(a.item, '$.title') AS title, json_extract(a.item, '$.unit') AS unit,
    json_extract(a.item, '$.province') AS province, json_extract(a.item, '$.published_at') AS published_at,
    json_extract(a.item, '$.event_date') AS event_date, json_extract(a.item, '$.is_meeting') AS is_meeting,
    json_extract(a.item, '$.meeting_kinds') AS meeting_kinds, a.item
FROM articles a
WHERE a.item IS NOT NULL AND a.revision = (SELECT MAX(b.revision) FROM articles b WHERE b.url = a.url);
CREATE VIEW officials AS
SELECT r.url, r.revision, r.portal, r.event_date, o.key AS position, json_extract(o.value, '$.name') AS name,
    json_extract(o.value, '$.titles') AS titles, json_extract(o.value, '$.roles') AS roles
FROM reports r, json_each(r.item, '$.officials') o;
CREATE VIEW figures AS
SELECT r.url, r.revision, r.portal, r.event_date, f.key AS position,
    """ + ", ".join(f"json_extract(f.value, '$.{name}') AS {name}" for name in FIGURE_FIELDS) + """
FROM reports r, json_each(r.item, '$.figures') f;
"""
MIGRATIONS = {
    # 0 -> 3: a new store.
    0: ARTICLES + VIEWS,
    # 1 -> 3: the exported-articles state of 0.1 (no items: they are in its published files).
    1: ARTICLES + """INSERT INTO articles SELECT url, revision, COALESCE(portal, ''), content_sha1, COALESCE(run_id, ''), NULL,
    exported_at, exported_at FROM exported;
DROP TABLE exported;
""" + VIEWS,
    # 2 -> 3: the analysts' views.
    2: VIEWS,
}


class StateStore:
    """Articles keyed by URL and revision, with the item as JSON."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        deadline = time.monotonic() + OPEN_TIMEOUT
        while True:
            try:
                self.db = sqlite3.connect(path, timeout=OPEN_TIMEOUT)
            except sqlite3.Error as problem:  # a folder, a file we may not read
                raise self._unreadable(problem) from None
            try:
                self._open()
                return
            except sqlite3.DatabaseError as problem:
                self.db.close()
                # Another crawl creating the store holds a lock SQLite's busy timeout does not wait for
                # (switching a new file to WAL): try again, for as long as the busy timeout would.
                if "locked" not in str(problem) or time.monotonic() > deadline:
                    raise self._unreadable(problem) from None
                time.sleep(0.05)
            except StoreError:
                self.db.close()
                raise

    def _open(self) -> None:
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        check = self.db.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise StoreError(f"{self.path}: damaged store ({check}); restore it from a backup, or move it aside "
                             "and run `govnews crawl` to rebuild it from the portals")
        self._migrate()

    def _unreadable(self, problem: Exception) -> StoreError:
        return StoreError(f"{self.path}: not a readable store ({problem}); restore it from a backup, "
                          "or move it aside to start a new one")

    def _version(self) -> int:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version == 0 and self.db.execute("SELECT 1 FROM sqlite_master WHERE name = 'exported'").fetchone():
            version = 1
        return version

    def _migrate(self) -> None:
        version = self._version()
        if version > SCHEMA_VERSION:
            raise StoreError(f"{self.path}: schema version {version} is newer than this govnews-crawler "
                             f"({SCHEMA_VERSION}); upgrade govnews-crawler")
        if version < SCHEMA_VERSION:
            try:  # BEGIN IMMEDIATE: of two crawls opening a new store at once, one migrates, the other waits
                self.db.executescript(f"BEGIN IMMEDIATE; {MIGRATIONS[version]} "
                                      f"PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;")
            except sqlite3.OperationalError:
                if self.db.in_transaction:
                    self.db.execute("ROLLBACK")
                if self._version() != SCHEMA_VERSION:  # not the other crawl's migration: a real failure
                    raise

    def get(self, url: str) -> Exported | None:
        try:
            row = self.db.execute("SELECT content_sha1, revision, run_id FROM articles WHERE url = ? "
                                  "ORDER BY revision DESC LIMIT 1", (url,)).fetchone()
        except sqlite3.Error as problem:
            raise StoreError(f"{self.path}: could not read the store ({problem})") from None
        return Exported(*row) if row else None

    def put(self, url: str, portal: str, content_sha1: str, revision: int, run_id: str, item: str,
            replace: bool = False) -> bool:
        """Store one accepted article in one transaction: from now on it is known. False when
        the revision was stored already (by another crawl on this store) and not ``replace``."""
        verb = "INSERT OR REPLACE" if replace else "INSERT OR IGNORE"
        try:
            with self.db:
                done = self.db.execute(
                    f"{verb} INTO articles (url, revision, portal, content_sha1, run_id, item, stored_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)", (url, revision, portal, content_sha1, run_id, item, utc_now_iso()))
        except sqlite3.Error as problem:  # a full disk, a lock held too long
            raise StoreError(f"{self.path}: could not store an article ({problem})") from None
        return done.rowcount > 0

    def unpublished(self) -> list[tuple[str, str]]:
        """``(portal, run_id)`` of the rows not yet in a published file."""
        return self.db.execute("SELECT DISTINCT portal, run_id FROM articles WHERE published IS NULL "
                               "ORDER BY run_id, portal").fetchall()

    def items(self, portal: str | None = None, run_id: str | None = None) -> Iterator[str]:
        """Stored items as JSON, in the order they were stored."""
        sql, args = "SELECT item FROM articles WHERE item IS NOT NULL", list[str]()
        if portal is not None:
            sql, args = sql + " AND portal = ?", [*args, portal]
        if run_id is not None:
            sql, args = sql + " AND run_id = ?", [*args, run_id]
        for (item,) in self.db.execute(sql + " ORDER BY rowid", args):
            yield item

    def mark_published(self, portal: str, run_id: str, file: str) -> None:
        with self.db:
            self.db.execute("UPDATE articles SET published = ? WHERE portal = ? AND run_id = ?", (file, portal, run_id))

    def count(self, portal: str | None = None) -> int:
        if portal is None:
            return self.db.execute("SELECT COUNT(DISTINCT url) FROM articles").fetchone()[0]
        return self.db.execute("SELECT COUNT(DISTINCT url) FROM articles WHERE portal = ?", (portal,)).fetchone()[0]

    def close(self) -> None:
        self.db.close()
