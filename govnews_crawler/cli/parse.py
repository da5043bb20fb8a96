"""``govnews parse``: the item pipelines over saved ``.txt`` articles and ``.html`` pages."""

import argparse
import contextlib
import logging
import sys
from io import BytesIO
from pathlib import Path
from typing import cast

from scrapy.exporters import JsonLinesItemExporter

from govnews_crawler.cli import parse_listing
from govnews_crawler.item.builder import build_item
from govnews_crawler.registry import load_portals
from govnews_crawler.sources.files import InputError, read_article_file


def add_parser(commands) -> argparse.ArgumentParser:
    parser = commands.add_parser("parse", help="run the item pipelines over saved .txt articles and .html pages")
    parser.add_argument("paths", nargs="+", metavar="PATH", help=".txt article or .html page")
    parser.add_argument("-o", "--output", help="write JSON lines to this file (default: stdout)")
    parser.add_argument("--portal", help="the portal the pages come from (its spider name): "
                        "its template reads .html pages, and the item names the portal")
    parser.add_argument("--listing", action="store_true", help="read the pages as listing pages: one JSON line "
                        'per article link ({"url", "title", "published"}), then {"next_page": URL or null}')
    return parser


def run(args: argparse.Namespace) -> int:
    from govnews_crawler.pipelines.chain import PipelineRunner

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    portals = load_portals()
    if args.portal and args.portal not in portals:
        print(f"govnews parse: unknown portal {args.portal!r}; see `scrapy list`", file=sys.stderr)
        return 2
    portal = portals[args.portal] if args.portal else None
    if args.listing:
        return parse_listing.run(args.paths, portal)
    runner = PipelineRunner()
    try:
        if args.output:
            Path(args.output).parent.mkdir(parents=True, exist_ok=True)
        out = open(args.output, "wb") if args.output else sys.stdout.buffer  # noqa: SIM115 - closed below
    except OSError as exc:
        print(f"govnews parse: -o {args.output}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    try:
        return _parse_all(args, runner, portal, out)
    except OSError as exc:  # a full disk, a closed pipe …
        print(f"govnews parse: cannot write {args.output or 'to stdout'}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    finally:
        if args.output:
            with contextlib.suppress(OSError):  # the error was reported above
                out.close()


def _parse_all(args: argparse.Namespace, runner, portal, out) -> int:
    """Every input parsed and written; 1 when one of them failed, and the others still done."""
    exporter = JsonLinesItemExporter(cast(BytesIO, out), encoding="utf-8", ensure_ascii=False)
    failures = 0
    for name in args.paths:
        path = Path(name)
        if path.is_file() and parse_listing.listing_instead(path, portal):
            print(f"govnews parse: {name}: a listing page, not an article (see --listing)", file=sys.stderr)
            failures += 1
            continue
        try:
            fields = read_article_file(path, portal.platform if portal else None)
        except InputError as reason:
            print(f"govnews parse: {name}: {reason}", file=sys.stderr)
            failures += 1
            continue
        item = runner.process(build_item(fields, path.resolve().as_uri(), portal))
        if item is None:
            print(f"govnews parse: {name}: dropped (no article text found)", file=sys.stderr)
            failures += 1
            continue
        exporter.export_item(item)
        out.flush()
    return 1 if failures else 0
