"""A whole production run: every chosen portal's spider in one process, a bounded
number at once, incremental, resumable, with exports, a manifest and a summary.

``govnews crawl`` and ``scrapy crawlall`` both call ``run_all``. A run has an id
(its UTC start time); its spiders write ``<data>/<portal>/<run-id>.jsonl`` (via
``.part`` files), keep their queues in ``<state>/runs/<run-id>/jobs/<portal>``
(``JOBDIR``) and share the exported-articles state in ``<state>/state.sqlite``.
The manifest ``<data>/runs/<run-id>.json`` lists files, counts, stats and failed
checks; ``--resume`` continues the newest unfinished run.
"""

import json
import os
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from scrapy.crawler import CrawlerProcess
from scrapy.utils.project import get_project_settings

from .distributed import worker_id
from .registry import load_portals
from .timeutil import utc_now_iso

SPIDER_ARGS = ("since", "until", "source", "full", "revisit", "max_pages", "base_url")


@dataclass
class RunPlan:
    spiders: list[str]
    data_dir: Path
    state_dir: Path
    concurrency: int = 4
    spider_args: dict = field(default_factory=dict)
    resume: bool = False
    settings: dict = field(default_factory=dict)  # extra settings (-s NAME=VALUE)


class RunError(ValueError):
    """A run that cannot start: unknown spiders, nothing to resume."""


def choose_spiders(names: list[str], province: str | None = None) -> list[str]:
    """Registry spiders by name and/or province (all real portals when neither is given)."""
    portals = load_portals()
    unknown = [n for n in names if n not in portals]
    if unknown:
        raise RunError(f"unknown spiders: {', '.join(unknown)} (see `scrapy list`)")
    chosen = names or [k for k, p in portals.items() if p.status != "sample"]
    if province:
        chosen = [k for k in chosen if portals[k].province.casefold() == province.casefold()]
        if not chosen:
            raise RunError(f"no portal in province {province!r}")
    return chosen


def _manifest_path(data_dir: Path, run_id: str) -> Path:
    return data_dir / "runs" / f"{run_id}.json"


def _write_json(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".json.part")
    temporary.write_text(json.dumps(data, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    temporary.replace(path)


def unfinished_run(data_dir: Path) -> dict | None:
    """The newest run whose manifest says it is still running."""
    for path in sorted((data_dir / "runs").glob("*.json"), reverse=True):
        manifest = json.loads(path.read_text(encoding="utf-8"))
        if manifest.get("status") == "running":
            return manifest
    return None


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
        run_id = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        started = utc_now_iso()
    manifest = {"run_id": run_id, "status": "running", "started": started, "spiders": plan.spiders,
                "spider_args": plan.spider_args, "portals": {}}
    _write_json(_manifest_path(plan.data_dir, run_id), manifest)

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
        _write_json(_manifest_path(plan.data_dir, run_id), manifest)
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
    _write_json(_manifest_path(plan.data_dir, run_id), manifest)
    print(summary_table(results), file=out)
    print(f"manifest: {_manifest_path(plan.data_dir, run_id)}", file=out)
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
    header = ("portal", "pages", "new", "revised", "meetings", "errors", "time", "status")
    rows = [(name, e["pages"], e["new"], e["revised"], e["meetings"], e["errors"], f"{e['seconds']:.1f}s",
             "FAILED" if e["checks_failed"] or e["finish_reason"] != "finished" else "ok")
            for name, e in results.items()]
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    line = lambda r: "  ".join(str(v).ljust(w) for v, w in zip(r, widths))  # noqa: E731
    return "\n".join([line(header), line(["-" * w for w in widths]), *map(line, rows)])
