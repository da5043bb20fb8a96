"""The ``govnews`` command: offline parsing of saved articles (and, later, crawl helpers)."""

import argparse
import logging
import sys
from pathlib import Path

from scrapy.exporters import JsonLinesItemExporter
from w3lib.encoding import html_body_declared_encoding

from .commands.crawlall import add_run_options, plan_from
from .items import ArticleLoader
from .offline import PipelineRunner
from .platforms import parse_page
from .registry import load_portals
from .timeutil import utc_now_iso

HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".aspx", ".php"}


class InputError(Exception):
    """A file that cannot be read as an article."""


def scrapy_overrides(args) -> dict:
    """Project settings for an in-process crawl, and the ``-s NAME=VALUE`` overrides given."""
    import os

    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "govnews_crawler.settings")
    return dict(item.split("=", 1) for item in args.set if "=" in item)


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
    loader.add_value("crawled_at", utc_now_iso())
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
    discover = commands.add_parser("discover", help="find former districts' portals in the Internet Archive")
    discover.add_argument("--province", action="append", default=[], help="only this former province (repeatable)")
    discover.add_argument("--district", action="append", default=[], help="only this district key (repeatable)")
    discover.add_argument("--state-dir", type=Path, default=Path("state"), help="resumable discovery state (default ./state)")
    discover.add_argument("-o", "--output", type=Path, default=None,
                          help="registry entries found (default: ./discovered.toml, or $GOVNEWS_DISCOVERED)")
    discover.add_argument("--max-hosts", type=int, default=0, help="ask about at most N hosts in this run")
    discover.add_argument("-s", "--set", action="append", default=[], metavar="NAME=VALUE", help="a Scrapy setting")
    discover.set_defaults(func=cmd_discover)
    coverage = commands.add_parser("coverage", help="districts known, with hosts, platforms and items, by province")
    coverage.add_argument("--data-dir", type=Path, default=Path("data"))
    coverage.add_argument("--state-dir", type=Path, default=Path("state"))
    coverage.add_argument("-o", "--output", type=Path, default=Path("output/coverage"))
    coverage.set_defaults(func=cmd_coverage)
    seed = commands.add_parser("seed", help="put portals' first requests into the shared Redis queue "
                               "(--status: queue, workers and exports)")
    seed.add_argument("spiders", nargs="*", metavar="SPIDER", help="spider names (default: every real portal)")
    seed.add_argument("--province", help="only the portals of this (former) province")
    seed.add_argument("--status", action="store_true", help="show the shared queue instead of seeding it")
    for name in ("since", "until", "source", "base_url"):
        seed.add_argument(f"--{name.replace('_', '-')}", dest=name, help=f"the spiders' -a {name}=…")
    seed.add_argument("-s", "--set", action="append", default=[], metavar="NAME=VALUE", help="a Scrapy setting")
    seed.set_defaults(func=cmd_seed)
    portals = commands.add_parser("portals", help="the portal registry as a Markdown table")
    portals.set_defaults(func=cmd_portals)
    demo = commands.add_parser("demo", help="crawl the bundled sample portal over loopback (no network needed)")
    demo.add_argument("-o", "--output", default="output/demo.jsonl", help="JSON lines file (default: %(default)s)")
    demo.set_defaults(func=cmd_demo)
    return parser


def cmd_crawl(args) -> int:
    from .runner import RunError, run_all

    settings = scrapy_overrides(args)
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


def cmd_discover(args) -> int:
    from .discovery import DiscoveryStore, DiscoverySpider, write_discovered
    from .registry import discovered_path
    from .registry.national import load_districts

    overrides = scrapy_overrides(args)
    from scrapy.crawler import CrawlerProcess
    from scrapy.utils.project import get_project_settings

    districts = load_districts()
    unknown = [k for k in args.district if k not in districts]
    if unknown:
        print(f"govnews discover: unknown district keys: {', '.join(unknown)}", file=sys.stderr)
        return 2
    chosen = [d for d in districts.values()
              if (not args.district or d["key"] in args.district)
              and (not args.province or d["province"].casefold() in {p.casefold() for p in args.province})]
    if not chosen:
        print("govnews discover: no district matches", file=sys.stderr)
        return 2
    store = DiscoveryStore(args.state_dir / "discovery.sqlite")
    settings = get_project_settings()
    settings.setdict({"LOG_LEVEL": "WARNING", "TELNETCONSOLE_ENABLED": False, **overrides}, priority="cmdline")
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(DiscoverySpider)
    process.crawl(crawler, districts=chosen, store=store, endpoint=settings.get("WAYBACK_ENDPOINT"),
                  max_hosts=args.max_hosts)
    process.start()
    stats = crawler.stats.get_stats()
    output = args.output or Path(discovered_path())
    written, already = write_discovered(store, districts, output)
    counts = store.counts()
    print(f"{len(chosen)} districts, {sum(len(d['candidates']) for d in chosen)} candidate hosts: "
          f"{counts.get('found', 0)} with captures, {counts.get('none', 0)} without, {counts.get('error', 0)} errors "
          f"({stats.get('govnews/discover/already_checked', 0)} checked in earlier runs)")
    print(f"{output}: {written} discovered portals" + (f"; already in the registry: {', '.join(already)}" if already else ""))
    return 1 if counts.get("error") else 0


def cmd_coverage(args) -> int:
    from .coverage import by_province, district_status, format_table, write_report
    from .discovery import DiscoveryStore

    store_path = args.state_dir / "discovery.sqlite"
    store = DiscoveryStore(store_path) if store_path.exists() else None
    status = district_status(args.data_dir, store)
    table = by_province(status)
    print(format_table(table))
    for path in write_report(table, status, args.output):
        print(path)
    return 0


def cmd_seed(args) -> int:
    from .runner import RunError, choose_spiders
    from .seed import seed, status

    overrides = scrapy_overrides(args)
    try:
        spiders = choose_spiders(args.spiders, args.province)
        if args.status:
            for row in status(spiders, overrides):
                print("  ".join(f"{k}={v}" for k, v in row.items()))
            return 0
        spider_args = {k: getattr(args, k) for k in ("since", "until", "source", "base_url") if getattr(args, k)}
        for name, pushed, queued in seed(spiders, spider_args, overrides):
            print(f"{name}: {pushed} requests seeded, {queued} in the queue")
    except (RunError, ValueError) as problem:
        print(f"govnews seed: {problem}", file=sys.stderr)
        return 2
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
