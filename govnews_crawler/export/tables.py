"""``govnews export``: which items go into the tables (``rows.py`` builds them, ``writers.py`` writes them).

The latest revision of each article, within a date window and a set of portals.
"""

import json
from datetime import date
from pathlib import Path


def read_items(paths: list[Path]) -> list[dict]:
    """Items of JSON-lines files and of the ``*.jsonl`` files under folders (not ``.part`` files)."""
    files = []
    for path in paths:
        files += sorted(path.rglob("*.jsonl")) if path.is_dir() else [path]
    items = []
    for file in files:
        with file.open(encoding="utf-8") as f:
            items += [json.loads(line) for line in f if line.strip()]
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


def in_window(item: dict, since: date | None, until: date | None, portals: set[str]) -> bool:
    if portals and item.get("portal") not in portals:
        return False
    stamp = item.get("published_at") or item.get("event_date")
    if (since or until) and not stamp:
        return False
    if not stamp:
        return True
    day = date.fromisoformat(stamp[:10])
    return not ((since and day < since) or (until and day > until))
