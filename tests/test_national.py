"""The national registry, discovery through a fake archive, crawling a discovered
district, and the coverage report."""

import csv
import json
import os
import subprocess
import sys
from urllib.parse import parse_qs, urlsplit

import pytest

from govnews_crawler.devtools.build_places import admin_table
from govnews_crawler.devtools.fake_archive import FakeArchive, FakeCapture
from govnews_crawler.registry.national import build_districts, load_districts

from .crawling import FIXTURES, ROOT, assert_no_deprecations
from .test_generic_html import PAGE

# Which fixture pages each (district key, host + path) serves, and the platform they show.
SERVED = {
    "donghoi": ("tpdonghoi.quangbinh.gov.vn", "tandan"),
    "badon": ("quangbinh.gov.vn/web/badon", "liferay"),
    "botrach": ("botrach.quangbinh.gov.vn", "hatinh_district"),
    "quangtrach": ("quangtrach.quangbinh.gov.vn", "honglinh"),
    "tuyenhoa": ("tuyenhoa.quangbinh.gov.vn", "nghean"),
    "minhhoa": ("minhhoa.quangbinh.gov.vn", "nukeviet"),
    "quangninh": ("quangbinh.gov.vn/webcenter/portal/quangninh", "webcenter"),
    "lethuy": ("lethuy.gov.vn", "wordpress"),
}
GENERIC_HOST = "txkyanh.hatinh.gov.vn"
GENERIC_ARTICLE = f"https://{GENERIC_HOST}/tin-tuc/hoi-nghi-giao-ban-thang-3-123.html"
# The fake archive on loopback has no limits to keep: the client's archive budget is lifted.
UNLIMITED = ["-s", "WAYBACK_CDX_PER_WINDOW=100000", "-s", "WAYBACK_CAPTURES_PER_WINDOW=100000"]


def fixture_captures():
    captures = []
    for key, (where, platform) in SERVED.items():
        folder = FIXTURES / platform
        routes = json.loads((folder / "routes.json").read_text())
        expected = json.loads((folder / "expected.json").read_text())
        for n, path in enumerate(expected["newest_first"]):
            # pages of a subsite live under its path; the fixture's own paths follow it
            original = f"https://{where}{path}" if "/" not in where else f"https://{where}{path.split('?')[0]}x{n}"
            if platform == "liferay":
                original = f"https://{where}/tin-tuc/-/asset_publisher/Xk3pQ9/content/{path.rsplit('/', 1)[1]}"
            if platform == "webcenter":
                original = f"https://{where}/pages_tin-tuc/chi-tiet?dDocName=PORTAL{path.rsplit('PORTAL', 1)[1]}"
            captures.append(FakeCapture(f"202{n}0101000000", original, folder / routes[path], digest=f"{key}{n}"))
    honglinh = FIXTURES / "honglinh"
    first = json.loads((honglinh / "expected.json").read_text())["newest_first"][0]
    captures.append(FakeCapture("20200101000000", f"https://honglinh.hatinh.gov.vn{first}", honglinh / "article-a.html", digest="h"))
    captures.append(FakeCapture("20210301000000", GENERIC_ARTICLE, body=PAGE.encode(), digest="g"))
    return captures


