"""``govnews plan``: what the archive holds for each closed portal, and how long reading it takes.

The CDX listing of each portal is fetched once (paced by the CDX budget) and cached
under ``<state-dir>/archive-listings/``; the estimate is CDX calls at the CDX budget
plus article captures at the capture budget, for one client address and for N.
"""

import argparse
import json
import math
import sys
import time
import urllib.request
from pathlib import Path

from scrapy.settings import Settings

from govnews_crawler.cli.scrapy_settings import add_set_option, scrapy_overrides
from govnews_crawler.common.atomic import write_json_atomic
from govnews_crawler.common.tables import format_table
from govnews_crawler.platforms import PLATFORMS
from govnews_crawler.registry import Portal, load_portals
from govnews_crawler.sources.wayback import LISTING_FIELDS, LISTING_FILTERS, Capture, cdx_url, newest_per_page, parse_cdx


def add_parser(commands) -> argparse.ArgumentParser:
    parser = commands.add_parser("plan", help="captures, article pages and hours at the archive's limits, per closed portal")
    parser.add_argument("spiders", nargs="*", metavar="SPIDER", help="portal names (default: every closed portal)")
    parser.add_argument("--province", help="only the portals of this (former) province")
    parser.add_argument("--machines", type=int, default=4, help="N for the estimate over N machines (default 4)")
    parser.add_argument("--state-dir", default="state", help="where the CDX listings are cached (default ./state)")
    parser.add_argument("--refresh", action="store_true", help="ask the archive again, ignoring the cache")
    add_set_option(parser)
    return parser


def listing(portal: Portal, settings: Settings, cache: Path, refresh: bool) -> tuple[list[Capture], int]:
    """The portal's captures and the CDX calls they took, from the cache or the archive."""
    path = cache / f"{portal.key}.json"
    if path.exists() and not refresh:
        saved = json.loads(path.read_text(encoding="utf-8"))
        return [Capture(*row) for row in saved["captures"]], saved["calls"]
    endpoint = settings.get("WAYBACK_ENDPOINT")
    spacing = settings.getfloat("WAYBACK_WINDOW") / settings.getint("WAYBACK_CDX_PER_WINDOW")
    captures: list[Capture] = []
    key: str | None = None
    calls = 0
    while calls < settings.getint("WAYBACK_CDX_MAX_PAGES"):
        if calls:
            time.sleep(spacing)  # this command's own CDX budget: one call per spacing
        url = cdx_url(endpoint, portal.host, None, key, settings.getint("WAYBACK_CDX_PAGE_SIZE"),
                      settings.get("WAYBACK_CDX_COLLAPSE"), fields=LISTING_FIELDS, filters=LISTING_FILTERS)
        request = urllib.request.Request(url, headers={"User-Agent": settings.get("USER_AGENT")})
        with urllib.request.urlopen(request, timeout=settings.getint("DOWNLOAD_TIMEOUT")) as answer:
            page, next_key = parse_cdx(answer.read().decode("utf-8"), LISTING_FIELDS)
        calls += 1
        captures += page
        if not next_key or next_key == key:
            break
        key = next_key
    write_json_atomic(path, {"captures": [[c.timestamp, c.original] for c in captures], "calls": calls})
    return captures, calls


def run(args: argparse.Namespace) -> int:
    settings = Settings()
    settings.setmodule("govnews_crawler.settings")
    settings.setdict(scrapy_overrides(args), priority="cmdline")
    portals = [p for p in load_portals().values() if p.status in ("closed", "discovered")
               and (not args.spiders or p.key in args.spiders)
               and (not args.province or p.province.casefold() == args.province.casefold())]
    if not portals:
        print("govnews plan: no closed portal matches", file=sys.stderr)
        return 2
    per_minute = 60 / settings.getfloat("WAYBACK_WINDOW")
    cdx_rate = settings.getint("WAYBACK_CDX_PER_WINDOW") * per_minute
    capture_rate = settings.getint("WAYBACK_CAPTURES_PER_WINDOW") * per_minute
    rows: list[tuple[object, ...]] = []
    totals = [0, 0, 0, 0.0]
    for portal in portals:
        captures, calls = listing(portal, settings, Path(args.state_dir) / "archive-listings", args.refresh)
        pattern = PLATFORMS[portal.platform].article_url
        pages = len(newest_per_page(c for c in captures if pattern.search(c.original)))
        hours = (calls / cdx_rate + pages / capture_rate) / 60
        rows.append((portal.key, portal.province, len(captures), pages, calls, f"{hours:.2f}"))
        totals = [totals[0] + len(captures), totals[1] + pages, totals[2] + calls, totals[3] + hours]
    rows.append(("total", f"{len(portals)} portals", *totals[:3], f"{totals[3]:.2f}"))
    print(format_table(("portal", "province", "captures", "article pages", "CDX calls", "hours"), rows))
    print(f"at {cdx_rate:.0f} CDX calls and {capture_rate:.0f} captures a minute per client address: "
          f"{totals[3]:.2f} h on one machine, {totals[3] / args.machines:.2f} h on {args.machines} "
          f"(each with its own address; {math.ceil(totals[3] / args.machines * 60)} min)")
    return 0
