"""The word lists the extraction rules use, kept as text files in ``data/``."""

import importlib.util
from functools import cache
from importlib import resources
from pathlib import Path

from govnews_crawler.extraction.text import normalize_text


@cache
def load(name: str) -> tuple[str, ...]:
    """Entries of ``data/<name>.txt``: one a line, '#' comments and blanks skipped."""
    text = resources.files(__package__).joinpath("data", f"{name}.txt").read_text("utf-8")
    return tuple(line for line in _normalized_lines(text) if line and not line.startswith("#"))


@cache
def folded(name: str) -> frozenset[str]:
    """The entries of a list, case-folded, for membership tests."""
    return frozenset(entry.casefold() for entry in load(name))



@cache
def compounds() -> frozenset[str]:
    """Lowercase words of two or three syllables from underthesea's Vietnamese word list
    (read as a file, without importing underthesea); empty when it is not installed."""
    spec = importlib.util.find_spec("underthesea")
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    path = Path(next(iter(spec.submodule_search_locations))) / "corpus" / "data" / "Viet74K.txt"
    if not path.exists():
        return frozenset()
    words = (line.replace("-", " ") for line in _normalized_lines(path.read_text("utf-8")))
    return frozenset(w for w in words if w.islower() and 2 <= w.count(" ") + 1 <= 3)


def _normalized_lines(text: str) -> list[str]:
    """Each line normalised: one ``normalize_text`` over the lines joined, which keeps
    line breaks and changes nothing across them (as many times faster as there are lines)."""
    return normalize_text("\n".join(text.splitlines())).split("\n")
