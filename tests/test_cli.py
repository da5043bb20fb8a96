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
        f"govnews parse: {latin}: cannot decode as utf-8-sig",
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
