"""``govnews coverage``: how much of the country the crawler covers, by province.

For each former district: known (the national registry), host found (a hand-written
portal or a host discovery found), platform recognised (a template, not the
generic extractor), shapes learned (no template: items crawled from address shapes
learned from the archive's listing), items crawled (exports under the data folder).
As a table, a CSV and a small chart; per district, the article shapes discovery
confirmed and the shapes of the items crawled without a template.
"""

import csv
import json
from collections import defaultdict
from pathlib import Path

from govnews_crawler.common.tables import format_table
from govnews_crawler.discovery.entries import best_hosts
from govnews_crawler.discovery.shapes import shape
from govnews_crawler.discovery.store import DiscoveryStore
from govnews_crawler.platforms import generic
from govnews_crawler.registry import load_portals
from govnews_crawler.registry.national import district_of, load_districts

COLUMNS = ("province", "districts", "hosts_found", "platform_recognised", "shapes_learned", "items_crawled")


def crawled_items(data_dir: Path) -> dict[str, dict[str, dict[str, int]]]:
    """Per portal key, its exported articles counted by the extractor that read them
    (``extractors``) and, of those the generic extractor read, by address shape (``shapes``)."""
    found: dict[str, dict[str, dict[str, int]]] = defaultdict(lambda: {"extractors": defaultdict(int),
                                                                        "shapes": defaultdict(int)})
    for file in data_dir.glob("*/*.jsonl"):
        with file.open(encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    item = json.loads(line)
                    counts = found[file.parent.name]
                    counts["extractors"][item.get("extractor") or "unknown"] += 1
                    if item.get("extractor") == generic.NAME and item.get("url"):
                        counts["shapes"][shape(item["url"])] += 1
    return {k: {name: dict(c) for name, c in v.items()} for k, v in found.items()}


def district_status(data_dir: Path, store: DiscoveryStore | None) -> dict[str, dict]:
    """Per district: its portal key, host found, platform recognised, items and extractors."""
    districts = load_districts()
    status = {key: _blank(d["name"], d["province"], key) for key, d in districts.items()}
    for portal in load_portals().values():
        if portal.status in ("discovered", "sample"):
            continue
        district = district_of(portal.unit, portal.province)
        if district is None:
            if portal.unit.split(" ")[0] not in ("huyện", "quận", "thị", "thành"):
                continue  # a province agency's portal, not a district's
            # a district the national table lacks: the hand-written registry extends it
            district = {"key": portal.key}
            status[portal.key] = _blank(portal.unit, portal.province, portal.key)
        entry = status[district["key"]]
        if entry["host"] is None:
            entry.update(host=portal.host, portal=portal.key, platform=portal.platform)
    if store is not None:
        for key, found in best_hosts(store.found()).items():
            if key in status and status[key]["host"] is None:
                status[key].update(host=found["host"] + found["path"], platform=found["platform"] or generic.NAME,
                                   shapes_confirmed=found["article_shapes"])
    crawled = crawled_items(data_dir)
    for entry in status.values():
        counts = crawled.get(entry["portal"], {})
        entry["extractors"] = counts.get("extractors", {})
        entry["items"] = sum(entry["extractors"].values())
        if entry["platform"] == generic.NAME:  # no template: the shapes its items were crawled from
            entry["shapes_crawled"] = counts.get("shapes", {})
    return status


def _blank(name: str, province: str, portal: str) -> dict:
    return {"name": name, "province": province, "host": None, "platform": None, "items": 0, "extractors": {},
            "portal": portal, "shapes_confirmed": {}, "shapes_crawled": {}}


def by_province(status: dict[str, dict]) -> list[dict]:
    rows: defaultdict[str, dict] = defaultdict(lambda: dict.fromkeys(COLUMNS[1:], 0))
    for entry in status.values():
        row = rows[entry["province"]]
        row["districts"] += 1
        row["hosts_found"] += entry["host"] is not None
        row["platform_recognised"] += entry["platform"] not in (None, generic.NAME)
        row["shapes_learned"] += bool(entry["shapes_crawled"])
        row["items_crawled"] += entry["items"] > 0
    table = [{"province": p, **counts} for p, counts in sorted(rows.items())]
    table.append({"province": "all", **{c: sum(r[c] for r in table) for c in COLUMNS[1:]}})
    return table


def write_report(table: list[dict], status: dict[str, dict], out_dir: Path) -> list[Path]:
    """coverage.csv (by province), districts.csv (one row per district, with the
    extractors that read its items and, with no template, its article shapes: those
    discovery confirmed, with their pages in the archive, and those its items were
    crawled from, with their items) and coverage.png."""
    out_dir.mkdir(parents=True, exist_ok=True)
    csv_path = out_dir / "coverage.csv"
    with csv_path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(table)
    districts_path = out_dir / "districts.csv"
    with districts_path.open("w", encoding="utf-8-sig", newline="") as f:
        rows = csv.writer(f)
        rows.writerow(["key", "name", "province", "portal", "host", "platform", "items", "extractors",
                       "shapes_confirmed", "shapes_crawled"])
        for key, e in sorted(status.items(), key=lambda kv: (kv[1]["province"], kv[0])):
            rows.writerow([key, e["name"], e["province"], e["portal"], e["host"] or "", e["platform"] or "",
                           e["items"], _counts(e["extractors"]), _counts(e["shapes_confirmed"]),
                           _counts(e["shapes_crawled"])])
    written = [csv_path, districts_path]
    chart = _chart(table[:-1], out_dir / "coverage.png")
    if chart:
        written.append(chart)
    return written


def _counts(counts: dict[str, int]) -> str:
    return "; ".join(f"{name}={count}" for name, count in sorted(counts.items()))


def _chart(rows: list[dict], path: Path) -> Path | None:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return None
    rows = sorted(rows, key=lambda r: r["province"], reverse=True)
    names = [r["province"] for r in rows]
    figure, axes = plt.subplots(figsize=(8, max(4, 0.22 * len(rows))))
    for column, colour in (("districts", "#d9d9d9"), ("hosts_found", "#9ecae1"),
                           ("platform_recognised", "#4292c6"), ("items_crawled", "#08519c")):
        axes.barh(names, [r[column] for r in rows], color=colour, label=column.replace("_", " "))
    axes.set_xlabel("former districts")
    axes.set_title("govnews-crawler coverage by former province")
    axes.tick_params(axis="y", labelsize=7)
    axes.legend(loc="lower right", fontsize=8)
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)
    return path


def coverage_table(table: list[dict]) -> str:
    """The coverage rows as a plain-text table."""
    return format_table(COLUMNS, [[row[c] for c in COLUMNS] for row in table])
