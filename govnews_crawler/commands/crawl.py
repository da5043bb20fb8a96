"""``scrapy crawl``, whose exit status carries the health checks.

Scrapy's own command exits 0 whatever the checks found; this one (the project's
``COMMANDS_MODULE`` overrides it) exits 1 when a check failed or the spider did not
finish, and turns a bad ``-a`` argument (``ArgumentError``/``ValueError`` from the
spider's ``__init__``) into one line on stderr and exit status 2.
"""

import sys

from scrapy.commands.crawl import Command as ScrapyCrawl
from scrapy.exceptions import UsageError


class Command(ScrapyCrawl):
    def run(self, args, opts):
        if len(args) != 1:
            raise UsageError("give one spider: scrapy crawl SPIDER" if args else None)
        assert self.crawler_process
        crawler = self._create_crawler(args[0])
        bad_arguments: list[str] = []

        def done(task) -> None:
            error = None if task.cancelled() else task.exception()
            if error is not None and getattr(crawler, "spider", None) is None and isinstance(error, ValueError):
                bad_arguments.append(str(error))

        self.crawler_process.crawl(crawler, **opts.spargs).add_done_callback(done)
        self.crawler_process.start()
        if bad_arguments:
            print(f"scrapy crawl {args[0]}: {bad_arguments[0]}", file=sys.stderr)
            self.exitcode = 2
            return
        stats = crawler.stats.get_stats() if crawler.stats else {}
        failed = stats.get("govnews/checks_failed") or []
        if self.crawler_process.bootstrap_failed or failed or stats.get("finish_reason") != "finished":
            self.exitcode = 1
