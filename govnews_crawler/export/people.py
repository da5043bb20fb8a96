"""People: officials resolved across reports into one person each.

Two mentions are one person when they carry the same name (NFC, case and spacing
folded) in the same province and their posts are compatible: posts that name a
place ("Chủ tịch UBND xã Kỳ Tân", "Bí thư Huyện ủy Kỳ Anh") must not name different
places; a post naming no place fits any. Namesakes of different provinces, or of one
province in posts of different places, stay apart.
"""

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

_PLACE = re.compile(r"\b(?:huyện|xã|thị xã|thị trấn|thành phố|phường|tỉnh|Huyện ủy|Đảng ủy xã|Thị ủy|Tỉnh ủy)\s+"
                    r"((?:[A-ZÀ-Ỹ][^\s,;]*)(?:\s+[A-ZÀ-Ỹ][^\s,;]*)*)")


@dataclass(frozen=True)
class Mention:
    """One official of one report."""

    url: str
    province: str | None
    name: str
    titles: tuple[str, ...]
    roles: tuple[str, ...]
    day: date | None
    unit: str | None = None


@dataclass
class Person:
    person_id: str
    name: str
    province: str | None
    mentions: list[Mention] = field(default_factory=list)
    places: set[str] = field(default_factory=set)


def fold(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def places(titles: Iterable[str]) -> set[str]:
    """The places the posts name, folded."""
    return {fold(m.group(1)) for title in titles for m in _PLACE.finditer(title)}


def _person_id(province: str | None, name: str, number: int) -> str:
    digest = hashlib.sha1(f"{province or ''}|{fold(name)}".encode()).hexdigest()[:10]
    return f"p{digest}" if number == 1 else f"p{digest}-{number}"


def resolve(mentions: Iterable[Mention]) -> list[Person]:
    """People of ``mentions``, earliest first within a name; ids stable across exports of the same data."""
    people: dict[tuple[str | None, str], list[Person]] = {}
    for mention in sorted(mentions, key=lambda m: (m.day or date.max, m.url)):
        candidates = people.setdefault((mention.province, fold(mention.name)), [])
        named = places(mention.titles)
        person = next((p for p in candidates if not (named and p.places and not named & p.places)), None)
        if person is None:
            person = Person(_person_id(mention.province, mention.name, len(candidates) + 1), mention.name,
                            mention.province)
            candidates.append(person)
        person.mentions.append(mention)
        person.places |= named
    return [p for group in people.values() for p in group]


def person_row(person: Person) -> dict:
    """The ``people`` table's row of ``person``."""
    posts: dict[str, list[date | None]] = {}
    for mention in person.mentions:
        for title in mention.titles:
            seen = posts.setdefault(title, [mention.day, mention.day])
            if mention.day and (seen[0] is None or mention.day < seen[0]):
                seen[0] = mention.day
            if mention.day and (seen[1] is None or mention.day > seen[1]):
                seen[1] = mention.day
    days = [m.day for m in person.mentions if m.day]
    return {
        "person_id": person.person_id, "name": person.name, "province": person.province,
        "posts": [{"title": t, "first_seen": a, "last_seen": b} for t, (a, b) in posts.items()],
        "first_seen": min(days, default=None), "last_seen": max(days, default=None),
        "n_reports": len({m.url for m in person.mentions}),
        "roles": sorted({r for m in person.mentions for r in m.roles}),
        "units": sorted({m.unit for m in person.mentions if m.unit}),
    }
