"""``govnews export``: JSON lines to typed CSV and Parquet tables: reports, officials, figures, indicators, people."""

import argparse
import sys
from pathlib import Path

from govnews_crawler.common.arguments import ArgumentError, date_arg


def _date(text: str):
    try:
        return date_arg("date", text)
    except ArgumentError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, not {text!r}") from None


def add_parser(commands) -> argparse.ArgumentParser:
    parser = commands.add_parser("export", help="JSON lines -> CSV and Parquet tables of reports, officials, "
                                 "figures, indicators, people and appearances")
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                        help=".jsonl files or folders of them (default: the store, see --state-dir)")
    parser.add_argument("--state-dir", type=Path, default=Path("state"),
                        help="read the store of record in this folder when no PATH is given (default: %(default)s)")
    parser.add_argument("--database-url", default=None, metavar="URL",
                        help="read the PostgreSQL store of record instead (default: $GOVNEWS_DATABASE_URL)")
    parser.add_argument("-o", "--output", type=Path, default=Path("output/tables"), help="folder (default: %(default)s)")
    parser.add_argument("--since", type=_date, help="published on or after YYYY-MM-DD")
    parser.add_argument("--until", type=_date, help="published on or before YYYY-MM-DD")
    parser.add_argument("--portal", action="append", default=[], help="only this portal (repeatable)")
    parser.add_argument("--no-parquet", action="store_true", help="CSV only")
    parser.add_argument("--bom", action="store_true", help="CSV with a byte-order mark, so Excel reads UTF-8")
    parser.add_argument("--partition", action="store_true",
                        help="Parquet as folders partitioned by province and year (for large exports)")
    return parser


def run(args: argparse.Namespace) -> int:
    from govnews_crawler.export.reading import latest_revisions, read_items, read_store
    from govnews_crawler.export.rows import tables
    from govnews_crawler.export.tables import in_window
    from govnews_crawler.export.writers import write_tables
    from govnews_crawler.state import StoreError, database_url, store_path

    url = args.database_url if args.database_url is not None else database_url()
    missing = [str(p) for p in args.paths or ([] if url else [store_path(args.state_dir)]) if not p.exists()]
    if missing:
        print(f"govnews export: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    try:
        found = read_items(args.paths) if args.paths else read_store(args.state_dir, url)
    except StoreError as problem:
        print(f"govnews export: {problem}", file=sys.stderr)
        return 1
    items = [i for i in latest_revisions(found)
             if in_window(i, args.since, args.until, set(args.portal))]
    data = tables(items)
    for path in write_tables(data, args.output, parquet=not args.no_parquet, bom=args.bom, partition=args.partition):
        print(path)
    print(", ".join(f"{len(rows)} {name}" for name, rows in data.items()))
    return 0
