"""The one way an article item is built from a page's raw fields, by the spider and by
``govnews parse`` alike.

The rules an ``ItemLoader`` would hold, written out: the first value wins, empty values
are dropped, short texts go on one line, captions stay a list and the source text is
joined by lines. (Scrapy's ``ItemLoader`` looked each field's processors up again for
every value: a tenth of the CPU the pipelines take.) Text is normalised once, by
``NormalizeTextPipeline``.
"""

from collections.abc import Callable, Iterable
from typing import Any

from govnews_crawler.common.clock import utc_now_iso
from govnews_crawler.item.article import ArticleItem
from govnews_crawler.registry import Portal

ONE_LINE = frozenset({"title", "category", "author", "date_line", "image_captions"})
ALL_VALUES: dict[str, Callable[[list], Any]] = {"source_text": "\n".join, "image_captions": list}


def _values(name: str, value: Any) -> list:
    """A field's values, one line each where the field is short text, empty ones dropped."""
    if value is None:
        return []
    values = list(value) if isinstance(value, Iterable) and not isinstance(value, (str, bytes, dict)) else [value]
    if name in ONE_LINE:
        values = [" ".join(v.split()) if isinstance(v, str) else v for v in values]
    return [v for v in values if v not in ("", None)]


def build_item(fields: dict, url: str, portal: Portal | None = None, *, archive_url: str | None = None,
               listed_title: str | None = None) -> ArticleItem:
    """An ArticleItem of raw fields, with the portal's unit and province; a title from
    the listing is used when the page gives none."""
    given: list[tuple[str, Any]] = [("url", url), ("archive_url", archive_url)]
    if portal is not None:
        given += [("portal", portal.key), ("unit", portal.unit), ("province", portal.province)]
    given += [("crawled_at", utc_now_iso()), *fields.items(), ("title", listed_title)]
    collected: dict[str, list] = {}
    for name, value in given:
        if values := _values(name, value):
            collected.setdefault(name, []).extend(values)
    return ArticleItem(**{name: ALL_VALUES[name](values) if name in ALL_VALUES else values[0]
                          for name, values in collected.items()})
