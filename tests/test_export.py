"""`govnews export`: JSON lines into analyst tables, and back without loss."""

import csv
import json
import subprocess
import sys

import pyarrow.parquet as pq

from .conftest import SEEDS


def govnews(*args):
    return subprocess.run([sys.executable, "-m", "govnews_crawler.cli", *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8")


def rows(path):
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def number(text):
    return float(text) if "." in text else int(text)


def test_export_round_trips_every_official_and_figure(tmp_path):
    jsonl = tmp_path / "data" / "seeds" / "run.jsonl"
    jsonl.parent.mkdir(parents=True)
    assert govnews("parse", *sorted(SEEDS.glob("*.txt")), "-o", jsonl).returncode == 0
    items = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    done = govnews("export", tmp_path / "data", "-o", tmp_path / "tables")
    assert done.returncode == 0, done.stderr
    out = tmp_path / "tables"
    assert len(rows(out / "reports.csv")) == 5
    officials = {(r["url"], r["name"]): (r["titles"].split("; "), r["roles"].split("; ")) for r in rows(out / "officials.csv")}
    assert officials == {(i["url"], o["name"]): (o["titles"], o["roles"]) for i in items for o in i["officials"]}
    figures = [(r["url"], r["text"], r["kind"], number(r["value"]), int(r["denominator"]) if r["denominator"] else None,
                r["unit"], r["qualifier"] or None, r["measure"] or None, r["compared_to"] or None, r["sentence"])
               for r in rows(out / "figures.csv")]
    assert figures == [(i["url"], f["text"], f["kind"], f["value"], f.get("denominator"), f["unit"], f["qualifier"],
                        f["measure"], f["compared_to"], f["sentence"]) for i in items for f in i["figures"]]
    assert pq.read_table(out / "figures.parquet").num_rows == len(figures)
    assert "Hội nghị" in (out / "reports.csv").read_text(encoding="utf-8-sig")


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
