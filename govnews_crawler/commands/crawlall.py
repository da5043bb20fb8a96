"""``scrapy crawlall``: every registry portal (or a chosen set) in one process."""

import sys

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError
from scrapy.settings import SETTINGS_PRIORITIES

from govnews_crawler.cli.run_options import add_run_options, plan_from
from govnews_crawler.distributed.profile import InsecureRedis, refuse_insecure
from govnews_crawler.runs.plan import RunError
from govnews_crawler.runs.runner import run_all
from govnews_crawler.state import StoreError


class Command(ScrapyCommand):
    requires_project = True
    requires_crawler_process = False

    def syntax(self):
        return "[options] [spider ...]"

    def short_desc(self):
        return "Run every portal spider (or the named ones) in one incremental, resumable run"

    def add_options(self, parser):
        super().add_options(parser)
        add_run_options(parser)

    def run(self, args, opts):
        try:
            plan = plan_from(args, opts, _cmdline_settings(self.settings))
        except RunError as problem:
            raise UsageError(str(problem), print_help=False) from None
        try:
            refuse_insecure(self.settings)  # before any crawler: one line, not a traceback per portal
        except InsecureRedis as problem:
            print(f"scrapy crawlall: {problem}", file=sys.stderr)
            self.exitcode = 2
            return
        try:
            self.exitcode = run_all(plan)
        except RunError as problem:  # another run holds the state directory
            print(f"scrapy crawlall: {problem}", file=sys.stderr)
            self.exitcode = 2
        except StoreError as problem:
            print(f"scrapy crawlall: {problem}", file=sys.stderr)
            self.exitcode = 1


def _cmdline_settings(settings) -> dict:
    """Settings given with -s on the command line."""
    return {name: settings[name] for name in settings
            if settings.getpriority(name) == SETTINGS_PRIORITIES["cmdline"]}
