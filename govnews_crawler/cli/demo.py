"""``govnews demo``: crawl the bundled sample portal over loopback (no network needed)."""

import argparse
from pathlib import Path


def add_parser(commands) -> argparse.ArgumentParser:
    parser = commands.add_parser("demo", help="crawl the bundled sample portal over loopback (no network needed)")
    parser.add_argument("-o", "--output", default="output/demo.jsonl", help="JSON lines file (default: %(default)s)")
    return parser


def run(args: argparse.Namespace) -> int:
    from govnews_crawler.demo.run import run_demo

    return run_demo(Path(args.output))
