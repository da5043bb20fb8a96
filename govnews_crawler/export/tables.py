"""``govnews export``: which items go into the tables (``reading.py`` reads them, ``rows.py``
builds the rows, ``writers.py`` writes them): those within a date window and a set of portals.
"""

from datetime import date


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
