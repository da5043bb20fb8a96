"""``govnews demo``: crawl the two sample portals over loopback, export every table, draw a chart (no network)."""

import argparse
from pathlib import Path


def add_parser(commands) -> argparse.ArgumentParser:
    parser = commands.add_parser("demo", help="crawl the sample portals over loopback, export every table "
                                 "and draw a chart (no network needed)")
    parser.add_argument("-o", "--output", default="output/demo.jsonl",
                        help="JSON lines file; tables and chart go beside it (default: %(default)s)")
    return parser


def run(args: argparse.Namespace) -> int:
    from govnews_crawler.demo.run import run_demo

    return run_demo(Path(args.output))
