"""What a production run will do: its portals, folders, spider arguments and settings."""

from dataclasses import dataclass, field
from pathlib import Path

from govnews_crawler.registry import load_portals

SPIDER_ARGS = ("since", "until", "source", "full", "revisit", "max_pages", "base_url")


@dataclass
class RunPlan:
    spiders: list[str]
    data_dir: Path
    state_dir: Path
    concurrency: int = 4
    spider_args: dict = field(default_factory=dict)
    resume: bool = False
    settings: dict = field(default_factory=dict)  # extra settings (-s NAME=VALUE)


class RunError(ValueError):
    """A run that cannot start: unknown spiders, nothing to resume."""


def choose_spiders(names: list[str], province: str | None = None) -> list[str]:
    """Registry spiders by name and/or province (all real portals when neither is given)."""
    portals = load_portals()
    unknown = [n for n in names if n not in portals]
    if unknown:
        raise RunError(f"unknown spiders: {', '.join(unknown)} (see `scrapy list`)")
    chosen = names or [k for k, p in portals.items() if p.status != "sample"]
    if province:
        chosen = [k for k in chosen if portals[k].province.casefold() == province.casefold()]
        if not chosen:
            raise RunError(f"no portal in province {province!r}")
    return chosen
