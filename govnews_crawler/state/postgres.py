"""The store of record shared by several machines: the same rows as the SQLite store, in
PostgreSQL (``GOVNEWS_DATABASE_URL=postgresql://…``, psycopg 3).

Every worker stores each accepted item in its own transaction; a revision another
worker committed first is not stored twice (``put`` returns False). The item is kept
as ``json`` (its text exactly as published). ``govnews_schema`` holds the schema version;
a worker that finds an older one migrates it under an advisory lock, so workers starting
together do not race. The views ``reports``, ``officials`` and ``figures`` are for
analysts (docs/store.md). Needs ``pip install 'govnews-crawler[postgres]'``.
"""

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from govnews_crawler.state.records import Exported, StoreError
from govnews_crawler.state.sqlite import FIGURE_FIELDS

SCHEMA_VERSION = 1
LOCK_ID = 7_406_062_025  # pg_advisory_xact_lock key of this project's migrations
ARTICLES = """
CREATE TABLE articles (
    seq bigserial UNIQUE,
    url text NOT NULL,
    revision integer NOT NULL,
    portal text NOT NULL,
    content_sha1 text NOT NULL,
    run_id text NOT NULL,
    item json,
    stored_at timestamptz NOT NULL DEFAULT now(),
    published text,
    PRIMARY KEY (url, revision)
);
CREATE INDEX articles_unpublished ON articles (portal, run_id) WHERE published IS NULL;
CREATE INDEX articles_portal ON articles (portal);
"""
VIEWS = """
CREATE VIEW reports AS
SELECT DISTINCT ON (a.url) a.url, a.revision, a.portal, a.run_id, a.stored_at, a.published,
    a.item->>'title' AS title, a.item->>'unit' AS unit, a.item->>'province' AS province,
    (a.item->>'published_at')::timestamptz AS published_at, (a.item->>'event_date')::date AS event_date,
    (a.item->>'is_meeting')::boolean AS is_meeting, a.item->'meeting_kinds' AS meeting_kinds, a.item
FROM articles a WHERE a.item IS NOT NULL
ORDER BY a.url, a.revision DESC;
CREATE VIEW officials AS
SELECT r.url, r.revision, r.portal, r.event_date, o.position - 1 AS position, o.value->>'name' AS name,
    o.value->'titles' AS titles, o.value->'roles' AS roles
FROM reports r, json_array_elements(r.item->'officials') WITH ORDINALITY AS o(value, position);
CREATE VIEW figures AS
SELECT r.url, r.revision, r.portal, r.event_date, f.position - 1 AS position,
    """ + ", ".join(f"f.value->>'{name}' AS {name}" if name != "value" else "(f.value->>'value')::numeric AS value"
                    for name in FIGURE_FIELDS) + """
FROM reports r, json_array_elements(r.item->'figures') WITH ORDINALITY AS f(value, position);
"""
MIGRATIONS = {0: ARTICLES + VIEWS}


def redacted(url: str) -> str:
    """The URL without its password, for messages."""
    parts = urlsplit(url)
    if parts.password:
        return url.replace(f":{parts.password}@", ":***@", 1)
    return url


def first_line(problem: Exception) -> str:
    text = str(problem).strip()
    return text.splitlines()[0] if text else type(problem).__name__


class PostgresStore:
    """Articles keyed by URL and revision, with the item as JSON, in PostgreSQL."""

    def __init__(self, url: str):
        try:
            import psycopg
        except ImportError:
            raise StoreError("GOVNEWS_DATABASE_URL is set but psycopg is missing: "
                             "pip install 'govnews-crawler[postgres]'") from None
        self.where = redacted(url)
        self.errors = psycopg.Error
        try:
            self.db: Any = psycopg.connect(url, autocommit=True, connect_timeout=10)
            self._migrate()
        except psycopg.Error as problem:
            raise StoreError(f"{self.where}: cannot use the store ({first_line(problem)}); check GOVNEWS_DATABASE_URL "
                             "and that the database is up") from None

    def _migrate(self) -> None:
        with self.db.transaction():
            self.db.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK_ID,))
            self.db.execute("CREATE TABLE IF NOT EXISTS govnews_schema (version integer NOT NULL)")
            row = self.db.execute("SELECT version FROM govnews_schema").fetchone()
            version = row[0] if row else 0
            if version > SCHEMA_VERSION:
                raise StoreError(f"{self.where}: schema version {version} is newer than this govnews-crawler "
                                 f"({SCHEMA_VERSION}); upgrade govnews-crawler")
            if version < SCHEMA_VERSION:
                self.db.execute(MIGRATIONS[version].encode())
                self.db.execute("DELETE FROM govnews_schema")
                self.db.execute("INSERT INTO govnews_schema VALUES (%s)", (SCHEMA_VERSION,))

    def get(self, url: str) -> Exported | None:
        try:
            row = self.db.execute("SELECT content_sha1, revision, run_id FROM articles WHERE url = %s "
                                  "ORDER BY revision DESC LIMIT 1", (url,)).fetchone()
        except self.errors as problem:
            raise StoreError(f"{self.where}: could not read the store ({first_line(problem)})") from None
        return Exported(*row) if row else None

    def put(self, url: str, portal: str, content_sha1: str, revision: int, run_id: str, item: str,
            replace: bool = False) -> bool:
        """Store one accepted article in one transaction; False when another worker stored
        this revision first (and not ``replace``)."""
        conflict = ("DO UPDATE SET portal = excluded.portal, content_sha1 = excluded.content_sha1, "
                    "run_id = excluded.run_id, item = excluded.item, stored_at = now(), published = NULL"
                    if replace else "DO NOTHING")
        try:
            done = self.db.execute(
                "INSERT INTO articles (url, revision, portal, content_sha1, run_id, item) "
                f"VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (url, revision) {conflict}",
                (url, revision, portal, content_sha1, run_id, item))
        except self.errors as problem:  # the server down, the connection lost, a full disk there
            raise StoreError(f"{self.where}: could not store an article ({first_line(problem)})") from None
        return bool(done.rowcount)

    def unpublished(self) -> list[tuple[str, str]]:
        rows = self.db.execute("SELECT DISTINCT portal, run_id FROM articles WHERE published IS NULL "
                               "ORDER BY run_id, portal").fetchall()
        return [(portal, run_id) for portal, run_id in rows]

    def items(self, portal: str | None = None, run_id: str | None = None) -> Iterator[str]:
        sql, args = "SELECT item::text FROM articles WHERE item IS NOT NULL", list[str]()
        if portal is not None:
            sql, args = sql + " AND portal = %s", [*args, portal]
        if run_id is not None:
            sql, args = sql + " AND run_id = %s", [*args, run_id]
        with self.db.cursor(name="govnews_items", withhold=True) as cursor:  # server-side: a big store streams
            cursor.execute(sql + " ORDER BY seq", args)
            for (item,) in cursor:
                yield item

    def mark_published(self, portal: str, run_id: str, file: str) -> None:
        self.db.execute("UPDATE articles SET published = %s WHERE portal = %s AND run_id = %s", (file, portal, run_id))

    def count(self, portal: str | None = None) -> int:
        if portal is None:
            return self.db.execute("SELECT COUNT(DISTINCT url) FROM articles").fetchone()[0]
        return self.db.execute("SELECT COUNT(DISTINCT url) FROM articles WHERE portal = %s", (portal,)).fetchone()[0]

    def close(self) -> None:
        self.db.close()
