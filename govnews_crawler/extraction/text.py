"""Unicode clean-up for Vietnamese text: NFC, one tone placement, dashes, spaces."""

import re
import unicodedata
from functools import lru_cache

_TONES = "\u0300\u0301\u0303\u0309\u0323"


def _tone_moves(firsts: str, seconds: str) -> dict[str, str]:
    """Each NFC pair of a first vowel and a toned second one, to the pair with the tone
    on the first: 'oá' -> 'óa', 'uỷ' -> 'ủy'."""
    moves = {}
    for first in firsts:
        for second in seconds:
            for tone in _TONES:
                toned = unicodedata.normalize("NFC", second + tone)
                if len(toned) == 1:
                    moves[first + toned] = unicodedata.normalize("NFC", first + tone) + second
    return moves


# Old-style tone placement (hóa, khỏe, thủy) as the spec asks: the tone of a final
# oa/oe/uy goes on its first vowel. "quý" keeps its tone, and so does a vowel with a
# second mark ("hoặc", "ngoặt": ă, not a, ends the syllable); the syllable must end there.
_MOVES = {**_tone_moves("oO", "aAeE"), **_tone_moves("uU", "yY")}
_TONED_AE = "".join(pair[1] for pair in _MOVES if pair[0] in "oO")
_TONED_Y = "".join(pair[1] for pair in _MOVES if pair[0] in "uU")
# Written first vowel first: a pattern that opens on a character class is searched fast.
_FOLD = re.compile(rf"[oOuU](?<![qQ].)(?:(?<=[oO])[{_TONED_AE}]|(?<=[uU])[{_TONED_Y}])(?![^\W\d_]|[\u0300-\u036f])")

_DASHES = {"\u2010": "-", "\u2011": "-", "\u2012": "–", "\u2013": "–", "\u2014": "–", "\u2015": "–", "\u2212": "–"}
_DASH = re.compile(f"[{''.join(_DASHES)}]")
# Runs of white space within a line; a lone plain space is left as it is.
_SPACE_CHARS = "\t\u00a0\u2000-\u200a\u202f\u205f\u3000"
_SPACES = re.compile(f" [ {_SPACE_CHARS}]+|[{_SPACE_CHARS}][ {_SPACE_CHARS}]*")
# Control characters (all but \n) and invisible ones are dropped.
_DROPPED = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200d\u2060\ufeff\u00ad]")
_LINE_EDGES = re.compile(r" *\n *")
# The white space ``str.strip`` takes that neither of the above replaces.
_OTHER_SPACE = re.compile(r"[\u1680\u2028\u2029]")


def fold_tones(text: str) -> str:
    """Return NFC text with the tone of final oa/oe/uy on the first vowel (ủy, khóa)."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return _FOLD.sub(lambda match: _MOVES[match.group()], text)


def normalize_text(text: str) -> str:
    """NFC, tone placement, dash variants, no-break and zero-width spaces; NUL and
    other control characters removed.

    Line breaks are kept; runs of spaces inside a line become one space and
    every line is stripped.
    """
    if text.isascii() and text.isprintable() and "  " not in text and text.strip(" ") == text:
        return text  # an address, a date stamp, a name of the project's: nothing to change
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = _DASH.sub(lambda match: _DASHES[match.group()], _DROPPED.sub("", fold_tones(text)))
    text = _SPACES.sub(" ", text)
    if _OTHER_SPACE.search(text):
        return "\n".join(line.strip() for line in text.split("\n"))
    return _LINE_EDGES.sub("\n", text).strip(" ")


def opening_on(first: str, pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``pattern`` behind a look-ahead on the characters a match can open on (``first``, a
    character-class body that must hold them all). Python's ``re`` then passes every other
    position at once instead of trying the pattern's look-behinds and word boundaries there:
    two to four times faster, the same matches."""
    return re.compile(f"(?=[{first}])(?:{pattern})", flags)


def lowercase(text: str) -> str:
    """``text.lower()`` with every character at its offset: the few letters that lower to
    two characters ('İ') are kept as they are. Lowercase patterns search it much faster
    than case-insensitive ones search the text."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(lowered if len(lowered := c.lower()) == 1 else c for c in text)


def collapse(text: str) -> str:
    """Normalise and fold all white space, line breaks included, to single spaces."""
    return " ".join(normalize_text(text).split())


@lru_cache(maxsize=4096)
def fold_key(text: str) -> str:
    """A matching key: normalised, case-folded, spaces collapsed (cached: names and
    titles are matched again and again)."""
    return collapse(text).casefold()
