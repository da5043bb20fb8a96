"""Items for ``govnews export``: from the store of record (SQLite or PostgreSQL), or from JSON lines files.

A torn line (a file cut short by a full disk or a crash) is skipped with a warning
naming the file and the line, never a traceback.
"""

import json
import sys
from pathlib import Path

from govnews_crawler.state import open_record


def read_store(state_dir: Path, database_url: str = "") -> list[dict]:
    """Every item the store of record holds (all revisions): PostgreSQL at ``database_url``,
    else SQLite in the state directory."""
    store = open_record(state_dir, database_url)
    try:
        return [json.loads(item) for item in store.items()]
    finally:
        store.close()


def read_items(paths: list[Path], warn=sys.stderr) -> list[dict]:
    """Items of JSON-lines files and of the ``*.jsonl`` files under folders (not ``.part`` files)."""
    files = []
    for path in paths:
        files += sorted(path.rglob("*.jsonl")) if path.is_dir() else [path]
    items = []
    for file in files:
        with file.open(encoding="utf-8", errors="replace") as f:
            for number, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    items.append(json.loads(line))
                except ValueError:
                    print(f"warning: {file}:{number}: skipped a torn or invalid JSON line", file=warn)
    return items


def latest_revisions(items: list[dict]) -> list[dict]:
    """One item per URL: the highest revision, the latest crawl among equals."""
    latest: dict[str, dict] = {}
    for item in items:
        key = (item.get("revision") or 1, item.get("crawled_at") or "")
        known = latest.get(item["url"])
        if known is None or key >= (known.get("revision") or 1, known.get("crawled_at") or ""):
            latest[item["url"]] = item
    return list(latest.values())
