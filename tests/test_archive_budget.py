"""The archive's rate limits kept for the whole client: several closed portals at
once, and two Redis workers, against a fake archive that answers 429 and counts a
violation whenever a rolling-window limit is exceeded (limits scaled to 2 s windows)."""

import json
import subprocess
import sys

from govnews_crawler.devtools.fake_archive import FakeArchive, FakeCapture

from .crawling import FIXTURES, ROOT, assert_no_deprecations
from .test_distributed import redis_url  # noqa: F401  (the fixture)

PORTALS = {"kyanh": "kyanh.hatinh.gov.vn", "huongson": "huongson.hatinh.gov.vn",
           "vuquang": "vuquang.hatinh.gov.vn", "camxuyen": "camxuyen.hatinh.gov.vn"}
COPIES = 3  # each fixture article under several addresses, for sustained traffic
WINDOW = 2.0
ARCHIVE_LIMITS = {"cdx": 3, "capture": 10}  # per WINDOW: the (scaled) archive's limits
BUDGET = ["-s", f"WAYBACK_WINDOW={WINDOW}", "-s", "WAYBACK_CDX_PER_WINDOW=2", "-s", "WAYBACK_CAPTURES_PER_WINDOW=8",
          "-s", "AUTOTHROTTLE_ENABLED=0"]


def portal_captures(host: str) -> tuple[list[FakeCapture], list[str]]:
    folder = FIXTURES / "hatinh_district"
    routes = json.loads((folder / "routes.json").read_text())
    expected = json.loads((folder / "expected.json").read_text())
    captures, articles = [], []
    for n, path in enumerate(expected["newest_first"]):
        for copy in range(COPIES):
            original = f"https://{host}{path.removesuffix('.html')}-{copy}.html"
            captures.append(FakeCapture(f"2020080{n}00000{copy}", original, folder / routes[path], digest=f"{n}{copy}"))
            articles.append(original)
    captures.append(FakeCapture("20200806000000", f"https://{host}/static/a.jpg", body=b"\xff\xd8", mimetype="image/jpeg"))
    return captures, articles


def fake_archive(portals, **options):
    captures, articles = [], []
    for host in portals.values():
        more, urls = portal_captures(host)
        captures += more
        articles += urls
    return FakeArchive(captures, limits=ARCHIVE_LIMITS, window=WINDOW, **options), articles


def govnews(*args):
    done = subprocess.run([sys.executable, "-m", "govnews_crawler.cli", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert_no_deprecations(done.stderr)
    return done


def exported(data):
    return [json.loads(line) for f in sorted(data.rglob("*.jsonl")) for line in f.read_text().splitlines() if line.strip()]


def test_four_closed_portals_at_once_keep_within_the_limits(tmp_path):
    archive, articles = fake_archive(PORTALS)
    with archive:
        done = govnews("crawl", *PORTALS, "--concurrency", "4", "--data-dir", tmp_path / "data",
                       "--state-dir", tmp_path / "state", "-s", f"WAYBACK_ENDPOINT={archive.url}", *BUDGET)
    assert done.returncode == 0, done.stderr[-3000:]
    assert archive.violations == []
    urls = [item["url"] for item in exported(tmp_path / "data")]
    assert sorted(urls) == sorted(articles)  # every article capture an item, none twice
    assert not any("a.jpg" in target for target in archive.requests)  # the CDX filter kept the image out


def test_a_429_pauses_every_spider_of_the_run(tmp_path):
    two = dict(list(PORTALS.items())[:2])
    archive, articles = fake_archive(two)
    refused = next(c for c in archive.captures if c.original == articles[1])
    refused.answers = [{"status": 429, "headers": {"Retry-After": "5"}, "body": b"Too Many Requests"}, {}]
    with archive:
        done = govnews("crawl", *two, "--concurrency", "2", "--data-dir", tmp_path / "data",
                       "--state-dir", tmp_path / "state", "-s", f"WAYBACK_ENDPOINT={archive.url}", *BUDGET)
    assert done.returncode == 0, done.stderr[-3000:]
    assert sorted(item["url"] for item in exported(tmp_path / "data")) == sorted(articles)
    refusal = next(moment for moment, target in archive.times if target.endswith(articles[1]))
    after = [moment - refusal for moment, _ in archive.times if moment > refusal]
    assert after and min(after) >= 4.8, after[:3]  # no request of either spider for Retry-After seconds
    assert archive.violations == []


def test_two_redis_workers_share_one_budget(redis_url, tmp_path):  # noqa: F811
    archive, articles = fake_archive(PORTALS)
    with archive:
        workers = [subprocess.Popen([sys.executable, "-m", "govnews_crawler.cli", "crawl", *PORTALS, "--concurrency", "4",
                                     "--data-dir", str(tmp_path / f"data{n}"), "--state-dir", str(tmp_path / f"state{n}"),
                                     "-s", f"REDIS_URL={redis_url}", "-s", f"WAYBACK_ENDPOINT={archive.url}", *BUDGET,
                                     # 6 of 10: the two together would send 12 a window if each kept its own budget
                                     "-s", "WAYBACK_CAPTURES_PER_WINDOW=6",
                                     # a worker whose CDX pages the other took lists no article: see the report
                                     "-s", "GOVNEWS_CHECKS_ENABLED=0"],
                                    cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for n in (1, 2)]
        outcomes = [worker.communicate(timeout=300) for worker in workers]
    for worker, (_, stderr) in zip(workers, outcomes):
        assert worker.returncode == 0, stderr[-3000:]
        assert_no_deprecations(stderr)
    assert archive.violations == []
    urls = [item["url"] for n in (1, 2) for item in exported(tmp_path / f"data{n}")]
    assert sorted(urls) == sorted(articles)  # each article from one worker only


def test_plan_lists_captures_article_pages_and_hours_and_caches_the_listing(tmp_path):
    two = dict(list(PORTALS.items())[:2])
    archive, articles = fake_archive(two)
    with archive:
        args = ["plan", *two, "--state-dir", tmp_path / "state", "--machines", "2", "-s", f"WAYBACK_ENDPOINT={archive.url}"]
        first = govnews(*args)
        calls = len(archive.requests)
        second = govnews(*args)
        assert len(archive.requests) == calls == 2  # one CDX call a portal, then the cache
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout
    rows = {line.split()[0]: line.split()[-4:] for line in first.stdout.splitlines()[2:]}
    per_portal = len(articles) // 2
    for name in two:  # the image is filtered out by the archive; every capture is an article page here
        assert rows[name][:3] == [str(per_portal), str(per_portal), "1"]
    hours = (1 / 24 + per_portal / 480) / 60
    assert rows["kyanh"][3] == f"{hours:.2f}"
    assert f"on one machine, {2 * hours:.2f} h on 2" in first.stdout
