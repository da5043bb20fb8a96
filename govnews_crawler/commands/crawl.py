"""``scrapy crawl``, as the project runs it: a bad ``-a`` value, or a Redis URL without
a password that the settings do not allow (``distributed.profile``), is one line on
stderr (exit 2, no traceback); so is a store of record that cannot be used (damaged, of
a newer schema, unreachable, or missing for a Redis worker: exit 1); a failed health check, or a spider that did not finish, makes
the exit status 1 (Scrapy's own command exits 0 whatever the checks found)."""

import sys

from scrapy.commands.crawl import Command as ScrapyCrawl
from scrapy.crawler import CrawlerProcess
from scrapy.exceptions import UsageError
from scrapy.spiderloader import SpiderLoader

from govnews_crawler.common.arguments import ArgumentError
from govnews_crawler.distributed.profile import InsecureRedis, redis_url, refuse_insecure
from govnews_crawler.registry import RegistryError
from govnews_crawler.state import StoreError, open_store


class Command(ScrapyCrawl):
    requires_crawler_process = False  # made after the arguments are checked, so a bad one is all that is printed

    def run(self, args, opts):
        if len(args) != 1:
            raise UsageError("give one spider name (see `scrapy list`)")
        name = args[0]
        try:
            spidercls = SpiderLoader.from_settings(self.settings).load(name)
        except KeyError:
            raise UsageError(f"unknown spider {name!r} (see `scrapy list`)", print_help=False) from None
        except RegistryError as problem:
            print(f"scrapy crawl {name}: {problem}", file=sys.stderr)
            self.exitcode = 2
            return None
        check = getattr(spidercls, "check_arguments", None)
        try:
            if check is not None:
                check(**opts.spargs)
            refuse_insecure(self.settings)
        except (ArgumentError, InsecureRedis) as problem:
            print(f"scrapy crawl {name}: {problem}", file=sys.stderr)
            self.exitcode = 2
            return None
        try:  # checked here, so a bad store is one line before any crawl, not a traceback inside it
            store = open_store(self.settings, required=bool(redis_url(self.settings)))
        except StoreError as problem:
            print(f"scrapy crawl {name}: {problem}", file=sys.stderr)
            self.exitcode = 1
            return None
        if store is not None:
            store.close()
        self.crawler_process = CrawlerProcess(self.settings)
        crawler = self.crawler_process.create_crawler(spidercls)
        self.crawler_process.crawl(crawler, **opts.spargs)
        self.crawler_process.start()
        stats = crawler.stats.get_stats() if crawler.stats else {}
        unfinished = stats.get("finish_reason") != "finished"
        if self.crawler_process.bootstrap_failed or stats.get("govnews/checks_failed") or unfinished:
            self.exitcode = 1
        return None
