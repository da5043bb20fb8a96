"""A whole production run: every chosen portal's spider in one process, a bounded
number at once, incremental, resumable, with exports, a manifest and a summary.

``govnews crawl`` and ``scrapy crawlall`` both call ``run_all``. A run has an id
(its UTC start time to the microsecond); its spiders store every accepted item in
the store of record (``<state>/state.sqlite``, or PostgreSQL with ``GOVNEWS_DATABASE_URL``), and at the end of each portal the run
publishes ``<data>/<portal>/<run-id>.jsonl`` from it (``publish.py``); they keep their
queues in ``<state>/runs/<run-id>/jobs/<portal>`` (``JOBDIR``, removed when the run
finishes). One run at a time holds ``<state>/run.lock``. The manifest
``<data>/runs/<run-id>.json`` lists files, counts, stats and failed checks;
``--resume`` continues the newest unfinished (or interrupted) run.
"""

import shutil
import sys
import time
from pathlib import Path

from scrapy.crawler import CrawlerProcess
from scrapy.utils.project import get_project_settings

from govnews_crawler.common.clock import new_run_id, utc_now_iso
from govnews_crawler.common.tables import format_table
from govnews_crawler.runs.lock import RunLock
from govnews_crawler.runs.manifest import manifest_path, unfinished_run, write_manifest
from govnews_crawler.runs.plan import RunError, RunPlan
from govnews_crawler.runs.publish import export_file, publish, publish_pending
from govnews_crawler.state import StoreError, database_url, open_record


def run_all(plan: RunPlan, out=sys.stdout) -> int:
    """Run the plan; 0 when every spider finished and passed its checks, else 1."""
    lock = RunLock(plan.state_dir)
    lock.acquire("resume" if plan.resume else "new")
    try:
        return _run_locked(plan, out)
    finally:
        lock.release()


def _run_locked(plan: RunPlan, out) -> int:
    store = open_record(plan.state_dir, database_url(plan.settings))
    try:
        for path in publish_pending(store, plan.data_dir):
            print(f"published what an earlier run stored: {path}", file=out)
    except OSError as error:  # a disk still full: the rows wait in the store for a later run
        print(f"could not publish what an earlier run stored: {error}", file=out)
    finally:
        store.close()
    if plan.resume:
        previous = unfinished_run(plan.data_dir)
        if previous is None:
            raise RunError(f"no unfinished run to resume in {plan.data_dir / 'runs'}")
        run_id, started = previous["run_id"], previous["started"]
        plan.spiders = previous["spiders"]
        plan.spider_args = previous["spider_args"]
        print(f"resuming run {run_id} ({len(plan.spiders)} portals)", file=out)
    else:
        run_id = new_run_id()
        started = utc_now_iso()
    manifest = {"run_id": run_id, "status": "running", "started": started, "spiders": plan.spiders,
                "spider_args": plan.spider_args, "portals": {}}
    unsaved: list[str] = []

    def save_manifest() -> None:
        """A manifest that cannot be written (a full disk) fails the run, not the crawl: the store keeps the items."""
        try:
            write_manifest(plan.data_dir, manifest)
        except OSError as error:
            unsaved.append(str(error))
            print(f"could not write the manifest: {error}", file=out, flush=True)

    save_manifest()

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
        problem = _publish(plan, name, run_id)
        stats = crawler.stats.get_stats() if crawler.stats else {}
        entry = _portal_entry(plan, run_id, name, stats, time.monotonic() - began, result)
        if problem:
            entry["checks_failed"].append(problem)
        results[name] = entry
        manifest["portals"][name] = entry
        save_manifest()
        print(f"{name}: {entry['pages']} pages, {entry['new']} new, {entry['revised']} revised, "
              f"{entry['errors']} errors, {entry['seconds']:.1f} s"
              + (f" — FAILED: {'; '.join(entry['checks_failed'])}" if entry["checks_failed"] else ""),
              file=out, flush=True)
        return None

    for _ in range(min(plan.concurrency, total)):
        start_next()
    process.start()

    failed = sorted(n for n, e in results.items() if e["checks_failed"] or e["finish_reason"] != "finished")
    interrupted = len(results) < total or any(e["finish_reason"] == "shutdown" for e in results.values())
    manifest.update(status="interrupted" if interrupted else "finished", finished=utc_now_iso(),
                    failed=failed, items=sum(e["items"] for e in results.values()))
    save_manifest()
    if not interrupted:  # the queues are only needed to resume
        shutil.rmtree(plan.state_dir / "runs" / run_id, ignore_errors=True)
    print(summary_table(results), file=out)
    print(f"manifest: {manifest_path(plan.data_dir, run_id)}", file=out)
    if interrupted:
        print(f"interrupted: continue with --resume (run {run_id})", file=out)
    if failed:
        print(f"FAILED: {', '.join(failed)}", file=out)
    return 1 if failed or interrupted or unsaved else 0


def _publish(plan: RunPlan, name: str, run_id: str) -> str:
    """Publish the portal's file from the store; a failure (a full disk, the database
    gone) is returned as a failed check, and the rows stay unpublished for the next run."""
    try:
        store = open_record(plan.state_dir, database_url(plan.settings))
    except StoreError as error:
        return f"publication failed ({error}); the next run publishes it from the store"
    try:
        publish(store, plan.data_dir, name, run_id)
    except (OSError, StoreError) as error:
        return f"publication failed ({error}); the next run publishes it from the store"
    finally:
        store.close()
    return ""


def _run_spider_class(spidercls, plan: RunPlan, run_id: str):
    """The portal's spider with this run's queue folder (JOBDIR) and run id (its items
    go to the store of record, and from there to the published file)."""
    name = spidercls.name
    custom = {
        **(spidercls.custom_settings or {}),
        "JOBDIR": str(plan.state_dir / "runs" / run_id / "jobs" / name),
        "GOVNEWS_RUN_ID": run_id,
    }
    return type(spidercls.__name__, (spidercls,), {"custom_settings": custom, "__module__": spidercls.__module__})


def export_path(plan: RunPlan, run_id: str, name: str) -> Path:
    """``<data>/<portal>/<run-id>.jsonl``, published from the store."""
    return export_file(plan.data_dir, name, run_id)


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
