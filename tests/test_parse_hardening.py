"""`govnews parse` reads regular files only and reports every input and output problem in
one line; connection errors back off like HTTP errors."""

import json
import os
import subprocess
import sys

from tests.crawling import FIXTURES, ROOT, run_scrapy

ARTICLE = (FIXTURES / "hatinh_district" / "article-a.html").read_bytes()


def test_connection_errors_back_off(tmp_path):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    done = run_scrapy("kyanh", tmp_path, {"base_url": f"http://127.0.0.1:{port}"},
                      {"RETRY_TIMES": "2", "RETRY_BACKOFF_BASE": "1"})
    assert "Gave up retrying <GET http://127.0.0.1:" in done.log and "1.html> (failed 3 times)" in done.log
    assert done.stats["elapsed_time_seconds"] >= 3.0  # 1 s then 2 s of backoff (was about 0 s)


def parse(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "govnews_crawler.cli", "parse", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout)


def test_parse_reads_regular_files_only(tmp_path):
    good = tmp_path / "a.html"
    good.write_bytes(ARTICLE.replace(b"</p>", b"\x00\x00</p>", 1))
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    big = tmp_path / "big.txt"
    with open(big, "wb") as f:
        f.truncate(50 * 1024 * 1024)
    done = parse(str(fifo), "/dev/zero", str(tmp_path), str(big), str(good), timeout=30)
    errors = done.stderr.strip().splitlines()
    assert len(errors) == 4, done.stderr
    assert errors[0] == f"govnews parse: {fifo}: not a regular file (a FIFO, device or socket is never read)"
    assert errors[1].startswith("govnews parse: /dev/zero: not a regular file")
    assert errors[2] == f"govnews parse: {tmp_path}: is a directory, not a file"
    assert errors[3].startswith(f"govnews parse: {big}: 52428800 bytes, over the limit")
    items = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(items) == 1 and "\x00" not in json.dumps(items[0], ensure_ascii=False)
    assert done.returncode == 1


def test_parse_output_problems_are_one_line(tmp_path):
    good = tmp_path / "a.html"
    good.write_bytes(ARTICLE)
    done = parse(str(good), "-o", str(tmp_path))
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [f"govnews parse: -o {tmp_path}: Is a directory"]


def test_parse_on_a_full_disk_is_one_line(tmp_path):
    good = tmp_path / "a.html"
    good.write_bytes(ARTICLE)
    done = parse(str(good), "-o", "/dev/full")
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == ["govnews parse: cannot write /dev/full: No space left on device"]
