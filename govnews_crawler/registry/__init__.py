"""The portal registry: one entry per portal, kept as data in ``portals.toml``.

A portal of a known platform is one entry: its spider, its host and the listing
pages of the sections that carry meeting reports. ``load_portals()`` validates
every entry, so a mistyped platform or date fails loudly at start-up.
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

    @property
    def host(self) -> str:
        return urlsplit(self.base_url).netloc


KEY = re.compile(r"[a-z0-9_]+")


def _entry(key: str, raw: dict) -> Portal:
    from govnews_crawler.platforms import PLATFORMS

    if not KEY.fullmatch(key):
        raise RegistryError(f"portal {key!r}: a key is lowercase letters, digits and '_' only")
    if urlsplit(str(raw.get("base_url", ""))).scheme not in ("http", "https"):
        raise RegistryError(f"portal {key!r}: base_url must be an http(s) address")

    known = {"unit", "province", "platform", "base_url", "listing_paths", "feeds", "status",
             "closed_since", "years", "notes", "evidence"}
    unknown = set(raw) - known
    if unknown:
        raise RegistryError(f"portal {key!r}: unknown fields {sorted(unknown)}")
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
    )


def discovered_path() -> str:
    return os.environ.get("GOVNEWS_DISCOVERED", DISCOVERED_FILE)


@cache
def load_portals() -> dict[str, Portal]:
    """Every registry entry by spider name: the hand-written ones of ``portals.toml``,
    then the discovered ones (``discovered.toml``) for districts they do not cover."""
    text = resources.files(__package__).joinpath("portals.toml").read_text("utf-8")
    portals = {key: _entry(key, raw) for key, raw in tomllib.loads(text).items()}
    covered = {(p.unit.casefold(), p.province.casefold()) for p in portals.values()}
    path = discovered_path()
    if os.path.exists(path):
        with open(path, "rb") as f:
            for key, raw in tomllib.load(f).items():
                entry = _entry(key, {**raw, "status": "discovered"})
                if key in portals or (entry.unit.casefold(), entry.province.casefold()) in covered:
                    log.warning("discovered portal %s left out: the hand-written registry covers it", key)
                    continue
                portals[key] = entry
    return portals
