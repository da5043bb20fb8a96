"""``govnews discover``: find the former districts' portals in the Internet Archive.

For each district of the national registry and each candidate host of it, the
archive's CDX API tells whether the host has captures (days with captures per
year, first and last capture, sample addresses); one or two captures of its pages
then show the platform (generator meta, class names, address shapes). Results go
to a resumable SQLite store and to ``discovered.toml``: registry entries with their
evidence, marked as discovered, never replacing a hand-written entry.
"""

import json
import sqlite3
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

import scrapy
from parsel import Selector

from .platforms import generic, recognise, recognise_addresses
from .registry import load_portals
from .wayback import CdxError, decode_page
from .timeutil import utc_now_iso

SLOT = "wayback"
SAMPLES = 5


class DiscoveryStore:
    """One row per (district, candidate host): what the archive said of it."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(path, timeout=30)
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS hosts (district TEXT, host TEXT, path TEXT, pattern TEXT, status TEXT, "
            "first TEXT, last TEXT, years TEXT, samples TEXT, platform TEXT, platform_evidence TEXT, checked_at TEXT, "
            "PRIMARY KEY (district, host, path))")
        self.db.commit()

    def done(self, district: str, host: str, path: str) -> bool:
        row = self.db.execute("SELECT status FROM hosts WHERE district=? AND host=? AND path=?",
                              (district, host, path)).fetchone()
        return bool(row) and row[0] in ("none", "found")

    def save(self, district: str, candidate: dict, status: str, **found) -> None:
        values = (district, candidate["host"], candidate["path"], candidate["pattern"], status,
                  found.get("first"), found.get("last"), json.dumps(found.get("years") or {}),
                  json.dumps(found.get("samples") or []), found.get("platform"), found.get("platform_evidence"),
                  utc_now_iso())
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO hosts VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", values)

    def found(self) -> list[dict]:
        columns = ["district", "host", "path", "pattern", "status", "first", "last", "years", "samples",
                   "platform", "platform_evidence"]
        rows = self.db.execute(f"SELECT {', '.join(columns)} FROM hosts WHERE status='found'").fetchall()
        out = []
        for row in rows:
            entry = dict(zip(columns, row))
            entry["years"], entry["samples"] = json.loads(entry["years"]), json.loads(entry["samples"])
            out.append(entry)
        return out

    def counts(self) -> Counter:
        return Counter(dict(self.db.execute("SELECT status, COUNT(*) FROM hosts GROUP BY status").fetchall()))


class DiscoverySpider(scrapy.Spider):
    """Ask the archive about every candidate host of the chosen districts."""

    name = "discover"
    custom_settings = {"ITEM_PIPELINES": {}, "ROBOTSTXT_OBEY": False}

    def __init__(self, districts: list[dict], store: DiscoveryStore, endpoint: str, max_hosts: int = 0, **kwargs):
        super().__init__(**kwargs)
        self.districts, self.store, self.endpoint = districts, store, endpoint.rstrip("/")
        self.max_hosts = max_hosts

    async def start(self):
        asked = 0
        for district in self.districts:
            for candidate in district["candidates"]:
                if self.store.done(district["key"], candidate["host"], candidate["path"]):
                    self.crawler.stats.inc_value("govnews/discover/already_checked")
                    continue
                if self.max_hosts and asked >= self.max_hosts:
                    return
                asked += 1
                query = urlencode([("url", f"{candidate['host']}{candidate['path']}/*"), ("output", "json"),
                                   ("fl", "timestamp,original,mimetype"), ("filter", "statuscode:200"),
                                   ("collapse", "timestamp:8"), ("limit", "20000")])
                yield scrapy.Request(f"{self.endpoint}/cdx/search/cdx?{query}", callback=self.parse_cdx,
                                     errback=self.on_error, meta={"download_slot": SLOT},
                                     cb_kwargs={"district": district, "candidate": candidate})

    def parse_cdx(self, response, district, candidate):
        try:
            rows = json.loads(response.text) if response.text.strip() else []
            if rows and rows[0][:2] != ["timestamp", "original"]:
                raise CdxError(f"unexpected header {rows[0]!r}")
        except (ValueError, CdxError, IndexError, TypeError) as problem:
            self.crawler.stats.inc_value("govnews/discover/cdx_bad_answer")
            self.logger.error("discover: bad CDX answer for %s%s: %s", candidate["host"], candidate["path"], problem)
            self.store.save(district["key"], candidate, "error")
            return
        captures = [dict(zip(rows[0], row)) for row in rows[1:] if len(row) == len(rows[0])]
        if not captures:
            self.store.save(district["key"], candidate, "none")
            self.crawler.stats.inc_value("govnews/discover/hosts_without_captures")
            return
        self.crawler.stats.inc_value("govnews/discover/hosts_found")
        html = [c for c in captures if "html" in c.get("mimetype", "html")] or captures
        years = Counter(c["timestamp"][:4] for c in captures)
        addresses = [c["original"] for c in html]
        by_address = recognise_addresses(addresses)
        article_like = [c for c in html if by_address and by_address.article_url.search(c["original"])]
        samples = sorted(article_like or html, key=lambda c: c["timestamp"], reverse=True)
        found = {"first": min(c["timestamp"] for c in captures), "last": max(c["timestamp"] for c in captures),
                 "years": dict(sorted(years.items())), "samples": [c["original"] for c in samples[:SAMPLES]]}
        to_fetch = samples[:1] + [c for c in html if c["original"].rstrip("/").endswith(candidate["host"])][:1]
        yield from self._next_capture(district, candidate, found, to_fetch, by_address)

    def _next_capture(self, district, candidate, found, to_fetch, by_address):
        if not to_fetch:
            platform = by_address.name if by_address else generic.NAME
            evidence = f"article addresses follow the {by_address.name} pattern" if by_address else "not recognised"
            self.store.save(district["key"], candidate, "found", platform=platform, platform_evidence=evidence, **found)
            return
        capture, rest = to_fetch[0], to_fetch[1:]
        yield scrapy.Request(
            f"{self.endpoint}/web/{capture['timestamp']}id_/{capture['original']}", callback=self.parse_capture,
            errback=self.on_error, dont_filter=True,
            meta={"download_slot": SLOT, "dont_redirect": True, "handle_httpstatus_list": [301, 302, 303, 307, 308]},
            cb_kwargs={"district": district, "candidate": candidate, "found": found, "rest": rest, "by_address": by_address},
        )

    def parse_capture(self, response, district, candidate, found, rest, by_address):
        text, _ = decode_page(response.body, response.headers.get("Content-Type", b"").decode("latin-1"))
        platform = recognise(Selector(text=text), response.url) if response.status == 200 and text else None
        if platform:
            generator = Selector(text=text).css('meta[name="generator"]::attr(content)').get()
            evidence = f"generator {generator!r}" if generator else "class names of its templates"
            self.store.save(district["key"], candidate, "found", platform=platform.name,
                            platform_evidence=f"{evidence} on {response.url}", **found)
            return
        yield from self._next_capture(district, candidate, found, rest, by_address)

    def on_error(self, failure):
        district, candidate = failure.request.cb_kwargs["district"], failure.request.cb_kwargs["candidate"]
        self.crawler.stats.inc_value("govnews/discover/errors")
        self.logger.error("discover: %s%s: %s", candidate["host"], candidate["path"], failure.getErrorMessage())
        self.store.save(district["key"], candidate, "error")


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
                  "samples = [" + ", ".join(_toml_string(s) for s in entry["samples"]) + "]", ""]
        written += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".toml.part")
    temporary.write_text("\n".join(lines), encoding="utf-8")
    temporary.replace(path)
    return written, sorted(set(already))


