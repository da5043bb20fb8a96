"""``govnews seed``: portals' first requests into the shared Redis queue; ``--fresh``; ``--status``."""

import argparse
import sys

from govnews_crawler.cli.scrapy_settings import add_set_option, scrapy_overrides

SEED_ARGS = ("since", "until", "source", "base_url")


def add_parser(commands) -> argparse.ArgumentParser:
    parser = commands.add_parser("seed", help="put portals' first requests into the shared Redis queue "
                                 "(--fresh: a new crawl; --status: queue, in flight and stored)")
    parser.add_argument("spiders", nargs="*", metavar="SPIDER", help="spider names (default: every real portal)")
    parser.add_argument("--province", help="only the portals of this (former) province")
    parser.add_argument("--fresh", action="store_true",
                        help="start a new crawl: clear the portals' queue and seen requests (the store is kept); "
                        "a portal whose workers are alive is joined instead")
    parser.add_argument("--status", action="store_true",
                        help="per portal: queued, seen, in flight, workers alive, stored")
    parser.add_argument("--insecure-redis", action="store_true",
                        help="allow a Redis without a password on the loopback (tests)")
    for name in SEED_ARGS:
        parser.add_argument(f"--{name.replace('_', '-')}", dest=name, help=f"the spiders' -a {name}=…")
    add_set_option(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    from govnews_crawler.common.tables import format_table
    from govnews_crawler.distributed.profile import InsecureRedis
    from govnews_crawler.distributed.seed import seed, status
    from govnews_crawler.runs.plan import RunError, choose_spiders

    overrides = scrapy_overrides(args)
    if args.insecure_redis:
        overrides["GOVNEWS_REDIS_INSECURE"] = "1"
    try:
        spiders = choose_spiders(args.spiders, args.province)
        if args.status:
            rows = status(spiders, overrides)
            print(format_table(list(rows[0]), [list(row.values()) for row in rows]) if rows else "no portal")
            return 0
        spider_args = {k: getattr(args, k) for k in SEED_ARGS if getattr(args, k)}
        for seeded in seed(spiders, spider_args, overrides, fresh=args.fresh):
            print(seeded)
    except (RunError, ValueError, InsecureRedis) as problem:
        print(f"govnews seed: {problem}", file=sys.stderr)
        return 2
    return 0
