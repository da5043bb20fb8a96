"""A whole production run: every chosen portal's spider in one process, a bounded
number at once, incremental, resumable, with exports, a manifest and a summary.

``govnews crawl`` and ``scrapy crawlall`` both call ``run_all``. A run has an id
(its UTC start time); its spiders write ``<data>/<portal>/<run-id>.jsonl`` (via
``.part`` files), keep their queues in ``<state>/runs/<run-id>/jobs/<portal>``
(``JOBDIR``) and share the exported-articles state in ``<state>/state.sqlite``.
The manifest ``<data>/runs/<run-id>.json`` lists files, counts, stats and failed
checks; ``--resume`` continues the newest unfinished run.
"""

import os
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from scrapy.crawler import CrawlerProcess
from scrapy.utils.project import get_project_settings

from govnews_crawler.common.clock import utc_now_iso
from govnews_crawler.common.tables import format_table
from govnews_crawler.distributed.profile import worker_id
from govnews_crawler.runs.manifest import manifest_path, unfinished_run, write_manifest
from govnews_crawler.runs.plan import RunError, RunPlan


def run_all(plan: RunPlan, out=sys.stdout) -> int:
    """Run the plan; 0 when every spider finished and passed its checks, else 1."""
    if plan.resume:
        previous = unfinished_run(plan.data_dir)
        if previous is None:
            raise RunError(f"no unfinished run to resume in {plan.data_dir / 'runs'}")
        run_id, started = previous["run_id"], previous["started"]
        plan.spiders = previous["spiders"]
        plan.spider_args = previous["spider_args"]
        print(f"resuming run {run_id} ({len(plan.spiders)} portals)", file=out)
    else:
        run_id = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        started = utc_now_iso()
    manifest = {"run_id": run_id, "status": "running", "started": started, "spiders": plan.spiders,
                "spider_args": plan.spider_args, "portals": {}}
    write_manifest(plan.data_dir, manifest)

    base = get_project_settings()
    base.setdict({"GOVNEWS_STATE_DIR": str(plan.state_dir), "LOG_LEVEL": "WARNING", **plan.settings},
                 priority="cmdline")
    process = CrawlerProcess(base)
    queue = list(plan.spiders)
    results: dict[str, dict] = {}
    total = len(queue)

    def start_next(_=None):
        if not queue:
            return None
        name = queue.pop(0)
        crawler = process.create_crawler(_run_spider_class(process.spider_loader.load(name), plan, run_id))
        began = time.monotonic()
        print(f"[{total - len(queue)}/{total}] {name}: started", file=out, flush=True)
        deferred = process.crawl(crawler, run_id=run_id, **plan.spider_args)
        deferred.addBoth(lambda result: _finished(name, crawler, began, result))
        deferred.addBoth(start_next)
        return deferred

    def _finished(name, crawler, began, result):
        stats = crawler.stats.get_stats() if crawler.stats else {}
        entry = _portal_entry(plan, run_id, name, stats, time.monotonic() - began, result)
        results[name] = entry
        manifest["portals"][name] = entry
        write_manifest(plan.data_dir, manifest)
        print(f"{name}: {entry['pages']} pages, {entry['new']} new, {entry['revised']} revised, "
              f"{entry['errors']} errors, {entry['seconds']:.1f} s"
              + (f" — FAILED: {'; '.join(entry['checks_failed'])}" if entry["checks_failed"] else ""),
              file=out, flush=True)
        return None

    for _ in range(min(plan.concurrency, total)):
        start_next()
    process.start()

    failed = sorted(n for n, e in results.items() if e["checks_failed"] or e["finish_reason"] != "finished")
    manifest.update(status="finished", finished=utc_now_iso(),
                    failed=failed, items=sum(e["items"] for e in results.values()))
    write_manifest(plan.data_dir, manifest)
    print(summary_table(results), file=out)
    print(f"manifest: {manifest_path(plan.data_dir, run_id)}", file=out)
    if failed:
        print(f"FAILED: {', '.join(failed)}", file=out)
    return 1 if failed or len(results) < total else 0


def _run_spider_class(spidercls, plan: RunPlan, run_id: str):
    """The portal's spider with this run's queue folder (JOBDIR) and export feed."""
    name = spidercls.name
    export = export_path(plan, run_id, name)
    custom = {
        **(spidercls.custom_settings or {}),
        "JOBDIR": str(plan.state_dir / "runs" / run_id / "jobs" / name),
        "GOVNEWS_RUN_EXPORT": str(export),
        "FEEDS": {str(export): {"format": "jsonlines", "encoding": "utf-8", "store_empty": False}},
    }
    return type(spidercls.__name__, (spidercls,), {"custom_settings": custom, "__module__": spidercls.__module__})


def export_path(plan: RunPlan, run_id: str, name: str) -> Path:
    """``<data>/<portal>/<run-id>.jsonl``; with Redis, one file per worker (``<run-id>-<host>-<pid>``)."""
    distributed = plan.settings.get("REDIS_URL") or os.environ.get("GOVNEWS_REDIS_URL")
    suffix = f"-{worker_id()}" if distributed else ""
    return plan.data_dir / name / f"{run_id}{suffix}.jsonl"


def _portal_entry(plan: RunPlan, run_id: str, name: str, stats: dict, seconds: float, result) -> dict:
    export = export_path(plan, run_id, name)
    items = sum(1 for _ in export.open("rb")) if export.exists() else 0
    finish_reason = stats.get("finish_reason") or ("error" if result is not None else "unknown")
    checks = list(stats.get("govnews/checks_failed") or [])
    if result is not None and hasattr(result, "getErrorMessage"):
        checks.append(f"crashed: {result.getErrorMessage()}")
    return {
        "file": str(export) if export.exists() else None,
        "items": items,
        "pages": stats.get("response_received_count", 0),
        "new": stats.get("govnews/state/new", 0),
        "revised": stats.get("govnews/state/revised", 0),
        "meetings": stats.get("govnews/meetings", 0),
        "errors": sum(v for k, v in stats.items() if k.startswith("govnews/errors/")),
        "seconds": round(seconds, 1),
        "finish_reason": finish_reason,
        "checks_failed": checks,
        "stats": {k: v for k, v in stats.items() if isinstance(v, (int, float, str))},
    }


def summary_table(results: dict[str, dict]) -> str:
    """One line per portal: pages, new, revised, meetings, errors, time, status."""
    header = ("portal", "pages", "new", "revised", "meetings", "errors", "time", "status")
    rows = [(name, e["pages"], e["new"], e["revised"], e["meetings"], e["errors"], f"{e['seconds']:.1f}s",
             "FAILED" if e["checks_failed"] or e["finish_reason"] != "finished" else "ok")
            for name, e in results.items()]
    return format_table(header, rows)
