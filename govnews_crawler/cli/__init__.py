"""The ``govnews`` command: one module per subcommand, each with ``add_parser`` and ``run``."""

import argparse

from govnews_crawler.cli import capture, coverage, crawl, demo, discover, export, parse, plan, portals, seed

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
    return int(args.func(args))

