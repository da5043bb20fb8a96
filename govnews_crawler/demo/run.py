"""``govnews demo``: the whole product offline, from crawl to tables and a chart.

Two sample portals are crawled over loopback in one Scrapy process: ``demo``
(huyện Mẫu, a live portal on the old Hà Tĩnh platform, its saved pages served by
``SiteServer``) and ``mauson`` (huyện Mẫu Sơn, a closed WordPress portal read from a
stand-in Internet Archive, ``FakeArchive``). Their feeds are published as JSON
lines, exported as every table (``govnews export``), and one indicator is drawn
over its periods for the sample district.
"""

import json
import os
import sys
from pathlib import Path

from govnews_crawler.demo.content import MAU_SON, SITE, wordpress_article

ARCHIVED_HOST = "https://mauson.nghean.gov.vn"
CHART_INDICATOR = "budget_revenue"


def _captures():
    from govnews_crawler.devtools.fake_archive import FakeCapture

    return [FakeCapture(f"2022{n:02d}01000000", f"{ARCHIVED_HOST}/{a.slug}/", body=wordpress_article(a).encode(),
                        digest=f"D{n}") for n, a in enumerate(MAU_SON, 1)]


def _crawl(out: Path, site_url: str, archive_url: str) -> dict[str, dict]:
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "govnews_crawler.settings")
    from scrapy.crawler import CrawlerProcess
    from scrapy.utils.project import get_project_settings

    settings = get_project_settings()
    settings.setdict({
        "AUTOTHROTTLE_ENABLED": False,  # our own loopback servers: no need to be gentle
        "DOWNLOAD_DELAY": 0,
        "DOWNLOAD_SLOTS": {"wayback": {"concurrency": 1, "delay": 0}},
        "WAYBACK_ENDPOINT": archive_url,
        "LOG_LEVEL": "WARNING",
        "TELNETCONSOLE_ENABLED": False,
        "REMOTE_CONTROL_ENABLED": False,
    }, priority="cmdline")
    process = CrawlerProcess(settings)
    crawlers = {}
    for portal, args in (("demo", {"base_url": site_url}), ("mauson", {"source": "archive"})):
        crawler = process.create_crawler(portal)
        crawler.settings.set("FEEDS", {str(out / f"{portal}.jsonl"): {"format": "jsonlines", "encoding": "utf-8",
                                                                       "overwrite": True}}, priority="spider")
        process.crawl(crawler, **args)
        crawlers[portal] = crawler
    process.start()
    return {portal: crawler.stats.get_stats() for portal, crawler in crawlers.items()}


def draw_chart(rows: list[dict], path: Path, unit: str) -> Path | None:
    """``CHART_INDICATOR`` over its periods for ``unit`` (money in billion đồng); None without matplotlib."""
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return None
    from govnews_crawler.extraction.period import period_order

    points = sorted({(r["period"], r["value"]) for r in rows if r["unit"] == unit and r["indicator"] == CHART_INDICATOR
                     and r["period"] and r["unit_of_measure"] == "VND"}, key=lambda p: period_order(p[0]))
    figure, axes = plt.subplots(figsize=(8, 4))
    axes.bar([p for p, _ in points], [v / 1e9 for _, v in points], color="#2b6cb0")
    axes.set_title(f"Thu ngân sách trên địa bàn, {unit} (tỷ đồng)")
    axes.set_xlabel("kỳ báo cáo")
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    plt.close(figure)
    return path


def run_demo(output: Path) -> int:
    """Crawl both sample portals into ``output``'s folder, export the tables, draw the chart."""
    from govnews_crawler.devtools.fake_archive import FakeArchive
    from govnews_crawler.devtools.loopback import SiteServer
    from govnews_crawler.export.reading import latest_revisions, read_items
    from govnews_crawler.export.rows import tables
    from govnews_crawler.export.writers import write_tables

    folder = output.parent
    data = folder / "demo-data"
    data.mkdir(parents=True, exist_ok=True)
    with SiteServer(SITE) as site, FakeArchive(_captures()) as archive:
        print(f"serving the sample portal at {site.url} and a stand-in archive at {archive.url}", file=sys.stderr)
        stats = _crawl(data, site.url, archive.url)
    feeds = [data / f"{portal}.jsonl" for portal in stats]
    items = latest_revisions(read_items([f for f in feeds if f.exists()]))
    with output.open("w", encoding="utf-8") as f:  # the published feed: both portals' articles
        f.writelines(json.dumps(item, ensure_ascii=False) + "\n" for item in items)
    rows = tables(items)
    written = write_tables(rows, folder / "tables")
    chart = draw_chart(rows["indicators"], folder / "chart.png", "huyện Mẫu")
    meetings = [i for i in items if i.get("is_meeting")]
    errors = sum(s.get("log_count/ERROR", 0) for s in stats.values())
    for portal, portal_stats in stats.items():
        print(f"{portal}: pages fetched {portal_stats.get('downloader/response_count', 0)}, "
              f"articles {portal_stats.get('item_scraped_count', 0)}")
    print("files:")
    for path in [output, *feeds, *written, *([chart] if chart else [])]:
        print(f"  {path}")
    print(f"{output}: articles {len(items)}, meetings {len(meetings)}, "
          f"meetings with officials and figures {sum(1 for i in meetings if i.get('officials') and i.get('figures'))}, "
          f"officials {len(rows['officials'])}, figures {len(rows['figures'])}, "
          f"indicator rows {len(rows['indicators'])} over {len({r['period'] for r in rows['indicators']})} periods, "
          f"people {len(rows['people'])}, errors {errors}")
    return 0 if items and not errors and all(s.get("item_scraped_count") for s in stats.values()) else 1
