"""One Redis worker against two on a generated portal behind a slow server.

Usage: python benchmarks/distributed_speed.py [--articles 5000] [--latency 0.05]

Needs redis-server on the PATH. Starts Redis (with a password) on a free loopback port,
generates the sample portal, serves it with --latency seconds per answer, crawls it once
with one worker and once with two (``govnews seed --fresh`` before each), and prints
pages per second and the ratio.
"""

import argparse
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from govnews_crawler.devtools.loopback import SiteServer  # noqa: E402
from govnews_crawler.devtools.sample_site import generate  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_workers(count: int, url: str, base: str, work: Path) -> float:
    """One crawl by ``count`` workers, on Redis database ``count`` (its own queue and store)."""
    url = f"{url}/{count}"
    subprocess.run([sys.executable, "-m", "govnews_crawler.cli", "seed", "demo", "--fresh", "--base-url", base,
                    "-s", f"REDIS_URL={url}"], check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
    start = time.perf_counter()
    workers = [subprocess.Popen([sys.executable, "-m", "scrapy", "crawl", "demo", "-a", f"base_url={base}",
                                 "-O", str(work / f"w{count}-{n}.jsonl"), "-s", f"REDIS_URL={url}",
                                 "-s", f"GOVNEWS_STATE_DIR={work / f'state-{count}'}",
                                 "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "DOWNLOAD_DELAY=0", "-s", "LOG_LEVEL=WARNING"],
                                cwd=ROOT, stderr=subprocess.DEVNULL) for n in range(count)]
    for worker in workers:
        worker.wait()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--latency", type=float, default=0.05)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="govnews-dist-"))
    generate(work / "site", args.articles)
    pages = args.articles + (args.articles + 19) // 20
    port = free_port()
    password = secrets.token_hex(16)
    redis = subprocess.Popen([shutil.which("redis-server"), "--port", str(port), "--bind", "127.0.0.1",
                              "--requirepass", password, "--save", "", "--appendonly", "no", "--dir", str(work)],
                             stdout=subprocess.DEVNULL)
    time.sleep(0.5)
    url = f"redis://:{password}@127.0.0.1:{port}"
    try:
        with SiteServer(work / "site", delay=args.latency) as server:
            one = run_workers(1, url, server.url, work)
            two = run_workers(2, url, server.url, work)
    finally:
        redis.terminate()
    print(f"sample portal: {args.articles} articles, {pages} pages, {args.latency * 1000:.0f} ms a page")
    print(f"one worker:  {pages / one:7.1f} pages/s ({one:.1f} s)")
    print(f"two workers: {pages / two:7.1f} pages/s ({two:.1f} s)")
    print(f"ratio:       two workers crawl {one / two:.2f}x as fast as one")


if __name__ == "__main__":
    main()
