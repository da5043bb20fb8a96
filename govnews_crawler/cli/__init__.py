"""The ``govnews`` command: one module per subcommand, each with ``add_parser`` and ``run``."""

import argparse
import sys

from govnews_crawler.cli import capture, coverage, crawl, demo, discover, export, parse, plan, portals, seed
from govnews_crawler.registry import RegistryError

SUBCOMMANDS = (parse, capture, crawl, export, discover, coverage, seed, portals, plan, demo)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="govnews", description="Meeting reports from Vietnamese "
                                     "local-government news portals, as structured data.")
    commands = parser.add_subparsers(dest="command", required=True)
    for module in SUBCOMMANDS:
        module.add_parser(commands).set_defaults(func=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except RegistryError as problem:  # a bad registry or discovered entries file: one line
        print(f"govnews {args.command}: {problem}", file=sys.stderr)
        return 2

