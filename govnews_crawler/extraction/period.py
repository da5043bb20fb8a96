"""The reporting period of a figure: which months or year a number is about.

Periods are written ``2020`` (a year), ``2020-H1``/``2020-H2`` (half years),
``2022-Q1`` … ``Q4``, ``2022-9M`` (the first nine months), ``2020-10`` (a month).
A figure's period is read the way a reader would: from its sentence (the mention
nearest before the figure, else the first after it), then its paragraph, then the
article's title and lead paragraph (their first mention). A mention without a year ("9 tháng", "quý I")
takes the year of the sentence, paragraph, title or lead, else the article's date
(the year before when the period begins more than three months after that date). Mentions after
"so với" are comparisons, not periods. ``None`` when nothing says.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from govnews_crawler.extraction.text import lowercase, opening_on

_YEAR = r"(?:\s*(?:/|năm\s+)(?P<year>(?:19|20)\d{2}))?"
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}
# Lowercase patterns, matched on the lowercased text (``lowercase`` keeps every offset):
# a case-insensitive pattern opening on a Vietnamese letter is tried at every position.
_PATTERNS = [
    ("half", opening_on("6", r"(?<!\d)6 tháng (?P<half>đầu|cuối) năm(?:\s+(?P<year>(?:19|20)\d{2}))?")),
    ("months", opening_on(r"\d", r"(?<![\d/,.])(?P<n>[1-9]|1[01]) tháng(?! tới| qua| sau| trước)(?: đầu năm)?" + _YEAR)),
    ("quarter", opening_on("q", r"\bquý (?P<q>iv|i{1,3}|[1-4])\b" + _YEAR)),
    ("month", opening_on("t", r"(?<!\d )(?<!\d)(?<!/)\btháng (?P<m>1[0-2]|0?[1-9])\b" + _YEAR)),
    ("year", opening_on("n", r"(?<!học )\bnăm (?P<year>(?:19|20)\d{2})\b(?!\s*[-–]\s*\d)")),
    ("relative", opening_on("ntc", r"(?<!học )(?<!học vừa )\b(?P<rel>năm qua|năm nay|trong năm|cả năm)\b(?!\s+(?:19|20)\d{2})")),
]
_DAY_BEFORE = re.compile(r"ngày\s+\d{1,2}\s*$")
_DATE = re.compile(r"ngày\s+\d{1,2}\s*(?:tháng\s*\d{1,2}|/\d{1,2})(?:\s*(?:năm|/)\s*\d{4})?")
_COMPARISON = re.compile(r"so với[^,;.]*$")
_ANY_YEAR = re.compile(r"\b(?:năm|/)\s*((?:19|20)\d{2})\b")


@dataclass(frozen=True)
class Mention:
    """A period named in a text, perhaps without its year."""

    start: int
    kind: str
    value: str  # "H1", "9M", "Q1", "10", "" for a year; "qua"/"nay" for relative years
    year: int | None


@lru_cache(maxsize=256)
def mentions(text: str) -> tuple[Mention, ...]:
    """Every period mention of ``text``, in order; comparisons and calendar dates left out.

    Cached: each figure of an article looks in the same paragraph, title and lead.
    """
    text = lowercase(text)
    found: list[Mention] = []
    taken = [range(m.start(), m.end()) for m in _DATE.finditer(text)]  # calendar dates are not periods
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            if any(match.start() in span or match.end() - 1 in span for span in taken):
                continue
            before = text[max(0, match.start() - 40):match.start()]
            if _COMPARISON.search(before) or (kind == "month" and _DAY_BEFORE.search(before)):
                continue
            groups = match.groupdict()
            year = int(groups["year"]) if groups.get("year") else None
            if kind == "half":
                value = "H1" if groups["half"] == "đầu" else "H2"
            elif kind == "months":
                value = "H1" if groups["n"] == "6" else f"{groups['n']}M"
            elif kind == "quarter":
                value = f"Q{_ROMAN[groups['q'].upper()]}"
            elif kind == "month":
                value = f"{int(groups['m']):02d}"
            elif kind == "relative":
                value = "qua" if groups["rel"] in ("năm qua", "trong năm", "cả năm") else "nay"
            else:
                value = ""
            found.append(Mention(match.start(), kind, value, year))
            taken.append(range(match.start(), match.end()))
    return tuple(sorted(found, key=lambda m: m.start))


def _nearest(found: tuple[Mention, ...], position: int) -> Mention | None:
    before = [m for m in found if m.start <= position]
    if before:
        return before[-1]
    return found[0] if found else None


def _first_month(mention: Mention) -> int:
    if mention.value.startswith("Q"):
        return 3 * int(mention.value[1]) - 2
    if mention.value == "H2":
        return 7
    if mention.kind == "month":
        return int(mention.value)
    return 1


def _resolve(mention: Mention, contexts: list[str], day: date | None) -> str | None:
    if mention.kind == "relative":
        if day is None:
            return None
        # "năm qua" in a report of January or February looks back at the year before.
        return str(day.year - 1 if mention.value == "qua" and day.month <= 2 else day.year)
    year = mention.year
    for context in contexts:
        if year is not None:
            break
        years = _ANY_YEAR.findall(context)
        year = int(years[0]) if years else None
    if year is None and day is not None:
        # A period beginning well after the report's date is last year's ("quý IV" in January).
        year = day.year - 1 if _first_month(mention) - day.month > 3 else day.year
    if year is None:
        return None
    return str(year) if mention.kind == "year" else f"{year}-{mention.value}"


def period_in(sentence: str, position: int, contexts: list[str], day: date | None) -> str | None:
    """The period the mention nearest ``position`` of ``sentence`` names, years looked up in ``contexts``."""
    mention = _nearest(mentions(sentence), position)
    return None if mention is None else _resolve(mention, [sentence, *contexts], day)


def figure_period(figure: Mapping[str, Any], body: str, title: str | None, day: date | None) -> str | None:
    """The reporting period of ``figure`` (a dict with ``text`` and ``sentence``) in an article."""
    paragraphs = [p for p in body.split("\n\n") if p.strip()]
    text = figure.get("text") or ""
    sentence = figure.get("sentence") or text
    paragraph = next((p for p in paragraphs if sentence in p), None) or next((p for p in paragraphs if text in p), sentence)
    lead = paragraphs[0] if paragraphs else ""
    title = title or ""
    at = sentence.find(text)
    found = period_in(sentence, at if at >= 0 else len(sentence), [paragraph, title, lead], day)
    if found:
        return found
    start = paragraph.find(sentence)
    for context, position in ((paragraph, start if start >= 0 else 0), (title, 0), (lead, 0)):
        found = period_in(context, position, [paragraph, title, lead], day)
        if found:
            return found
    return None


def period_order(period: str) -> tuple[int, int, int]:
    """Sort key of a period: its year, its last month, then shorter periods first (2020-05 < 2020-H1 < 2020-9M < 2020)."""
    year, _, part = period.partition("-")
    if not part:
        return int(year), 12, 12
    if part.startswith("Q"):
        return int(year), 3 * int(part[1]), 3
    if part.startswith("H"):
        return int(year), 6 * int(part[1]), 6
    if part.endswith("M"):
        return int(year), int(part[:-1]), int(part[:-1])
    return int(year), int(part), 1
