"""`govnews parse` as a user runs it: a subprocess, files in, JSON lines out."""

import json
import subprocess
import sys

from .conftest import SEEDS

SEED = SEEDS / "003_98acb9349af64188.txt"


def govnews(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "govnews_crawler.cli", *map(str, args)],
        capture_output=True, text=True, encoding="utf-8", cwd=cwd,
    )


def test_parse_prints_one_utf8_line_per_file():
    done = govnews("parse", *sorted(SEEDS.glob("*.txt")))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 5
    assert "\\u" not in done.stdout and "Hội nghị" in done.stdout
    item = json.loads(lines[3])
    assert item["url"] == SEED.resolve().as_uri()
    assert list(item)[:3] == ["url", "archive_url", "portal"]


def test_parse_writes_a_file(tmp_path):
    out = tmp_path / "items.jsonl"
    done = govnews("parse", SEED, "-o", out)
    assert done.returncode == 0 and done.stdout == ""
    item = json.loads(out.read_text(encoding="utf-8"))
    assert item["published_at"] == "2020-07-29T07:50:00+07:00"


def test_bad_files_are_named_and_the_rest_still_parsed(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Hội nghị".encode("utf-16-le"))
    missing = tmp_path / "missing.txt"
    done = govnews("parse", missing, SEED, empty, latin)
    assert done.returncode == 1
    errors = done.stderr.strip().splitlines()
    assert errors == [
        f"govnews parse: {missing}: no such file",
        f"govnews parse: {empty}: empty file",
        f"govnews parse: {latin}: not a text or web page (binary)",
    ]
    assert len(done.stdout.splitlines()) == 1


def test_a_file_with_no_article_text_is_dropped_and_reported(tmp_path):
    furniture = tmp_path / "footer.txt"
    furniture.write_text("Thống kê: 345.988\nOnline: 36\n", encoding="utf-8")
    done = govnews("parse", furniture)
    assert done.returncode == 1
    assert f"{furniture}: dropped" in done.stderr
    assert "no body" in done.stderr
    assert done.stdout == ""


def test_parse_with_portal_uses_its_template(tmp_path):
    from .crawling import FIXTURES

    page = FIXTURES / "tandan" / "article-a.html"
    done = govnews("parse", page, "--portal", "hoanghoa")
    assert done.returncode == 0, done.stderr
    item = json.loads(done.stdout)
    assert item["extractor"] == "tandan" and item["portal"] == "hoanghoa"
    assert (item["unit"], item["province"]) == ("huyện Hoằng Hóa", "Thanh Hóa")
    assert item["published_at"] == "2023-11-05"


def test_parse_recognises_the_platform_without_portal():
    from .crawling import FIXTURES

    pages = [FIXTURES / name / "article-a.html" for name in ("wordpress", "nukeviet", "liferay", "webcenter")]
    done = govnews("parse", *pages)
    assert done.returncode == 0, done.stderr
    extractors = [json.loads(line)["extractor"] for line in done.stdout.splitlines()]
    assert extractors == ["wordpress", "nukeviet", "liferay", "webcenter"]


def test_parse_unknown_portal_is_a_usage_error():
    done = govnews("parse", SEED, "--portal", "atlantis")
    assert done.returncode == 2 and "unknown portal 'atlantis'" in done.stderr


def test_portals_table_lists_every_registry_entry():
    from govnews_crawler.registry import load_portals

    done = govnews("portals")
    rows = [line for line in done.stdout.splitlines() if line.startswith("| `")]
    assert len(rows) == len(load_portals()) >= 25
    assert any("`kyanh` | huyện Kỳ Anh | Hà Tĩnh | hatinh_district" in row for row in rows)


def test_demo_crawls_both_sample_portals_and_exports_every_table(tmp_path):
    import pyarrow.parquet as pq

    out = tmp_path / "output" / "demo.jsonl"
    done = govnews("demo", "-o", out, cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    items = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {i["portal"] for i in items} == {"demo", "mauson"}
    assert len({i["url"] for i in items}) == len(items) >= 12
    closed = [i for i in items if i["portal"] == "mauson"]
    assert closed and all(i["archive_url"].startswith("http://127.0.0.1") for i in closed)
    meetings = [i for i in items if i["is_meeting"] and i["officials"] and i["figures"]]
    assert len(meetings) >= 8
    assert {"council_session", "voter_contact"} <= {k for i in items for k in i["meeting_kinds"]}
    assert any(not i["is_meeting"] for i in items)
    tables = tmp_path / "output" / "tables"
    indicators = pq.read_table(tables / "indicators.parquet").to_pylist()
    assert len(indicators) >= 20 and len({r["period"] for r in indicators if r["period"]}) >= 2
    assert pq.read_table(tables / "people.parquet").num_rows >= 2
    namesakes = [p for p in pq.read_table(tables / "people.parquet").to_pylist() if p["name"] == "Nguyễn Văn An"]
    assert sorted(p["province"] for p in namesakes) == ["Hà Tĩnh", "Nghệ An"]  # one per province, merged across reports
    assert all(p["n_reports"] >= 3 for p in namesakes)
    chart = tmp_path / "output" / "chart.png"
    assert chart.read_bytes().startswith(b"\x89PNG")
    for path in (out, chart, tables / "indicators.csv", tables / "people.parquet", tables / "appearances.csv"):
        assert f"  {path}" in done.stdout
    summary = done.stdout.strip().splitlines()[-1]
    assert summary.startswith(f"{out}: articles {len(items)}, meetings ") and summary.endswith("errors 0")
