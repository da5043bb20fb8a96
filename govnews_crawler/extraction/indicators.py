"""Indicators: which curated series (``data/indicators.toml``) a figure is a value of.

A figure's ``measure`` names what it counts ("tổng thu ngân sách trên địa bàn");
the curated table lists, per indicator code, the phrase variants reports use. The
longest phrase contained in the measure wins; a figure the extraction gave no measure
is matched on the clause just before it ("tỷ lệ hộ nghèo giảm còn 3,9%"); a count
("14 doanh nghiệp thành lập mới") is matched by its unit and a context phrase near it.
"""

import re
import tomllib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

_CLAUSE = re.compile(r"[,;:()]")
DATA_FILE = resources.files(__package__).joinpath("data", "indicators.toml")  # also inside an egg (scrapyd)


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    phrases: tuple[str, ...]
    units: tuple[str, ...] = ()
    context: tuple[str, ...] = ()


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


@cache
def catalogue(path: Traversable = DATA_FILE) -> tuple[str, tuple[Indicator, ...]]:
    """The data file's version and its indicators."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    indicators = tuple(
        Indicator(entry["code"], entry["name"], tuple(_fold(p) for p in entry["phrases"]),
                  tuple(_fold(u) for u in entry.get("units", [])), tuple(_fold(c) for c in entry.get("context", [])))
        for entry in data["indicator"])
    return data["version"], indicators


def indicator_of(figure: Mapping[str, Any]) -> str | None:
    """The code of the indicator ``figure`` is a value of, or ``None``."""
    _, indicators = catalogue()
    unit, sentence, text = (_fold(figure.get(k) or "") for k in ("unit", "sentence", "text"))
    at = sentence.find(text) if text else -1
    # The measure, else the clause just before the figure ("tỷ lệ hộ nghèo giảm còn 3,9%").
    named = _fold(figure.get("measure") or "") or (_CLAUSE.split(sentence[:at])[-1] if at > 0 else "")
    scored = [(len(p), i.code) for i in indicators for p in i.phrases if p in named]
    if scored:
        return max(scored)[1]
    near = sentence if at < 0 else sentence[max(0, at - 60):at + len(text) + 60]
    for indicator in indicators:
        if unit in indicator.units and any(c in near for c in indicator.context):
            return indicator.code
    return None
