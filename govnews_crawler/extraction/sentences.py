"""Sentences of a body, by a rule of our own, paragraph by paragraph.

A sentence ends at '.', '!', '?' or '…' (and any closing quote or bracket) before
white space and a word or an opening quote, except after an
abbreviation ('TP.', 'ThS.', 'v.v.') or a single initial ('Nguyễn V. An').
Numbers such as 1.234 or 2,5 never end a sentence: no space follows their mark.
"""

import re
from functools import lru_cache

ABBREVIATIONS = frozenset(
    ["tp", "tt", "tx", "q", "p", "ths", "ts", "pgs", "gs", "bs", "ks", "cn", "ls", "đ/c", "th.s", "ts.bs", "pgs.ts", "gs.ts", "v.v", "vv", "st", "mr", "mrs", "dr", "tr", "no", "sđt", "đt"]
)
_BOUNDARY = re.compile(r"(?<=[.!?…])(?P<close>[\"”’»)\]]*)\s+(?=[\"“‘«(\[]?\w)")
_LAST_WORD = re.compile(r"(\S+)[.]$")


@lru_cache(maxsize=64)
def sentences(body: str) -> tuple[str, ...]:
    """The body's sentences; a paragraph break always ends a sentence.

    Cached: the officials and figures rules both split the same body.
    """
    found: list[str] = []
    for paragraph in body.split("\n\n"):
        found.extend(split_sentences(paragraph))
    return tuple(found)


def split_sentences(text: str) -> list[str]:
    """The sentences of one paragraph."""
    pieces: list[str] = []
    start = 0
    for boundary in _BOUNDARY.finditer(text):
        if _ends_in_abbreviation(text[start: boundary.start()]):
            continue
        cut = boundary.start() + len(boundary["close"])
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:].strip())
    return [p for p in (piece.strip() for piece in pieces) if p]


def _ends_in_abbreviation(head: str) -> bool:
    """'… TP.', '… ThS.', '… Nguyễn V.': a full stop that ends no sentence."""
    last = _LAST_WORD.search(head)
    if last is None:
        return False
    word = last.group(1).lstrip("(\"“")
    return word.casefold() in ABBREVIATIONS or (len(word) == 1 and word.isupper())
