"""The publication date of an article from what its page shows: metadata, date line, address."""

from datetime import date

from dateutil import parser as dateparser

from govnews_crawler.extraction.dates import VIETNAM, date_from_url, parse_date_line


def iso_timestamp(value: str) -> str | None:
    """An ISO timestamp from metadata, in Vietnam time when it has no offset; a date
    alone stays a date."""
    try:
        moment = dateparser.isoparse(value)
    except (ValueError, OverflowError):
        return None
    if len(value) <= 10:
        return moment.date().isoformat()
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=VIETNAM)
    return moment.isoformat()


def published_at(metadata: str | None, date_line: str | None, url: str | None) -> str | None:
    """ISO ``published_at``: the page's machine-readable time, else its date line, else a
    date in its address."""
    published = iso_timestamp(metadata) if metadata else None
    if published is None and date_line:
        published = parse_date_line(date_line)
    if published is None:
        published = date_from_url(url or "")
    return published


def published_day(metadata: str | None, date_line: str | None, url: str | None) -> date | None:
    """The day of ``published_at``, or None when the page shows none."""
    published = published_at(metadata, date_line, url)
    return date.fromisoformat(published[:10]) if published else None
