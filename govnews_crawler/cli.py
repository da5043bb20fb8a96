"""The ``govnews`` command: offline parsing of saved articles (and, later, crawl helpers)."""

import argparse
import logging
import sys
from datetime import datetime, timezone
from pathlib import Path

from scrapy.exporters import JsonLinesItemExporter
from w3lib.encoding import html_body_declared_encoding

from .commands.crawlall import add_run_options, plan_from
from .items import ArticleLoader
from .offline import PipelineRunner
from .platforms import parse_page
from .registry import load_portals

HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".aspx", ".php"}


class InputError(Exception):
    """A file that cannot be read as an article."""


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def read_article_file(path: Path, platform: str | None = None) -> dict:
    """Raw article fields of a saved ``.txt`` article or ``.html`` page (read by the
    named platform's template, else the one its markup shows, else the generic one)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file") from None
    except OSError as exc:
        raise InputError(exc.strerror or str(exc)) from None
    if not data.strip():
        raise InputError("empty file")
    is_html = path.suffix.lower() in HTML_SUFFIXES or data.lstrip()[:1] == b"<"
    encoding = (html_body_declared_encoding(data) if is_html else None) or "utf-8-sig"
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise InputError(f"cannot decode as {encoding}") from None
    if is_html:
        return parse_page(text, path.resolve().as_uri(), platform)
    return {"source_text": text, "extractor": "text"}


def build_item(fields: dict, url: str, portal: str | None = None):
    loader = ArticleLoader()
    loader.add_value("url", url)
    if portal:
        entry = load_portals()[portal]
        loader.add_value("portal", portal)
        loader.add_value("unit", entry.unit)
        loader.add_value("province", entry.province)
    loader.add_value("crawled_at", now_iso())
    for name, value in fields.items():
        loader.add_value(name, value)
    return loader.load_item()


def cmd_parse(args) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    portals = load_portals()
    if args.portal and args.portal not in portals:
        print(f"govnews parse: unknown portal {args.portal!r}; see `scrapy list`", file=sys.stderr)
        return 2
    platform = portals[args.portal].platform if args.portal else None
    runner = PipelineRunner()
    if args.output:
        Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    out = open(args.output, "wb") if args.output else sys.stdout.buffer
    exporter = JsonLinesItemExporter(out, encoding="utf-8", ensure_ascii=False)
    failures = 0
    try:
        for name in args.paths:
            path = Path(name)
            try:
                fields = read_article_file(path, platform)
            except InputError as reason:
                print(f"govnews parse: {name}: {reason}", file=sys.stderr)
                failures += 1
                continue
            item = runner.process(build_item(fields, path.resolve().as_uri(), args.portal))
            if item is None:
                print(f"govnews parse: {name}: dropped (no article text found)", file=sys.stderr)
                failures += 1
                continue
            exporter.export_item(item)
            out.flush()
    finally:
        if args.output:
            out.close()
    return 1 if failures else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="govnews", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    parse = commands.add_parser(
        "parse", help="run the item pipelines over saved .txt articles and .html pages"
    )
    parse.add_argument("paths", nargs="+", metavar="PATH", help=".txt article or .html page")
    parse.add_argument("-o", "--output", help="write JSON lines to this file (default: stdout)")
    parse.add_argument("--portal", help="the portal the pages come from (its spider name): "
                       "its template reads .html pages, and the item names the portal")
    parse.set_defaults(func=cmd_parse)
    crawl = commands.add_parser("crawl", help="a whole production run: every portal (or the named ones), "
                                "incremental and resumable (the same as `scrapy crawlall`)")
    crawl.add_argument("spiders", nargs="*", metavar="SPIDER", help="spider names (default: every real portal)")
    add_run_options(crawl)
    crawl.add_argument("-s", "--set", action="append", default=[], metavar="NAME=VALUE",
                       help="a Scrapy setting for every spider of the run")
    crawl.set_defaults(func=cmd_crawl)
    export = commands.add_parser("export", help="JSON lines -> CSV (and Parquet) tables of reports, "
                                 "officials and figures")
    export.add_argument("paths", nargs="*", type=Path, default=[Path("data")], metavar="PATH",
                        help=".jsonl files or folders of them (default: ./data)")
    export.add_argument("-o", "--output", type=Path, default=Path("output/tables"), help="folder (default: %(default)s)")
    export.add_argument("--since", type=_iso_date, help="published on or after YYYY-MM-DD")
    export.add_argument("--until", type=_iso_date, help="published on or before YYYY-MM-DD")
    export.add_argument("--portal", action="append", default=[], help="only this portal (repeatable)")
    export.add_argument("--no-parquet", action="store_true", help="CSV only, even when pyarrow is installed")
    export.set_defaults(func=cmd_export)
    portals = commands.add_parser("portals", help="the portal registry as a Markdown table")
    portals.set_defaults(func=cmd_portals)
    demo = commands.add_parser("demo", help="crawl the bundled sample portal over loopback (no network needed)")
    demo.add_argument("-o", "--output", default="output/demo.jsonl", help="JSON lines file (default: %(default)s)")
    demo.set_defaults(func=cmd_demo)
    return parser


def cmd_crawl(args) -> int:
    import os

    from .runner import RunError, run_all

    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "govnews_crawler.settings")
    settings = dict(item.split("=", 1) for item in args.set if "=" in item)
    try:
        return run_all(plan_from(args.spiders, args, settings))
    except RunError as problem:
        print(f"govnews crawl: {problem}", file=sys.stderr)
        return 2


def _iso_date(text: str):
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, not {text!r}") from None


def cmd_export(args) -> int:
    from .export import in_window, latest_revisions, read_items, tables, write_tables

    missing = [str(p) for p in args.paths if not p.exists()]
    if missing:
        print(f"govnews export: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    items = [i for i in latest_revisions(read_items(args.paths))
             if in_window(i, args.since, args.until, set(args.portal))]
    data = tables(items)
    for path in write_tables(data, args.output, parquet=not args.no_parquet):
        print(path)
    print(f"{len(data['reports'])} reports, {len(data['officials'])} officials, {len(data['figures'])} figures")
    return 0


def cmd_portals(args) -> int:
    print("| spider | unit | province | platform | status | years | base URL |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for p in load_portals().values():
        years = f"{p.years[0]}–{p.years[1]}" if p.years else ""
        status = f"closed since {p.closed_since}" if p.status == "closed" else p.status
        print(f"| `{p.key}` | {p.unit} | {p.province} | {p.platform} | {status} | {years} | {p.base_url} |")
    return 0


def cmd_demo(args) -> int:
    from .demo.run import run_demo

    return run_demo(Path(args.output))


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
