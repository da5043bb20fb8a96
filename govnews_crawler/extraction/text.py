"""Unicode clean-up for Vietnamese text: NFC, one tone placement, dashes, spaces."""

import re
import unicodedata
from functools import lru_cache

_TONES = "\u0300\u0301\u0303\u0309\u0323"
# Old-style tone placement (hóa, khỏe, thủy) as the spec asks: move a tone mark
# from the second vowel of a final oa/oe/uy back to the first. "quý" keeps its tone,
# and so does a vowel with a second mark ("hoặc", "ngoặt": ă, not a, ends the syllable).
_END = r"(?![^\W\d_]|[\u0300-\u036f])"
_OA_OE = re.compile(rf"(?<![qQ])([oO])([aAeE])([{_TONES}]){_END}")
_UY = re.compile(rf"(?<![qQ])([uU])([yY])([{_TONES}]){_END}")

_DASHES = str.maketrans(
    {
        "\u2010": "-", "\u2011": "-", "\u2012": "–", "\u2013": "–",
        "\u2014": "–", "\u2015": "–", "\u2212": "–",
    }
)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # all but \n
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")


def _toned(bases: str) -> str:
    """The precomposed letters that decompose to one of ``bases`` and a tone mark."""
    return "".join(c for c in map(chr, range(0xC0, 0x1F00)) if (d := unicodedata.normalize("NFD", c))[:1] in bases
                   and d[1:] in _TONES and len(d) == 2)


# In NFC text the rules above can only change an o before a toned a/e, or a u before a toned y.
_FOLDABLE = re.compile(rf"[oO][{_toned('aAeE')}]|[uU][{_toned('yY')}]")


def fold_tones(text: str) -> str:
    """Return NFC text with the tone of final oa/oe/uy on the first vowel (ủy, khóa)."""
    if unicodedata.is_normalized("NFC", text) and not _FOLDABLE.search(text):
        return text
    decomposed = unicodedata.normalize("NFD", text)
    decomposed = _OA_OE.sub(r"\1\3\2", decomposed)
    decomposed = _UY.sub(r"\1\3\2", decomposed)
    return unicodedata.normalize("NFC", decomposed)


def normalize_text(text: str) -> str:
    """NFC, tone placement, dash variants, no-break and zero-width spaces; NUL and
    other control characters removed.

    Line breaks are kept; runs of spaces inside a line become one space and
    every line is stripped.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = _INVISIBLE.sub("", _CONTROL.sub("", fold_tones(text))).translate(_DASHES)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


def collapse(text: str) -> str:
    """Normalise and fold all white space, line breaks included, to single spaces."""
    return " ".join(normalize_text(text).split())


@lru_cache(maxsize=4096)
def fold_key(text: str) -> str:
    """A matching key: normalised, case-folded, spaces collapsed (cached: names and
    titles are matched again and again)."""
    return collapse(text).casefold()
