"""Crawl speed and memory of the whole project against a bare Scrapy spider.

Usage: python benchmarks/crawl_speed.py [--articles 5000]

Generates a sample portal of --articles articles (govnews_crawler.devtools.sample_site),
serves it on loopback, then measures in this one run:
- the full project (`govnews crawl demo`: spider, pipelines, state, feed export):
  pages per second, CPU seconds (user + system of the crawl process) and peak
  memory (max RSS of the crawl process);
- a bare spider fetching the same pages and yielding only the raw HTML, likewise;
- the request count of a second, incremental run of the project;
- the store's share of the full crawl: the crawl's items written again into a fresh
  store of record (one transaction each, as the revision pipeline does) and published
  from it, timed in this process, over the full crawl's time.
Prints each figure and the ratios; the CPU ratio is the one to read on a shared
machine (wall time there counts the other processes' turns too).
"""

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from govnews_crawler.devtools.loopback import SiteServer  # noqa: E402
from govnews_crawler.devtools.sample_site import generate  # noqa: E402
from govnews_crawler.runs.publish import publish  # noqa: E402
from govnews_crawler.state.sqlite import StateStore  # noqa: E402

FAST = ["-s", "AUTOTHROTTLE_ENABLED=0", "-s", "DOWNLOAD_DELAY=0", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=16",
        "-s", "LOG_LEVEL=WARNING"]


def timed(command, cwd) -> tuple[float, float, float]:
    """Seconds, CPU seconds (user + system) and the peak RSS (MiB) of a child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return seconds, cpu, max(after.ru_maxrss, before.ru_maxrss) / 1024


def store_seconds(items: list[str], work: Path) -> float:
    """Seconds to store the items (one transaction each) and publish them from the store."""
    store = StateStore(work / "bench-store" / "state.sqlite")
    start = time.perf_counter()
    for line in items:
        item = json.loads(line)
        store.put(item["url"], item["portal"], item["content_sha1"], item["revision"], "bench", line)
    publish(store, work / "bench-data", "demo", "bench")
    seconds = time.perf_counter() - start
    store.close()
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="govnews-bench-"))
    generate(work / "site", args.articles)
    pages = args.articles + (args.articles + 19) // 20
    with SiteServer(work / "site") as server:
        bare = [sys.executable, "-m", "scrapy", "runspider", str(ROOT / "benchmarks" / "bare_spider.py"),
                "-a", f"base_url={server.url}", "-O", str(work / "bare.jsonl"), *FAST]
        bare_s, bare_cpu, bare_mem = timed(bare, cwd=work)
        run = [sys.executable, "-m", "govnews_crawler.cli", "crawl", "demo", "--base-url", server.url,
               "--data-dir", str(work / "data"), "--state-dir", str(work / "state"), *FAST]
        full_s, full_cpu, full_mem = timed(run, cwd=ROOT)
        server.hits.clear()
        timed(run, cwd=ROOT)
        second_requests = sum(server.hits.values())
    manifest = json.loads(sorted((work / "data" / "runs").glob("*.json"))[0].read_text())
    items = manifest["portals"]["demo"]["items"]
    lines = Path(manifest["portals"]["demo"]["file"]).read_text(encoding="utf-8").splitlines()
    store_s = store_seconds(lines, work)
    print(f"sample portal: {args.articles} articles, {pages} pages")
    print(f"bare spider:  {pages / bare_s:8.1f} pages/s  CPU {bare_cpu:6.1f} s  peak {bare_mem:6.0f} MiB  ({bare_s:.1f} s)")
    print(f"full project: {pages / full_s:8.1f} pages/s  CPU {full_cpu:6.1f} s  peak {full_mem:6.0f} MiB  "
          f"({full_s:.1f} s, {items} items)")
    print(f"ratio:        the full project takes {full_cpu / bare_cpu:.2f}x the bare spider's CPU time "
          f"(runs at {bare_s / full_s:.2f}x its speed), with {full_mem / bare_mem:.2f}x its peak memory")
    print(f"store of record: {store_s:.2f} s to store {len(lines)} items and publish them, "
          f"{store_s / full_s:.1%} of the full crawl's {full_s:.1f} s")
    print(f"second, incremental run: {second_requests} requests (listing pages and robots.txt only)")


if __name__ == "__main__":
    main()
