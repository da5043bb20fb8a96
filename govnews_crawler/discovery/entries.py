"""Registry entries from what discovery found: ``discovered.toml`` with its evidence."""

import json
from pathlib import Path

from govnews_crawler.common.atomic import write_atomic
from govnews_crawler.discovery.store import DiscoveryStore
from govnews_crawler.platforms import generic
from govnews_crawler.registry import load_portals


def best_hosts(found: list[dict]) -> dict[str, dict]:
    """Per district, the host with the most days of captures."""
    best: dict[str, dict] = {}
    for entry in found:
        days = sum(entry["years"].values())
        if entry["district"] not in best or days > sum(best[entry["district"]]["years"].values()):
            best[entry["district"]] = entry
    return best


def _toml_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _shape_table(article_shapes: dict[str, int]) -> str:
    """An inline TOML table: each confirmed article shape with its pages in the archive."""
    return "{" + ", ".join(f"{_toml_string(name)} = {pages}" for name, pages in article_shapes.items()) + "}"


def shapes_text(article_shapes: dict[str, int]) -> str:
    """'/{w}/{w}-{n}.html (120 pages)', for reports."""
    return "; ".join(f"{name} ({pages} page{'s' if pages != 1 else ''})" for name, pages in article_shapes.items())


def learned_shapes_table(found: list[dict], districts: set[str]) -> list[list[str]]:
    """Rows (district, host, article shapes) for the unrecognised hosts of ``districts``:
    the shapes their sampled pages confirmed, or 'none read as articles'."""
    return [[e["district"], e["host"] + e["path"], shapes_text(e["article_shapes"]) or "none read as articles"]
            for e in sorted(found, key=lambda e: (e["district"], e["host"], e["path"]))
            if e["district"] in districts and e["platform"] == generic.NAME]


def write_discovered(store: DiscoveryStore, districts: dict[str, dict], path: Path) -> tuple[int, list[str]]:
    """Registry entries for the districts found; hand-written portals are never replaced.
    Returns the number written and the hand-written keys that already cover found districts."""
    portals = {p for p in load_portals().values() if p.status != "discovered"}
    covered = {(p.unit.casefold(), p.province.casefold()): p.key for p in portals}
    lines = ["# Portals found by `govnews discover` in the Internet Archive. Review each entry; to",
             "# accept one, move it into govnews_crawler/registry/portals.toml. Spiders are made for",
             "# these entries too (status 'discovered': they read the archive by default).", ""]
    written, already = 0, []
    for key, entry in sorted(best_hosts(store.found()).items()):
        district = districts[key]
        if (district["name"].casefold(), district["province"].casefold()) in covered:
            already.append(covered[(district["name"].casefold(), district["province"].casefold())])
            continue
        years = sorted(entry["years"])
        lines += [f"[{key}]", f"unit = {_toml_string(district['name'])}",
                  f"province = {_toml_string(district['province'])}",
                  f"platform = {_toml_string(entry['platform'] or generic.NAME)}",
                  f"base_url = {_toml_string('https://' + entry['host'] + entry['path'])}",
                  'listing_paths = ["/"]', f"years = [{years[0]}, {years[-1]}]",
                  f"notes = {_toml_string('new province: ' + district['new_province'])}",
                  f"[{key}.evidence]", f"host = {_toml_string(entry['host'] + entry['path'])}",
                  f"pattern = {_toml_string(entry['pattern'])}",
                  f"first_capture = {_toml_string(entry['first'])}", f"last_capture = {_toml_string(entry['last'])}",
                  "capture_days_by_year = {" + ", ".join(f'"{y}" = {n}' for y, n in entry["years"].items()) + "}",
                  f"platform = {_toml_string(entry['platform_evidence'] or '')}",
                  "samples = [" + ", ".join(_toml_string(s) for s in entry["samples"]) + "]"]
        if entry["article_shapes"]:
            lines.append(f"article_shapes = {_shape_table(entry['article_shapes'])}")
        lines.append("")
        written += 1
    write_atomic(path, "\n".join(lines).encode("utf-8"))
    return written, sorted(set(already))


