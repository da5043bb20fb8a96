"""``govnews coverage``: districts known, with hosts, platforms and items, by province."""

import argparse
from pathlib import Path


def add_parser(commands) -> argparse.ArgumentParser:
    parser = commands.add_parser("coverage", help="districts known, with hosts, platforms and items, by province")
    parser.add_argument("--data-dir", type=Path, default=Path("data"))
    parser.add_argument("--state-dir", type=Path, default=Path("state"))
    parser.add_argument("-o", "--output", type=Path, default=Path("output/coverage"))
    return parser


def run(args: argparse.Namespace) -> int:
    from govnews_crawler.discovery.coverage import by_province, coverage_table, district_status, write_report
    from govnews_crawler.discovery.store import DiscoveryStore

    store_path = args.state_dir / "discovery.sqlite"
    store = DiscoveryStore(store_path) if store_path.exists() else None
    status = district_status(args.data_dir, store)
    table = by_province(status)
    print(coverage_table(table))
    for path in write_report(table, status, args.output):
        print(path)
    return 0
