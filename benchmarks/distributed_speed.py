"""One Redis worker against two on a generated portal behind a slow server, storing into PostgreSQL.

Usage: python benchmarks/distributed_speed.py [--articles 5000] [--latency 0.05] [--repeat 1] [--timeline]

Needs redis-server on the PATH and PostgreSQL (Debian's package). Starts Redis (with a
password) on a free loopback port and a throwaway PostgreSQL (a new database, the store
of record both workers share, for each run), generates the sample portal, serves it
with --latency seconds per answer, crawls it once with one worker and once with two
(``govnews seed --fresh`` before each), and prints pages per second of each run, the
ratio, the workers' CPU time and the machine's load (the load average, and the CPU
busy share of the whole machine during the run). On a machine shared with other work,
``--repeat N`` alternates N runs of each and compares the fastest of each. With
``--timeline``, each second of each run: the queue's length and the articles each
worker exported in that second.
"""

import argparse
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from govnews_crawler.devtools.loopback import SiteServer  # noqa: E402
from govnews_crawler.devtools.postgres import PostgresServer  # noqa: E402
from govnews_crawler.devtools.sample_site import generate  # noqa: E402


@dataclass
class Run:
    workers: int
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # user + system time of the workers
    machine_busy: float = 0.0  # share of all cores busy (every process) during the run
    load: tuple[float, float, float] = (0.0, 0.0, 0.0)  # the 1, 5, 15 minute load averages at the end
    timeline: list[tuple[int, list[int]]] = field(default_factory=list)  # (queue length, articles per worker) a second


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_times() -> tuple[float, float]:
    """(busy, total) jiffies of all cores since boot, from /proc/stat."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]
    return sum(values) - idle, sum(values)


def lines(path: Path) -> int:
    for candidate in (path.with_name(path.name + ".part"), path):
        if candidate.exists():
            return candidate.read_bytes().count(b"\n")
    return 0


def watch(run: Run, client, queue: str, outs: list[Path], stop: threading.Event) -> None:
    """Each second: the queue's length and what each worker exported since the last second."""
    before = [0] * len(outs)
    while not stop.wait(1.0):
        now = [lines(out) for out in outs]
        run.timeline.append((client.zcard(queue), [a - b for a, b in zip(now, before)]))
        before = now


def run_workers(count: int, url: str, base: str, work: Path, database: str) -> Run:
    """One crawl by ``count`` workers, on Redis database ``count``, into a new PostgreSQL store."""
    import redis

    work = Path(tempfile.mkdtemp(dir=work))
    url = f"{url}/{count}"
    subprocess.run([sys.executable, "-m", "govnews_crawler.cli", "seed", "demo", "--fresh", "--base-url", base,
                    "-s", f"REDIS_URL={url}"], check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
    run, stop = Run(count), threading.Event()
    outs = [work / f"w{count}-{n}.jsonl" for n in range(count)]
    watcher = threading.Thread(target=watch, args=(run, redis.Redis.from_url(url), "demo:requests", outs, stop))
    busy, total = cpu_times()
    start = time.perf_counter()
    watcher.start()
    workers = [subprocess.Popen([sys.executable, "-m", "scrapy", "crawl", "demo", "-a", f"base_url={base}",
                                 "-O", str(out), "-s", f"REDIS_URL={url}",
                                 "-s", f"GOVNEWS_DATABASE_URL={database}",
                                 "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "DOWNLOAD_DELAY=0", "-s", "LOG_LEVEL=WARNING",
                                 "-s", f"LOG_FILE={out.with_suffix('.log')}"], cwd=ROOT) for out in outs]
    for worker in workers:
        _, status, usage = os.wait4(worker.pid, 0)
        worker.returncode = os.waitstatus_to_exitcode(status)
        run.cpu_seconds += usage.ru_utime + usage.ru_stime
    run.seconds = time.perf_counter() - start
    stop.set()
    watcher.join()
    busy_after, total_after = cpu_times()
    run.machine_busy = (busy_after - busy) / max(1, total_after - total)
    run.load = os.getloadavg()
    for worker, out in zip(workers, outs):
        if worker.returncode:
            raise SystemExit(f"a worker failed (exit {worker.returncode}):\n"
                             + out.with_suffix(".log").read_text(encoding="utf-8")[-3000:])
    return run


def report(run: Run, pages: int, timeline: bool) -> None:
    name = "one worker: " if run.workers == 1 else "two workers:"
    print(f"{name} {pages / run.seconds:7.1f} pages/s ({run.seconds:.1f} s; workers' CPU {run.cpu_seconds:.1f} s; "
          f"machine {run.machine_busy:.0%} busy; load {run.load[0]:.2f} {run.load[1]:.2f} {run.load[2]:.2f})")
    if timeline:
        for second, (queued, done) in enumerate(run.timeline, 1):
            print(f"  {second:4d} s  queue {queued:5d}  exported {' '.join(f'{n:4d}' for n in done)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--repeat", type=int, default=1, help="runs of each, alternated; the fastest of each count")
    parser.add_argument("--timeline", action="store_true", help="print each second's queue and exports")
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
    runs: list[Run] = []
    try:
        with SiteServer(work / "site", delay=args.latency) as server, PostgresServer() as pg:
            for n in range(args.repeat):
                runs += [run_workers(1, url, server.url, work, pg.database(f"one{n}")),
                         run_workers(2, url, server.url, work, pg.database(f"two{n}"))]
    finally:
        redis.terminate()
        redis.wait()
        shutil.rmtree(work, ignore_errors=True)
    print(f"sample portal: {args.articles} articles, {pages} pages, {args.latency * 1000:.0f} ms a page; "
          f"{os.cpu_count()} cores")
    for run in runs:
        report(run, pages, args.timeline)
    one = min(run.seconds for run in runs if run.workers == 1)
    two = min(run.seconds for run in runs if run.workers == 2)
    best = f" (the fastest of {args.repeat} runs each)" if args.repeat > 1 else ""
    print(f"ratio:        two workers crawl {one / two:.2f}x as fast as one{best}")


if __name__ == "__main__":
    main()
