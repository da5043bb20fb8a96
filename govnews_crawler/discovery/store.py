"""The resumable record of discovery: what the archive said of each candidate host."""

import json
import sqlite3
from collections import Counter
from pathlib import Path

from govnews_crawler.common.clock import utc_now_iso

COLUMNS = ("district", "host", "path", "pattern", "status", "first", "last", "years", "samples", "platform",
           "platform_evidence", "checked_at", "article_shapes")


class DiscoveryStore:
    """One row per (district, candidate host): what the archive said of it."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(path, timeout=30)
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS hosts (district TEXT, host TEXT, path TEXT, pattern TEXT, status TEXT, "
            "first TEXT, last TEXT, years TEXT, samples TEXT, platform TEXT, platform_evidence TEXT, checked_at TEXT, "
            "article_shapes TEXT, PRIMARY KEY (district, host, path))")
        columns = {row[1] for row in self.db.execute("PRAGMA table_info(hosts)")}
        if "article_shapes" not in columns:  # a store written before shapes were confirmed
            self.db.execute("ALTER TABLE hosts ADD COLUMN article_shapes TEXT")
        self.db.commit()

    def done(self, district: str, host: str, path: str) -> bool:
        row = self.db.execute("SELECT status FROM hosts WHERE district=? AND host=? AND path=?",
                              (district, host, path)).fetchone()
        return bool(row) and row[0] in ("none", "found")

    def save(self, district: str, candidate: dict, status: str, **found) -> None:
        values = (district, candidate["host"], candidate["path"], candidate["pattern"], status,
                  found.get("first"), found.get("last"), json.dumps(found.get("years") or {}),
                  json.dumps(found.get("samples") or []), found.get("platform"), found.get("platform_evidence"),
                  utc_now_iso(), json.dumps(found.get("article_shapes") or {}, ensure_ascii=False))
        with self.db:
            self.db.execute(f"INSERT OR REPLACE INTO hosts ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})",
                            values)

    def found(self) -> list[dict]:
        """The hosts with captures; ``article_shapes`` maps each confirmed article shape
        of an unrecognised host to its number of pages in the archive."""
        columns = ["district", "host", "path", "pattern", "status", "first", "last", "years", "samples",
                   "platform", "platform_evidence", "article_shapes"]
        rows = self.db.execute(f"SELECT {', '.join(columns)} FROM hosts WHERE status='found'").fetchall()
        out = []
        for row in rows:
            entry = dict(zip(columns, row))
            entry["years"], entry["samples"] = json.loads(entry["years"]), json.loads(entry["samples"])
            entry["article_shapes"] = json.loads(entry["article_shapes"] or "{}")
            out.append(entry)
        return out

    def counts(self) -> Counter:
        return Counter(dict(self.db.execute("SELECT status, COUNT(*) FROM hosts GROUP BY status").fetchall()))
