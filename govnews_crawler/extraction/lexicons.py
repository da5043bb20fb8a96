"""The word lists the extraction rules use, kept as text files in ``data/``."""

from functools import cache
from importlib import resources

from govnews_crawler.extraction.text import normalize_text


@cache
def load(name: str) -> tuple[str, ...]:
    """Entries of ``data/<name>.txt``: one a line, '#' comments and blanks skipped."""
    text = resources.files(__package__).joinpath("data", f"{name}.txt").read_text("utf-8")
    lines = (normalize_text(line) for line in text.splitlines())
    return tuple(line for line in lines if line and not line.startswith("#"))


@cache
def folded(name: str) -> frozenset[str]:
    """The entries of a list, case-folded, for membership tests."""
    return frozenset(entry.casefold() for entry in load(name))