def govnews(*args, env=None):
    done = subprocess.run([sys.executable, "-m", "govnews_crawler.cli", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=600, env={**os.environ, **(env or {})})
    assert_no_deprecations(done.stderr)
    return done


def test_the_generated_registry():
    districts = load_districts()
    assert len(districts) == 696
    assert len({d["province"] for d in districts.values()}) == 63
    assert all(k.replace("_", "").isalnum() and k.isascii() and k.islower() for k in districts)
    assert {d["name"] for d in districts.values() if d["province"] == "Hà Tĩnh"} >= {"huyện Kỳ Anh", "thị xã Kỳ Anh"}
    assert districts["doluong"]["new_province"] == "Nghệ An" and districts["badon"]["new_province"] == "Quảng Trị"
    rebuilt = build_districts(admin_table())
    assert [r["key"] for r in rebuilt] == list(districts)  # stable keys: the committed file is the build
    assert build_districts(admin_table()) == rebuilt
    patterns = {c["pattern"] for c in districts["badon"]["candidates"]}
    assert "<district>.<province>.gov.vn" in patterns and "tx<district>.<province>.gov.vn" in patterns


def test_discovery_finds_served_hosts_recognises_platforms_and_resumes(tmp_path):
    discovered = tmp_path / "discovered.toml"
    args = ["discover", "--province", "Quảng Bình", "--province", "Hà Tĩnh", "--state-dir", tmp_path / "state",
            "-o", discovered, "-s", "DOWNLOAD_SLOTS={\"wayback\": {\"concurrency\": 1, \"delay\": 0}}",
            "-s", "AUTOTHROTTLE_ENABLED=0", *UNLIMITED]
    chosen = [d for d in load_districts().values() if d["province"] in ("Quảng Bình", "Hà Tĩnh")]
    candidates = {c["host"] + c["path"] for d in chosen for c in d["candidates"]}
    with FakeArchive(fixture_captures()) as archive:
        first = govnews(*args, "--max-hosts", "25", "-s", f"WAYBACK_ENDPOINT={archive.url}")
        asked_first = [r for r in archive.requests if r.startswith("/cdx/")]
        archive.requests.clear()
        second = govnews(*args, "-s", f"WAYBACK_ENDPOINT={archive.url}")
        asked_second = [r for r in archive.requests if r.startswith("/cdx/")]
    assert first.returncode == 0 and second.returncode == 0, second.stderr[-2000:]
    hosts = lambda requests: [parse_qs(urlsplit(r).query)["url"][0].removesuffix("/*") for r in requests]
    assert len(asked_first) == 25
    assert sorted(hosts(asked_first) + hosts(asked_second)) == sorted(candidates)  # each host asked once
    import tomllib

    entries = tomllib.loads(discovered.read_text(encoding="utf-8"))
    assert {k: e["platform"] for k, e in entries.items()} == {
        **{key: platform for key, (_, platform) in SERVED.items()}, "tx_kyanh_hatinh": "generic"}
    botrach = entries["botrach"]
    assert botrach["base_url"] == "https://botrach.quangbinh.gov.vn" and botrach["unit"] == "huyện Bố Trạch"
    assert botrach["evidence"]["pattern"] == "<district>.<province>.gov.vn"
    assert botrach["evidence"]["capture_days_by_year"] == {"2020": 1, "2021": 1, "2022": 1}
    assert len(botrach["evidence"]["samples"]) == 3 and "class names" in botrach["evidence"]["platform"]
    assert entries["lethuy"]["evidence"]["platform"].startswith("generator 'WordPress")
    assert entries["donghoi"]["evidence"]["pattern"] == "tp<district>.<province>.gov.vn"
    assert "honglinh" not in entries and "already in the registry: honglinh" in second.stdout


def test_discovered_districts_crawl_and_coverage_counts(tmp_path):
    discovered, state, data = tmp_path / "discovered.toml", tmp_path / "state", tmp_path / "data"
    fast = ["-s", "DOWNLOAD_SLOTS={\"wayback\": {\"concurrency\": 1, \"delay\": 0}}", "-s", "AUTOTHROTTLE_ENABLED=0",
            *UNLIMITED]
    env = {"GOVNEWS_DISCOVERED": str(discovered)}
    with FakeArchive(fixture_captures()) as archive:
        endpoint = ["-s", f"WAYBACK_ENDPOINT={archive.url}"]
        found = govnews("discover", "--province", "Quảng Bình", "--province", "Hà Tĩnh", "--state-dir", state,
                        "-o", discovered, *fast, *endpoint)
        assert found.returncode == 0, found.stderr[-2000:]
        listed = subprocess.run([sys.executable, "-m", "scrapy", "list"], cwd=ROOT, capture_output=True, text=True,
                                env={**os.environ, **env})
        assert {"botrach", "tx_kyanh_hatinh", "kyanh"} <= set(listed.stdout.split())
        crawl = govnews("crawl", "botrach", "tx_kyanh_hatinh", "--data-dir", data, "--state-dir", state,
                        *fast, *endpoint, env=env)
    assert crawl.returncode == 0, crawl.stdout + crawl.stderr[-2000:]
    botrach = [json.loads(line) for f in (data / "botrach").glob("*.jsonl") for line in f.read_text().splitlines()]
    assert len(botrach) == 3 and {i["extractor"] for i in botrach} == {"hatinh_district"}
    assert all(i["url"].startswith("https://botrach.quangbinh.gov.vn/") and i["archive_url"] for i in botrach)
    generic = [json.loads(line) for f in (data / "tx_kyanh_hatinh").glob("*.jsonl") for line in f.read_text().splitlines()]
    assert [(i["url"], i["extractor"], i["title"]) for i in generic] == [(GENERIC_ARTICLE, "generic", "Hội nghị giao ban tháng 3")]

    report = govnews("coverage", "--data-dir", data, "--state-dir", state, "-o", tmp_path / "coverage", env=env)
    assert report.returncode == 0, report.stderr
    with (tmp_path / "coverage" / "coverage.csv").open(encoding="utf-8-sig") as f:
        rows = {r["province"]: r for r in csv.DictReader(f)}
    assert rows["Quảng Bình"] == {"province": "Quảng Bình", "districts": "8", "hosts_found": "8",
                                  "platform_recognised": "8", "shapes_learned": "0", "items_crawled": "1"}
    hand_written_ha_tinh = 11  # the registry's Hà Tĩnh district portals, Lộc Hà (absent from the table) included
    assert rows["Hà Tĩnh"] == {"province": "Hà Tĩnh", "districts": "13", "hosts_found": str(hand_written_ha_tinh + 1),
                               "platform_recognised": str(hand_written_ha_tinh), "shapes_learned": "1", "items_crawled": "1"}
    with (tmp_path / "coverage" / "districts.csv").open(encoding="utf-8-sig") as f:
        by_key = {r["key"]: r for r in csv.DictReader(f)}
    assert by_key["tx_kyanh_hatinh"]["extractors"] == "generic=1"
    # its one page is too short to read as an article: no shape confirmed, the usual one crawled
    assert by_key["tx_kyanh_hatinh"]["shapes_confirmed"] == "" and by_key["tx_kyanh_hatinh"]["shapes_crawled"] == "/{w}/{w}-{n}.html=1"
    assert by_key["botrach"]["extractors"] == "hatinh_district=3"
    assert (tmp_path / "coverage" / "coverage.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("args, message", [(["--district", "atlantis"], "unknown district keys: atlantis"),
                                           (["--province", "Atlantis"], "no district matches")])
def test_discover_bad_input(tmp_path, args, message):
    done = govnews("discover", *args, "--state-dir", tmp_path)
    assert done.returncode == 2 and message in done.stderr
