"""published_at from metadata, the date line or the address; event date from the body."""

from dateutil import parser as dateparser

from ..extraction.dates import VIETNAM, date_from_url, find_event, parse_date_line
from .base import ArticlePipeline


def _iso(value: str) -> str | None:
    """An ISO timestamp from metadata, in Vietnam time when it has no offset."""
    try:
        moment = dateparser.isoparse(value)
    except (ValueError, OverflowError):
        return None
    if len(value) <= 10:
        return moment.date().isoformat()
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=VIETNAM)
    return moment.isoformat()


class DatesPipeline(ArticlePipeline):
    def process(self, adapter):
        published = adapter.get("published_at")
        published = _iso(published) if published else None
        if published is None and adapter.get("date_line"):
            published = parse_date_line(adapter["date_line"])
        if published is None:
            published = date_from_url(adapter.get("url") or "")
        adapter["published_at"] = published
        event_date, part = find_event(adapter.get("body") or "", published)
        adapter["event_date"] = event_date
        adapter["event_part_of_day"] = part
        if published is None:
            self.count("missing/published_at")
        if event_date is None:
            self.count("missing/event_date")
