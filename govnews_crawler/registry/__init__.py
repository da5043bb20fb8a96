"""The portal registry: one entry per portal, kept as data in ``portals.toml``.

A portal of a known platform is one entry: its spider, its host and the listing
pages of the sections that carry meeting reports. A portal that changed CMS (or
host) lists dated ``[[key.eras]]``, as Fundus dates its parser versions: each
era has its platform, base URL, listing paths and optionally an article pattern,
valid ``from`` / ``until`` a date; ``Portal.era_at(timestamp)`` tells which one
reads an archive capture. ``load_portals()`` validates every entry, so a mistyped
platform or date fails loudly at start-up.
"""

import logging
import os
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources
from urllib.parse import urlsplit

STATUSES = ("live", "closed", "sample", "discovered")
DISCOVERED_FILE = "discovered.toml"  # in the project folder; GOVNEWS_DISCOVERED names another
log = logging.getLogger(__name__)
DISTRICT_LEVEL_ENDED = date(2025, 7, 1)


class RegistryError(ValueError):
    """An entry of the portal registry that cannot be used."""


@dataclass(frozen=True)
class Era:
    """One layout of a portal, valid from ``since`` until ``until`` (inclusive; None: open)."""

    platform: str
    base_url: str
    listing_paths: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    since: date | None = None
    until: date | None = None
    article_pattern: str | None = None  # a regex; None: the platform's own article pattern

    @property
    def host(self) -> str:
        return urlsplit(self.base_url).netloc

    def covers(self, day: date) -> bool:
        return (self.since is None or self.since <= day) and (self.until is None or day <= self.until)

    def is_article(self, url: str) -> bool:
        from govnews_crawler.platforms import PLATFORMS

        pattern = re.compile(self.article_pattern) if self.article_pattern else PLATFORMS[self.platform].article_url
        return bool(pattern.search(url))


@dataclass(frozen=True)
class Portal:
    key: str  # the spider name
    unit: str
    province: str
    platform: str
    base_url: str
    listing_paths: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    status: str = "live"
    closed_since: date | None = None
    years: tuple[int, int] | None = None
    notes: str = ""
    evidence: dict = field(default_factory=dict, compare=False)  # how discovery found it
    eras: tuple[Era, ...] = ()  # oldest first; empty: one era, the entry's own fields

    @property
    def host(self) -> str:
        return urlsplit(self.base_url).netloc

    @property
    def layouts(self) -> tuple[Era, ...]:
        """The portal's eras, oldest first (one, from the entry's fields, if it lists none)."""
        return self.eras or (Era(self.platform, self.base_url, self.listing_paths, self.feeds),)

    @property
    def hosts(self) -> tuple[str, ...]:
        """Every host the portal had, oldest first, once each (the archive is asked for each)."""
        return tuple(dict.fromkeys(era.host for era in self.layouts))

    def era_at(self, when: str | date | None, host: str | None = None) -> Era:
        """The era that reads a capture taken at ``when`` (a CDX ``YYYYMMDDhhmmss``
        timestamp or a date) of a page on ``host``: among the eras of that host when
        it has some, the one whose dates cover the day, else the nearest one."""
        eras = [e for e in self.layouts if e.host == host] or list(self.layouts)
        day = when if isinstance(when, date) or when is None else _capture_day(when)
        if day is None:
            return eras[-1]
        for era in eras:
            if era.covers(day):
                return era
        before = [e for e in eras if e.until is not None and e.until < day]
        return before[-1] if before else eras[0]


KEY = re.compile(r"[a-z0-9_]+")


def _capture_day(timestamp: str) -> date | None:
    """The day of a CDX timestamp; None when it is not a real date (a bad row)."""
    try:
        return date(int(timestamp[:4]), int(timestamp[4:6] or 1), int(timestamp[6:8] or 1))
    except ValueError:
        return None


