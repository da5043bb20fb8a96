"""``govnews demo``: crawl the bundled sample portal end to end over loopback.

The sample portal (``demo/site``, on the old Hà Tĩnh district platform) is served
on 127.0.0.1; the ``demo`` spider crawls it through the whole project (spider,
pipelines, feed export) and a summary is printed.
"""

import os
import sys
from pathlib import Path

SITE = Path(__file__).resolve().parent / "site"


def run_demo(output: Path) -> int:
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "govnews_crawler.settings")
    from scrapy.crawler import CrawlerProcess
    from scrapy.utils.project import get_project_settings

    from govnews_crawler.devtools.loopback import SiteServer

    output.parent.mkdir(parents=True, exist_ok=True)
    settings = get_project_settings()
    settings.setdict({
        "FEEDS": {str(output): {"format": "jsonlines", "encoding": "utf-8", "overwrite": True}},
        "AUTOTHROTTLE_ENABLED": False,  # our own loopback server: no need to be gentle
        "DOWNLOAD_DELAY": 0,
        "LOG_LEVEL": "WARNING",
        "TELNETCONSOLE_ENABLED": False,
        "REMOTE_CONTROL_ENABLED": False,
    }, priority="cmdline")
    with SiteServer(SITE) as server:
        print(f"serving the sample portal at {server.url}", file=sys.stderr)
        process = CrawlerProcess(settings)
        crawler = process.create_crawler("demo")
        process.crawl(crawler, base_url=server.url)
        process.start()
    stats = crawler.stats.get_stats()
    print(
        f"{output}: pages fetched {stats.get('downloader/response_count', 0)}, "
        f"articles {stats.get('item_scraped_count', 0)}, meetings {stats.get('govnews/meetings', 0)}, "
        f"officials {stats.get('govnews/officials', 0)}, figures {stats.get('govnews/figures', 0)}, "
        f"errors {stats.get('log_count/ERROR', 0)}"
    )
    return 0 if stats.get("item_scraped_count") and not stats.get("log_count/ERROR") else 1
