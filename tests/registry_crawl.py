"""Crawl every registry portal from its platform's fixtures in one Scrapy process.

Run by tests/test_registry.py as ``python -m tests.registry_crawl OUT_DIR``: one
loopback server per platform serves its fixture pages, with each portal's own
listing and feed paths routed to the platform's first listing page and feed, so
every spider reads its pages through its own registry entry (listing paths, feeds,
article pattern, unit, province). Writes ``OUT_DIR/<portal>.jsonl`` and
``OUT_DIR/stats.json``.
"""

import json
import os
import sys
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"
FAST = {"AUTOTHROTTLE_ENABLED": False, "DOWNLOAD_DELAY": 0, "RETRY_TIMES": 1, "RETRY_BACKOFF_BASE": 0.01,
        "LOG_LEVEL": "WARNING", "TELNETCONSOLE_ENABLED": False, "ROBOTSTXT_OBEY": False}


def portal_site(portal, reference, out: Path) -> Path:
    """The platform's fixture pages as the portal's own site: its listing and feed paths
    routed to the first listing page and the feed, the reference portal's host replaced
    by this portal's in every page."""
    source = FIXTURES / portal.platform
    routes = json.loads((source / "routes.json").read_text(encoding="utf-8"))
    feed = next((f for f in routes.values() if isinstance(f, str) and f.endswith(".xml")), None)
    for path in portal.listing_paths:
        routes.setdefault(path, "listing-1.html")
    for path in portal.feeds if feed else ():
        routes.setdefault(path, feed)
    site = out / "sites" / portal.key
    site.mkdir(parents=True, exist_ok=True)
    for page in source.iterdir():
        if page.is_file() and page.name != "routes.json":
            text = page.read_bytes().replace(reference.host.encode(), portal.host.encode())
            (site / page.name).write_bytes(text)
    (site / "routes.json").write_text(json.dumps(routes), encoding="utf-8")
    return site


def main(out: Path) -> int:
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "govnews_crawler.settings")
    from scrapy.crawler import CrawlerProcess
    from scrapy.utils.project import get_project_settings

    from govnews_crawler.devtools.loopback import SiteServer
    from govnews_crawler.registry import load_portals

    portals = load_portals()
    settings = get_project_settings()
    settings.setdict({**FAST, "FEEDS": {str(out / "%(name)s.jsonl"): {"format": "jsonlines"}}}, priority="cmdline")
    servers = {}
    for portal in portals.values():
        expected = FIXTURES / portal.platform / "expected.json"
        if expected.exists():
            reference = portals[json.loads(expected.read_text(encoding="utf-8"))["portal"]]
            servers[portal.key] = SiteServer(portal_site(portal, reference, out)).__enter__()
    process = CrawlerProcess(settings)
    crawlers = {}
    for key, server in servers.items():
        crawlers[key] = process.create_crawler(key)
        process.crawl(crawlers[key], base_url=server.url)
    process.start()
    for server in servers.values():
        server.__exit__(None, None, None)
    stats = {key: {k: v for k, v in c.stats.get_stats().items() if isinstance(v, (int, float, str, list))}
             for key, c in crawlers.items()}
    (out / "stats.json").write_text(json.dumps(stats, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
