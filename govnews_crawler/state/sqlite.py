"""The incremental state: which articles were exported, with which content and revision.

SQLite in the state directory. A run reads it to skip articles it already has and
to tell a changed article (a new ``content_sha1``) from an unchanged one; what a run
exported is written back when its spider closes.
"""

import sqlite3
from pathlib import Path

from govnews_crawler.common.clock import utc_now_iso
from govnews_crawler.state.records import Exported

SCHEMA = """
CREATE TABLE IF NOT EXISTS exported (
    url TEXT PRIMARY KEY,
    portal TEXT,
    content_sha1 TEXT NOT NULL,
    revision INTEGER NOT NULL,
    run_id TEXT,
    exported_at TEXT NOT NULL
)
"""


class StateStore:
    """Exported articles keyed by URL."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(path, timeout=30)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute(SCHEMA)
        self.db.commit()

    def get(self, url: str) -> Exported | None:
        row = self.db.execute("SELECT content_sha1, revision FROM exported WHERE url = ?", (url,)).fetchone()
        return Exported(*row) if row else None

    def record(self, rows) -> int:
        """Store ``(url, portal, content_sha1, revision, run_id)`` rows in one transaction."""
        now = utc_now_iso()
        rows = [(*row, now) for row in rows]
        with self.db:
            self.db.executemany(
                "INSERT INTO exported (url, portal, content_sha1, revision, run_id, exported_at) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(url) DO UPDATE SET "
                "content_sha1 = excluded.content_sha1, revision = excluded.revision, "
                "run_id = excluded.run_id, exported_at = excluded.exported_at",
                rows,
            )
        return len(rows)

    def count(self, portal: str | None = None) -> int:
        if portal is None:
            return self.db.execute("SELECT COUNT(*) FROM exported").fetchone()[0]
        return self.db.execute("SELECT COUNT(*) FROM exported WHERE portal = ?", (portal,)).fetchone()[0]

    def close(self) -> None:
        self.db.close()
