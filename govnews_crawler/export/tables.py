"""``govnews export``: the JSON lines of runs as tables analysts open directly.

Three tables: ``reports`` (one row per article, its latest revision), ``officials``
(one row per official per report) and ``figures`` (one row per figure per report),
as CSV (UTF-8 with BOM, so spreadsheet programs read Vietnamese right) and, when
pyarrow is installed, Parquet.
"""

import csv
from datetime import date
from pathlib import Path

REPORT_COLUMNS = [
    "url", "archive_url", "portal", "unit", "province", "title", "category", "published_at", "event_date",
    "event_part_of_day", "is_meeting", "meeting_kinds", "author", "view_count", "officials", "figures",
    "image_captions", "revision", "content_sha1", "crawled_at", "extractor", "body",
]
OFFICIAL_COLUMNS = ["url", "portal", "published_at", "event_date", "name", "titles", "roles"]
FIGURE_COLUMNS = ["url", "portal", "published_at", "event_date", "text", "kind", "value", "denominator", "unit",
                  "qualifier", "measure", "compared_to", "sentence"]
LIST_SEPARATOR = "; "  # titles and roles never contain it (the rules split titles on ';')


def in_window(item: dict, since: date | None, until: date | None, portals: set[str]) -> bool:
    if portals and item.get("portal") not in portals:
        return False
    stamp = item.get("published_at") or item.get("event_date")
    if (since or until) and not stamp:
        return False
    day = date.fromisoformat(stamp[:10]) if stamp else None
    return not ((since and day < since) or (until and day > until))


def tables(items: list[dict]) -> dict[str, list[dict]]:
    reports, officials, figures = [], [], []
    for item in items:
        keys = {k: item.get(k) for k in ("url", "portal", "published_at", "event_date")}
        row = {c: item.get(c) for c in REPORT_COLUMNS}
        row["meeting_kinds"] = LIST_SEPARATOR.join(item.get("meeting_kinds") or [])
        row["image_captions"] = " | ".join(item.get("image_captions") or [])
        row["officials"] = len(item.get("officials") or [])
        row["figures"] = len(item.get("figures") or [])
        reports.append(row)
        for official in item.get("officials") or []:
            officials.append({**keys, "name": official["name"], "titles": LIST_SEPARATOR.join(official["titles"]),
                              "roles": LIST_SEPARATOR.join(official["roles"])})
        for figure in item.get("figures") or []:
            figures.append({**keys, **{c: figure.get(c) for c in FIGURE_COLUMNS if c not in keys}})
    return {"reports": reports, "officials": officials, "figures": figures}


COLUMNS = {"reports": REPORT_COLUMNS, "officials": OFFICIAL_COLUMNS, "figures": FIGURE_COLUMNS}


def write_tables(data: dict[str, list[dict]], out_dir: Path, parquet: bool = True) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, rows in data.items():
        path = out_dir / f"{name}.csv"
        with path.open("w", encoding="utf-8-sig", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=COLUMNS[name])
            writer.writeheader()
            writer.writerows({k: ("" if v is None else v) for k, v in row.items()} for row in rows)
        written.append(path)
    if parquet:
        written += _write_parquet(data, out_dir)
    return written


def _write_parquet(data, out_dir: Path) -> list[Path]:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        return []
    written = []
    for name, rows in data.items():
        columns = {c: [row.get(c) for row in rows] for c in COLUMNS[name]}
        if name == "figures":
            columns["value"] = [None if v is None else float(v) for v in columns["value"]]
        path = out_dir / f"{name}.parquet"
        pq.write_table(pa.table(columns), path)
        written.append(path)
    return written
