"""The options of a whole production run, shared by ``govnews crawl`` and ``scrapy crawlall``."""

import argparse
from pathlib import Path

from govnews_crawler.common.arguments import ArgumentError
from govnews_crawler.runs.plan import SPIDER_ARGS, RunError, RunPlan, choose_spiders


def add_run_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--province", help="only the portals of this (former) province")
    parser.add_argument("--concurrency", type=int, default=4, help="portals crawled at once (default 4)")
    parser.add_argument("--data-dir", default="data", help="where exports and manifests go (default ./data)")
    parser.add_argument("--state-dir", default="state", help="incremental state and job queues (default ./state)")
    parser.add_argument("--database-url", metavar="URL",
                        help="the PostgreSQL store of record shared by several machines "
                        "(default: $GOVNEWS_DATABASE_URL; else state.sqlite in --state-dir)")
    parser.add_argument("--resume", action="store_true", help="continue the newest unfinished run")
    for name in SPIDER_ARGS:
        parser.add_argument(f"--{name.replace('_', '-')}", dest=name, help=f"passed to every spider as -a {name}=…")


def plan_from(spiders: list[str], opts: argparse.Namespace, settings: dict | None = None) -> RunPlan:
    if opts.concurrency < 1:
        raise RunError("--concurrency must be at least 1")
    args = {name: getattr(opts, name) for name in SPIDER_ARGS if getattr(opts, name, None) not in (None, "")}
    spiders = [] if opts.resume else choose_spiders(spiders, opts.province)
    if spiders:
        from govnews_crawler.spiders.portals import spider_class

        try:
            spider_class(spiders[0]).check_arguments(**args)
        except ArgumentError as problem:
            raise RunError(str(problem).replace("-a ", "--").replace("_", "-", 1)) from None
    return RunPlan(
        spiders=spiders,
        data_dir=Path(opts.data_dir), state_dir=Path(opts.state_dir), concurrency=opts.concurrency,
        spider_args=args, resume=opts.resume,
        settings={**(settings or {}), **({"GOVNEWS_DATABASE_URL": opts.database_url} if opts.database_url else {})},
    )
