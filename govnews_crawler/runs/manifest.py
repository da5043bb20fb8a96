"""The manifest of a run, ``<data>/runs/<run-id>.json``: status, portals, counts, checks."""

import json
from pathlib import Path

from govnews_crawler.common.atomic import write_json_atomic


def manifest_path(data_dir: Path, run_id: str) -> Path:
    return data_dir / "runs" / f"{run_id}.json"


def write_manifest(data_dir: Path, manifest: dict) -> Path:
    """Replace the run's manifest atomically; returns its path."""
    path = manifest_path(data_dir, manifest["run_id"])
    write_json_atomic(path, manifest)
    return path


def unfinished_run(data_dir: Path) -> dict | None:
    """The newest run whose manifest says it is still running (killed) or was interrupted (SIGTERM)."""
    for path in sorted((data_dir / "runs").glob("*.json"), reverse=True):
        manifest = json.loads(path.read_text(encoding="utf-8"))
        if manifest.get("status") in ("running", "interrupted"):
            return manifest
    return None
