"""``govnews seed``: portals' first requests into the shared Redis queue; ``--status``."""

import argparse
import sys

from govnews_crawler.cli.scrapy_settings import add_set_option, scrapy_overrides

SEED_ARGS = ("since", "until", "source", "base_url")


def add_parser(commands) -> argparse.ArgumentParser:
    parser = commands.add_parser("seed", help="put portals' first requests into the shared Redis queue "
                                 "(--status: queue, workers and exports)")
    parser.add_argument("spiders", nargs="*", metavar="SPIDER", help="spider names (default: every real portal)")
    parser.add_argument("--province", help="only the portals of this (former) province")
    parser.add_argument("--status", action="store_true", help="show the shared queue instead of seeding it")
    for name in SEED_ARGS:
        parser.add_argument(f"--{name.replace('_', '-')}", dest=name, help=f"the spiders' -a {name}=…")
    add_set_option(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    from govnews_crawler.distributed.seed import seed, status
    from govnews_crawler.runs.plan import RunError, choose_spiders

    overrides = scrapy_overrides(args)
    try:
        spiders = choose_spiders(args.spiders, args.province)
        if args.status:
            for row in status(spiders, overrides):
                print("  ".join(f"{k}={v}" for k, v in row.items()))
            return 0
        spider_args = {k: getattr(args, k) for k in SEED_ARGS if getattr(args, k)}
        for name, pushed, queued in seed(spiders, spider_args, overrides):
            print(f"{name}: {pushed} requests seeded, {queued} in the queue")
    except (RunError, ValueError) as problem:
        print(f"govnews seed: {problem}", file=sys.stderr)
        return 2
    return 0
