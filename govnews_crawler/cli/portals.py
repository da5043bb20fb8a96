"""``govnews portals``: the portal registry as a Markdown table."""

import argparse

from govnews_crawler.registry import Portal, load_portals

HEADER = ("spider", "unit", "province", "platform", "status", "years", "base URL")


def portal_row(p: Portal) -> tuple[str, ...]:
    years = f"{p.years[0]}–{p.years[1]}" if p.years else ""
    status = f"closed since {p.closed_since}" if p.status == "closed" else p.status
    return (f"`{p.key}`", p.unit, p.province, p.platform, status, years, p.base_url)


def markdown_table() -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "| " + " | ".join("---" for _ in HEADER) + " |"]
    lines += ["| " + " | ".join(portal_row(p)) + " |" for p in load_portals().values()]
    return "\n".join(lines)


def add_parser(commands) -> argparse.ArgumentParser:
    return commands.add_parser("portals", help="the portal registry as a Markdown table")


def run(args: argparse.Namespace) -> int:
    print(markdown_table())
    return 0
