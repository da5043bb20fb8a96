"""``govnews crawl``: a whole production run (the same as ``scrapy crawlall``)."""

import argparse
import sys

from govnews_crawler.cli.run_options import add_run_options, plan_from
from govnews_crawler.cli.scrapy_settings import add_set_option, scrapy_overrides
from govnews_crawler.runs.plan import RunError
from govnews_crawler.state import StoreError


def add_parser(commands) -> argparse.ArgumentParser:
    parser = commands.add_parser("crawl", help="a whole production run: every portal (or the named ones), "
                                 "incremental and resumable (the same as `scrapy crawlall`)")
    parser.add_argument("spiders", nargs="*", metavar="SPIDER", help="spider names (default: every real portal)")
    add_run_options(parser)
    add_set_option(parser, "a Scrapy setting for every spider of the run")
    return parser


def run(args: argparse.Namespace) -> int:
    from scrapy.utils.project import get_project_settings

    from govnews_crawler.distributed.profile import InsecureRedis, refuse_insecure
    from govnews_crawler.runs.runner import run_all

    settings = scrapy_overrides(args)
    try:
        project = get_project_settings()
        project.setdict(settings, priority="cmdline")
        refuse_insecure(project)  # before any crawler: one line, not a traceback per portal
        return run_all(plan_from(args.spiders, args, settings))
    except (RunError, InsecureRedis) as problem:
        print(f"govnews crawl: {problem}", file=sys.stderr)
        return 2
    except StoreError as problem:
        print(f"govnews crawl: {problem}", file=sys.stderr)
        return 1
