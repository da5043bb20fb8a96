"""`govnews export`: typed, stable tables analysts open directly, and back without loss."""

import csv
import datetime as dt
import json
import subprocess
import sys

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from govnews_crawler.demo.run import SITE
from govnews_crawler.devtools.loopback import SiteServer
from govnews_crawler.export.schema import SCHEMAS

from .conftest import SEEDS
from .crawling import FAST, ROOT

TABLES = ["reports", "officials", "figures", "indicators", "people", "appearances"]


def govnews(*args):
    return subprocess.run([sys.executable, "-m", "govnews_crawler.cli", *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8")


def rows(path):
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def number(text):
    return float(text) if "." in text else int(text)


@pytest.fixture(scope="module")
def seeds_export(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("export")
    jsonl = tmp / "data" / "seeds" / "run.jsonl"
    jsonl.parent.mkdir(parents=True)
    assert govnews("parse", *sorted(SEEDS.glob("*.txt")), "-o", jsonl).returncode == 0
    items = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    for item in items:  # as a crawl gives them: a portal's unit and province, a publication time
        item.update(portal="kyanh", unit="huyện Kỳ Anh", province="Hà Tĩnh", published_at="2020-07-29T07:50:00+07:00")
    items[0]["published_at"] = "2020-07-06"  # a page that gives only the day
    jsonl.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), encoding="utf-8")
    done = govnews("export", tmp / "data", "-o", tmp / "tables")
    assert done.returncode == 0, done.stderr
    return items, tmp / "tables"


def test_csv_round_trips_every_official_and_figure(seeds_export):
    items, out = seeds_export
    assert len(rows(out / "reports.csv")) == 5
    officials = {(r["url"], r["name"]): (json.loads(r["titles"]), json.loads(r["roles"])) for r in rows(out / "officials.csv")}
    assert officials == {(i["url"], o["name"]): (o["titles"], o["roles"]) for i in items for o in i["officials"]}
    figures = [(r["url"], r["text"], r["kind"], number(r["value"]), int(r["denominator"]) if r["denominator"] else None,
                r["unit_of_measure"], r["qualifier"] or None, r["measure"] or None, r["compared_to"] or None,
                r["period"] or None, r["indicator"] or None, r["sentence"]) for r in rows(out / "figures.csv")]
    assert figures == [(i["url"], f["text"], f["kind"], f["value"], f.get("denominator"), f["unit"], f["qualifier"],
                        f["measure"], f["compared_to"], f["period"], f["indicator"], f["sentence"])
                       for i in items for f in i["figures"]]
    reports = {r["url"]: r for r in rows(out / "reports.csv")}
    for item in items:
        report = reports[item["url"]]
        assert json.loads(report["image_captions"]) == item["image_captions"]  # captions with commas survive
        assert json.loads(report["meeting_kinds"]) == item["meeting_kinds"]
        assert (int(report["n_officials"]), int(report["n_figures"])) == (len(item["officials"]), len(item["figures"]))
    assert "Hội nghị" in (out / "reports.csv").read_text(encoding="utf-8")
    assert not (out / "reports.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # a BOM only with --bom


def test_child_tables_carry_their_report(seeds_export):
    items, out = seeds_export
    for name in ("officials", "figures", "appearances"):
        for row in rows(out / f"{name}.csv"):
            assert (row["portal"], row["unit"], row["province"]) == ("kyanh", "huyện Kỳ Anh", "Hà Tĩnh")
            item = next(i for i in items if i["url"] == row["url"])
            assert row["report_title"] == (item["title"] or "") and row["event_date"] == (item["event_date"] or "")
            assert row["published_date"] == item["published_at"][:10]


def test_parquet_schemas_field_by_field(seeds_export, tmp_path):
    _, out = seeds_export
    local, utc, texts = pa.timestamp("ms", tz="+07:00"), pa.timestamp("ms", tz="UTC"), pa.list_(pa.string())
    reports = pq.read_schema(out / "reports.parquet")
    assert [(f.name, f.type) for f in reports] == [
        ("url", pa.string()), ("archive_url", pa.string()), ("portal", pa.string()), ("unit", pa.string()),
        ("province", pa.string()), ("title", pa.string()), ("category", pa.string()), ("published_at", local),
        ("published_date", pa.date32()), ("event_date", pa.date32()), ("year", pa.int16()),
        ("event_part_of_day", pa.string()), ("is_meeting", pa.bool_()), ("meeting_kinds", texts),
        ("author", pa.string()), ("view_count", pa.int64()), ("n_officials", pa.int32()), ("n_figures", pa.int32()),
        ("image_captions", texts), ("revision", pa.int32()), ("content_sha1", pa.string()), ("crawled_at", utc),
        ("extractor", pa.string()), ("body", pa.string())]
    source = [("url", pa.string()), ("portal", pa.string()), ("unit", pa.string()), ("province", pa.string()),
              ("report_title", pa.string()), ("published_at", local), ("published_date", pa.date32()),
              ("event_date", pa.date32()), ("year", pa.int16())]
    assert [(f.name, f.type) for f in pq.read_schema(out / "figures.parquet")] == [*source,
        ("text", pa.string()), ("kind", pa.string()), ("value", pa.float64()), ("denominator", pa.float64()),
        ("unit_of_measure", pa.string()), ("qualifier", pa.string()), ("measure", pa.string()),
        ("compared_to", pa.string()), ("period", pa.string()), ("indicator", pa.string()), ("sentence", pa.string())]
    assert [(f.name, f.type) for f in pq.read_schema(out / "officials.parquet")] == [*source,
        ("person_id", pa.string()), ("name", pa.string()), ("titles", texts), ("roles", texts)]
    assert [(f.name, f.type) for f in pq.read_schema(out / "indicators.parquet")] == [
        ("unit", pa.string()), ("province", pa.string()), ("portal", pa.string()), ("period", pa.string()),
        ("indicator", pa.string()), ("indicator_name", pa.string()), ("value", pa.float64()),
        ("unit_of_measure", pa.string()), ("kind", pa.string()), ("basis", pa.string()), ("qualifier", pa.string()),
        ("measure", pa.string()), ("text", pa.string()), ("url", pa.string()), ("published_date", pa.date32()),
        ("event_date", pa.date32()), ("year", pa.int16()), ("indicators_version", pa.string())]
    posts = pa.list_(pa.struct([("title", pa.string()), ("first_seen", pa.date32()), ("last_seen", pa.date32())]))
    assert [(f.name, f.type) for f in pq.read_schema(out / "people.parquet")] == [
        ("person_id", pa.string()), ("name", pa.string()), ("province", pa.string()), ("posts", posts),
        ("first_seen", pa.date32()), ("last_seen", pa.date32()), ("n_reports", pa.int32()), ("roles", texts),
        ("units", texts)]
    assert [(f.name, f.type) for f in pq.read_schema(out / "appearances.parquet")] == [
        ("person_id", pa.string()), *source, ("name", pa.string()), ("titles", texts), ("roles", texts)]
    # An export with nothing in it has the very same schemas (no column typed null).
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    assert govnews("export", empty, "-o", tmp_path / "t").returncode == 0
    for name in TABLES:
        table = pq.read_table(tmp_path / "t" / f"{name}.parquet")
        assert table.num_rows == 0 and table.schema.equals(pq.read_schema(out / f"{name}.parquet"))
        assert table.schema.equals(SCHEMAS[name])


def test_pandas_and_duckdb_read_typed_dates(seeds_export):
    pd = pytest.importorskip("pandas")
    duckdb = pytest.importorskip("duckdb")
    _, out = seeds_export
    for name in TABLES:
        frame = pd.read_parquet(out / f"{name}.parquet")
        for column in ("published_at", "crawled_at"):
            if column in frame:
                assert isinstance(frame[column].dtype, pd.DatetimeTZDtype), (name, column)
        relation = duckdb.sql(f"SELECT * FROM read_parquet('{out / name}.parquet')")
        types = dict(zip(relation.columns, map(str, relation.types)))
        for column in ("published_date", "event_date", "first_seen"):
            if column in types:
                assert types[column] == "DATE", (name, column)
        if "published_at" in types:
            assert types["published_at"] == "TIMESTAMP WITH TIME ZONE"
    reports = pd.read_parquet(out / "reports.parquet")
    assert reports["published_at"].isna().sum() == 1  # the day-only page: no invented time, its day kept
    assert reports["published_date"].notna().all()
    assert all(type(day) is dt.date for day in reports["published_date"])  # days, not strings
    assert pd.to_datetime(reports["published_date"]).dt.year.eq(2020).all()  # no mixed-format failure
    assert duckdb.sql(f"SELECT count(*) FROM read_csv('{out}/reports.csv') WHERE published_date >= DATE '2020-01-01'"
                      ).fetchall()[0][0] == 5


def test_bom_and_partitioned_parquet(seeds_export, tmp_path):
    _, out = seeds_export
    done = govnews("export", out.parent / "data", "-o", tmp_path / "p", "--bom", "--partition")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "p" / "reports.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert (tmp_path / "p" / "reports" / "province=Hà Tĩnh" / "year=2020").is_dir()
    import pyarrow.dataset as ds
    table = ds.dataset(tmp_path / "p" / "figures", format="parquet", partitioning="hive").to_table()
    assert set(table.column("province").to_pylist()) == {"Hà Tĩnh"}
    assert table.num_rows == pq.read_table(out / "figures.parquet").num_rows


def test_export_filters_and_latest_revision(tmp_path):
    base = {"officials": [], "figures": [], "meeting_kinds": [], "image_captions": []}
    lines = [
        {**base, "url": "u1", "portal": "kyanh", "published_at": "2020-07-29T07:50:00+07:00", "revision": 1, "title": "old"},
        {**base, "url": "u1", "portal": "kyanh", "published_at": "2020-07-29T07:50:00+07:00", "revision": 2, "title": "new"},
        {**base, "url": "u2", "portal": "kyanh", "published_at": "2019-01-02", "revision": 1, "title": "early"},
        {**base, "url": "u3", "portal": "doluong", "published_at": "2020-08-01", "revision": 1, "title": "other"},
    ]
    source = tmp_path / "x.jsonl"
    source.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines), encoding="utf-8")
    done = govnews("export", source, "-o", tmp_path / "t", "--since", "2020-01-01", "--portal", "kyanh", "--no-parquet")
    assert done.returncode == 0, done.stderr
    assert [(r["url"], r["title"], r["revision"]) for r in rows(tmp_path / "t" / "reports.csv")] == [("u1", "new", "2")]
    assert not (tmp_path / "t" / "reports.parquet").exists()


def test_export_bad_input_is_reported(tmp_path):
    done = govnews("export", tmp_path / "missing")
    assert done.returncode == 2 and "no such file or folder" in done.stderr
    bad_date = govnews("export", tmp_path, "--since", "July")
    assert bad_date.returncode == 2 and "expected a date as YYYY-MM-DD" in bad_date.stderr


def test_scrapy_csv_feed_writes_nested_fields_as_json(tmp_path):
    out = tmp_path / "demo.csv"
    with SiteServer(SITE) as server:
        command = [sys.executable, "-m", "scrapy", "crawl", "demo", "-a", f"base_url={server.url}", "-O", str(out)]
        for name, value in FAST.items():
            command += ["-s", f"{name}={value}"]
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    feed = rows(out)
    assert feed and all(isinstance(json.loads(r["officials"]), list) for r in feed)
    assert any(json.loads(r["figures"]) for r in feed)
    captions = [c for r in feed for c in json.loads(r["image_captions"])]
    assert captions and all(isinstance(c, str) for c in captions)
    assert {r["is_meeting"] for r in feed} <= {"True", "False"}
    assert dt.date.fromisoformat(feed[0]["event_date"] or "2020-01-01")
