"""``scrapy crawlall``: every registry portal (or a chosen set) in one process."""

from pathlib import Path

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError
from scrapy.settings import SETTINGS_PRIORITIES

from ..runner import SPIDER_ARGS, RunError, RunPlan, choose_spiders, run_all


def add_run_options(parser) -> None:
    """The options a whole run takes, shared by ``scrapy crawlall`` and ``govnews crawl``."""
    parser.add_argument("--province", help="only the portals of this (former) province")
    parser.add_argument("--concurrency", type=int, default=4, help="portals crawled at once (default 4)")
    parser.add_argument("--data-dir", default="data", help="where exports and manifests go (default ./data)")
    parser.add_argument("--state-dir", default="state", help="incremental state and job queues (default ./state)")
    parser.add_argument("--resume", action="store_true", help="continue the newest unfinished run")
    for name in SPIDER_ARGS:
        parser.add_argument(f"--{name.replace('_', '-')}", dest=name, help=f"passed to every spider as -a {name}=…")


def plan_from(spiders: list[str], opts, settings: dict | None = None) -> RunPlan:
    if opts.concurrency < 1:
        raise RunError("--concurrency must be at least 1")
    args = {name: getattr(opts, name) for name in SPIDER_ARGS if getattr(opts, name, None) not in (None, "")}
    return RunPlan(
        spiders=[] if opts.resume else choose_spiders(spiders, opts.province),
        data_dir=Path(opts.data_dir), state_dir=Path(opts.state_dir), concurrency=opts.concurrency,
        spider_args=args, resume=opts.resume, settings=settings or {},
    )


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
        self.exitcode = run_all(plan)


def _cmdline_settings(settings) -> dict:
    """Settings given with -s on the command line."""
    return {name: settings[name] for name in settings
            if settings.getpriority(name) == SETTINGS_PRIORITIES["cmdline"]}