def _entry(key: str, raw: dict) -> Portal:
    from govnews_crawler.platforms import PLATFORMS

    if not KEY.fullmatch(key):
        raise RegistryError(f"portal {key!r}: a key is lowercase letters, digits and '_' only")
    if raw.get("base_url") and urlsplit(str(raw["base_url"])).scheme not in ("http", "https"):
        raise RegistryError(f"portal {key!r}: base_url must be an http(s) address")

    known = {"unit", "province", "platform", "base_url", "listing_paths", "feeds", "status",
             "closed_since", "years", "notes", "evidence", "eras"}
    unknown = set(raw) - known
    if unknown:
        raise RegistryError(f"portal {key!r}: unknown fields {sorted(unknown)}")
    eras = tuple(_era(key, era) for era in raw.get("eras", ()))
    if eras:  # the entry's platform, address and listings default to its newest era's
        raw = {"platform": eras[-1].platform, "base_url": eras[-1].base_url,
               "listing_paths": list(eras[-1].listing_paths), "feeds": list(eras[-1].feeds), **raw}
    for name in ("unit", "province", "platform", "base_url"):
        if not raw.get(name):
            raise RegistryError(f"portal {key!r}: {name} is required")
    if raw["platform"] not in PLATFORMS:
        raise RegistryError(f"portal {key!r}: unknown platform {raw['platform']!r} (known: {', '.join(PLATFORMS)})")
    status = raw.get("status", "live")
    if status not in STATUSES:
        raise RegistryError(f"portal {key!r}: status must be one of {STATUSES}")
    if not (raw.get("listing_paths") or raw.get("feeds")):
        raise RegistryError(f"portal {key!r}: give listing_paths or feeds")
    years = raw.get("years")
    return Portal(
        key=key,
        unit=raw["unit"],
        province=raw["province"],
        platform=raw["platform"],
        base_url=raw["base_url"].rstrip("/"),
        listing_paths=tuple(raw.get("listing_paths", ())),
        feeds=tuple(raw.get("feeds", ())),
        status=status,
        closed_since=raw.get("closed_since") or (DISTRICT_LEVEL_ENDED if status == "closed" else None),
        years=tuple(years) if years else None,
        notes=raw.get("notes", ""),
        evidence=raw.get("evidence", {}),
        eras=eras,
    )


def _era(key: str, raw: dict) -> Era:
    from govnews_crawler.platforms import PLATFORMS

    unknown = set(raw) - {"platform", "base_url", "listing_paths", "feeds", "from", "until", "article_pattern"}
    if unknown:
        raise RegistryError(f"portal {key!r}: unknown era fields {sorted(unknown)}")
    if raw.get("platform") not in PLATFORMS or not raw.get("base_url"):
        raise RegistryError(f"portal {key!r}: every era needs a known platform and a base_url")
    since, until = raw.get("from"), raw.get("until")
    if any(d is not None and not isinstance(d, date) for d in (since, until)) or (since and until and until < since):
        raise RegistryError(f"portal {key!r}: era dates must be TOML dates, from before until")
    pattern = raw.get("article_pattern")
    if pattern is not None:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise RegistryError(f"portal {key!r}: bad article_pattern: {exc}") from None
    return Era(raw["platform"], raw["base_url"].rstrip("/"), tuple(raw.get("listing_paths", ())),
               tuple(raw.get("feeds", ())), since, until, pattern)


def discovered_path() -> str:
    return os.environ.get("GOVNEWS_DISCOVERED", DISCOVERED_FILE)


@cache
def load_portals() -> dict[str, Portal]:
    """Every registry entry by spider name: the hand-written ones of ``portals.toml``,
    then the discovered ones (``discovered.toml``) for districts they do not cover."""
    text = resources.files(__package__).joinpath("portals.toml").read_text("utf-8")
    portals = dict(_entries("registry/portals.toml", text, {}))
    covered = {(p.unit.casefold(), p.province.casefold()) for p in portals.values()}
    path = discovered_path()
    if os.path.exists(path):
        try:
            with open(path, "rb") as f:
                text = f.read().decode("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise RegistryError(f"{path}: cannot be read ({getattr(exc, 'strerror', None) or exc})") from None
        for key, entry in _entries(path, text, {"status": "discovered"}):
            if key in portals or (entry.unit.casefold(), entry.province.casefold()) in covered:
                log.warning("discovered portal %s left out: the hand-written registry covers it", key)
                continue
            portals[key] = entry
    return portals


def _entries(name: str, text: str, extra: dict) -> list[tuple[str, Portal]]:
    """The entries of one registry file; a RegistryError names the file."""
    try:
        return [(key, _entry(key, {**raw, **extra})) for key, raw in tomllib.loads(text).items()]
    except tomllib.TOMLDecodeError as exc:
        raise RegistryError(f"{name}: not valid TOML ({exc})") from None
    except RegistryError as exc:
        raise RegistryError(f"{name}: {exc}") from None
