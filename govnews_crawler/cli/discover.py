"""``govnews discover``: find the former districts' portals in the Internet Archive."""

import argparse
import sys
from pathlib import Path

from govnews_crawler.cli.scrapy_settings import add_set_option, scrapy_overrides


def add_parser(commands) -> argparse.ArgumentParser:
    parser = commands.add_parser("discover", help="find former districts' portals in the Internet Archive")
    parser.add_argument("--province", action="append", default=[], help="only this former province (repeatable)")
    parser.add_argument("--district", action="append", default=[], help="only this district key (repeatable)")
    parser.add_argument("--state-dir", type=Path, default=Path("state"),
                        help="resumable discovery state (default ./state)")
    parser.add_argument("-o", "--output", type=Path, default=None,
                        help="registry entries found (default: ./discovered.toml, or $GOVNEWS_DISCOVERED)")
    parser.add_argument("--max-hosts", type=int, default=0, help="ask about at most N hosts in this run")
    add_set_option(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    from scrapy.crawler import CrawlerProcess
    from scrapy.utils.project import get_project_settings

    from govnews_crawler.common.tables import format_table
    from govnews_crawler.discovery.entries import learned_shapes_table, write_discovered
    from govnews_crawler.discovery.shapes import SAMPLES
    from govnews_crawler.discovery.spider import SHAPES_READ, DiscoverySpider
    from govnews_crawler.discovery.store import DiscoveryStore
    from govnews_crawler.registry import discovered_path
    from govnews_crawler.registry.national import load_districts

    overrides = scrapy_overrides(args)
    districts = load_districts()
    unknown = [k for k in args.district if k not in districts]
    if unknown:
        print(f"govnews discover: unknown district keys: {', '.join(unknown)}", file=sys.stderr)
        return 2
    provinces = {p.casefold() for p in args.province}
    chosen = [d for d in districts.values()
              if (not args.district or d["key"] in args.district)
              and (not args.province or d["province"].casefold() in provinces)]
    if not chosen:
        print("govnews discover: no district matches", file=sys.stderr)
        return 2
    store = DiscoveryStore(args.state_dir / "discovery.sqlite")
    settings = get_project_settings()
    settings.setdict({"LOG_LEVEL": "WARNING", "TELNETCONSOLE_ENABLED": False, **overrides}, priority="cmdline")
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(DiscoverySpider)
    process.crawl(crawler, districts=chosen, store=store, endpoint=settings.get("WAYBACK_ENDPOINT"),
                  max_hosts=args.max_hosts)
    process.start()
    stats = crawler.stats.get_stats() if crawler.stats else {}
    output = args.output or Path(discovered_path())
    written, already = write_discovered(store, districts, output)
    counts = store.counts()
    print(f"{len(chosen)} districts, {sum(len(d['candidates']) for d in chosen)} candidate hosts: "
          f"{counts.get('found', 0)} with captures, {counts.get('none', 0)} without, {counts.get('error', 0)} errors "
          f"({stats.get('govnews/discover/already_checked', 0)} checked in earlier runs)")
    print(f"{output}: {written} discovered portals"
          + (f"; already in the registry: {', '.join(already)}" if already else ""))
    learned = learned_shapes_table(store.found(), {d["key"] for d in chosen})
    if learned:
        print(f"{len(learned)} host{'s' if len(learned) != 1 else ''} no template recognises; "
              "article shapes confirmed by reading up to "
              f"{SAMPLES} captures of each of their {SHAPES_READ} largest address shapes:")
        print(format_table(("district", "host", "article shapes"), learned))
    return 1 if counts.get("error") else 0
