"""Article pages of a portal no template knows, learned from its CDX listing.

Captured addresses are grouped by shape (path segments with numbers and slugs
abstracted, the extension, the query keys); a few captures of each shape are
read, and the shapes whose pages read as articles (a long text block, a date,
a headline) are the portal's article pages. Pure functions: the archive spider
fetches the samples.
"""

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from govnews_crawler.sources.wayback import Capture, newest_per_page

SAMPLES = 3  # captures read per shape
MIN_TEXT = 400  # characters of body text an article shows
NOT_PAGES = re.compile(r"\.(?:jpe?g|png|gif|webp|svg|ico|css|js|pdf|docx?|xlsx?|zip|rar|mp[34]|xml|json|txt)$", re.I)
_DATE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")
_NUMBER = re.compile(r"^\d+$")
_SLUG_ID = re.compile(r"^[^.]*?[-_]\d+$")


def shape(url: str) -> str:
    """An address's shape: '/tin-tuc/hoi-nghi-1245.html' -> '/{w}/{w}-{n}.html'."""
    parts = urlsplit(url)
    segments = []
    for segment in [s for s in parts.path.split("/") if s]:
        stem, dot, ext = segment.rpartition(".") if "." in segment else (segment, "", "")
        segments.append(_token(stem) + (f".{ext.lower()}" if dot else ""))
    keys = sorted({key.lower() for key, _ in parse_qsl(parts.query, keep_blank_values=True)})
    trailing = "/" if parts.path.endswith("/") and segments else ""
    return "/" + "/".join(segments) + trailing + (f"?{'&'.join(keys)}" if keys else "")


def _token(stem: str) -> str:
    if _DATE.match(stem):
        return "{date}"
    if _NUMBER.match(stem):
        return "{n}"
    if _SLUG_ID.match(stem):
        return "{w}-{n}"
    return "{w}"


def group_by_shape(captures: Iterable[Capture]) -> dict[str, list[Capture]]:
    """The newest capture of each HTML page, grouped by shape, the largest group first."""
    groups: dict[str, list[Capture]] = defaultdict(list)
    for capture in newest_per_page(captures):
        if capture.statuscode not in ("200", "-", "") or "html" not in (capture.mimetype or "html"):
            continue
        if NOT_PAGES.search(urlsplit(capture.original).path) or shape(capture.original) == "/":
            continue
        groups[shape(capture.original)].append(capture)
    return dict(sorted(groups.items(), key=lambda item: -len(item[1])))


def samples(groups: Mapping[str, list[Capture]], per_shape: int = SAMPLES) -> dict[str, list[Capture]]:
    """A few captures of each shape, spread over the group."""
    chosen = {}
    for name, group in groups.items():
        step = max(1, len(group) // per_shape)
        chosen[name] = group[::step][:per_shape]
    return chosen


def reads_as_article(fields: Mapping[str, Any]) -> bool:
    """Whether a page read by the generic extractor is an article: a headline, a
    date (published_at or a date line) and one long text block."""
    return bool(fields.get("title") and (fields.get("published_at") or fields.get("date_line"))
                and len(fields.get("source_text") or "") >= MIN_TEXT)


def article_shapes(verdicts: Mapping[str, list[bool]]) -> list[str]:
    """The shapes most of whose sampled pages read as articles."""
    return [name for name, seen in verdicts.items() if seen and sum(seen) * 2 > len(seen)]


def describe(groups: Mapping[str, list[Capture]], top: int = 3) -> str:
    """The largest shapes with their page counts, for discovery's evidence column:
    the candidates an archive crawl of the portal samples."""
    return ", ".join(f"{name} ({len(group)})" for name, group in list(groups.items())[:top])
