"""Twenty archive portals at once from a fake archive that enforces the rate limits.

Usage: python benchmarks/archive_throughput.py [--portals 20] [--copies 10] [--window 10]

Needs redis-server on the PATH. The fake archive enforces the archive's limits scaled
to a --window of seconds instead of a minute (30 CDX calls and 600 captures a minute
become 30*w/60 and 600*w/60), so a run takes about a minute; the crawler's budget is
80 % of those, as by default. Runs `govnews crawl` of every portal in one process,
then two Redis workers sharing one budget, and prints for each: violations (must be
0), and capture fetches per window while captures were being read, as a share of the
budget and of the archive's limit.
"""

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from govnews_crawler.devtools.fake_archive import FakeArchive, FakeCapture  # noqa: E402

FIXTURE = ROOT / "tests" / "fixtures" / "hatinh_district"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def portals_file(work: Path, count: int) -> list[str]:
    names = [f"bench{n:02d}" for n in range(count)]
    (work / "discovered.toml").write_text("".join(
        f'[{name}]\nunit = "huyện Thử {n}"\nprovince = "Tỉnh Thử"\nplatform = "hatinh_district"\n'
        f'base_url = "https://{name}.example.gov.vn"\nlisting_paths = ["/portal/folder/tin-tuc/1.html"]\n\n'
        for n, name in enumerate(names)), encoding="utf-8")
    return names


def captures(names: list[str], copies: int) -> list[FakeCapture]:
    routes = json.loads((FIXTURE / "routes.json").read_text())
    paths = json.loads((FIXTURE / "expected.json").read_text())["newest_first"]
    return [FakeCapture(f"2020080{n}00000{copy}", f"https://{name}.example.gov.vn{path.removesuffix('.html')}-{copy}.html",
                        FIXTURE / routes[path], digest=f"{n}{copy}")
            for name in names for n, path in enumerate(paths) for copy in range(copies)]


def crawl(workers: int, names, archive, work: Path, window: float, redis_url: str) -> None:
    budget = {"cdx": int(30 * window / 60 * 0.8), "capture": int(600 * window / 60 * 0.8)}
    command = [sys.executable, "-m", "govnews_crawler.cli", "crawl", *names, "--concurrency", "20",
               "-s", f"WAYBACK_ENDPOINT={archive.url}", "-s", f"WAYBACK_WINDOW={window}",
               "-s", f"WAYBACK_CDX_PER_WINDOW={budget['cdx']}", "-s", f"WAYBACK_CAPTURES_PER_WINDOW={budget['capture']}",
               "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "LOG_LEVEL=WARNING", "-s", "GOVNEWS_CHECKS_ENABLED=0"]
    if workers > 1:
        command += ["-s", f"REDIS_URL={redis_url}"]
    env = {**os.environ, "GOVNEWS_DISCOVERED": str(work / "discovered.toml")}
    processes = [subprocess.Popen([*command, "--data-dir", str(work / f"data{workers}-{n}"),
                                   "--state-dir", str(work / f"state{workers}-{n}")],
                                  cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                 for n in range(workers)]
    for process in processes:
        process.wait()


def report(label: str, archive: FakeArchive, expected: int, window: float) -> None:
    fetched = [moment for moment, target in archive.times if target.startswith("/web/")]
    span = max(fetched) - min(fetched) if len(fetched) > 1 else float("nan")
    per_window = (len(fetched) - 1) / span * window
    budget, limit = int(600 * window / 60 * 0.8), 600 * window / 60
    print(f"{label:12} violations {len(archive.violations)}, captures read {len(set(fetched))}/{expected}, "
          f"{per_window:.1f} captures per {window:.0f} s = {per_window / budget:.0%} of the budget "
          f"({per_window / limit:.0%} of the archive's limit), {span:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--portals", type=int, default=20)
    parser.add_argument("--copies", type=int, default=10, help="addresses per fixture article (3 articles a portal)")
    parser.add_argument("--window", type=float, default=10.0, help="seconds standing in for the archive's minute")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="govnews-archive-"))
    names = portals_file(work, args.portals)
    limits = {"cdx": int(30 * args.window / 60), "capture": int(600 * args.window / 60)}
    port = free_port()
    redis = subprocess.Popen([shutil.which("redis-server") or "redis-server", "--port", str(port), "--bind", "127.0.0.1",
                              "--save", "", "--appendonly", "no", "--dir", str(work)], stdout=subprocess.DEVNULL)
    time.sleep(0.5)
    print(f"{args.portals} archive portals, {args.portals * 3 * args.copies} article captures; the fake archive's "
          f"limits scaled to {limits['cdx']} CDX calls and {limits['capture']} captures per {args.window:.0f} s "
          f"(30 and 600 a minute); budget 80 % of them")
    try:
        for workers, label in ((1, "one process"), (2, "two workers")):
            with FakeArchive(captures(names, args.copies), limits=limits, window=args.window) as archive:
                crawl(workers, names, archive, work, args.window, f"redis://127.0.0.1:{port}/{workers}")
                report(label, archive, args.portals * 3 * args.copies, args.window)
    finally:
        redis.terminate()
        redis.wait()


if __name__ == "__main__":
    main()
