"""The project's Scrapy settings for an in-process crawl, and ``-s NAME=VALUE`` overrides."""

import argparse
import os


def add_set_option(parser: argparse.ArgumentParser, help_text: str = "a Scrapy setting") -> None:
    parser.add_argument("-s", "--set", action="append", default=[], metavar="NAME=VALUE", help=help_text)


def scrapy_overrides(args: argparse.Namespace) -> dict:
    """Point Scrapy at the project's settings; the ``-s NAME=VALUE`` overrides given."""
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "govnews_crawler.settings")
    return dict(item.split("=", 1) for item in args.set if "=" in item)
