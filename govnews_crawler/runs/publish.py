"""Publication: the JSON lines files of a run are written from the store of record.

``<data>/<portal>/<run-id>.jsonl`` holds every item the run stored for the portal; it
is rewritten whole (write, flush, fsync, rename) and only then are its rows marked
published, so a crash at any moment leaves either the old file or the new one, and
rows still unmarked, which the next run publishes first.
"""

from pathlib import Path

from govnews_crawler.common.atomic import write_atomic
from govnews_crawler.state.records import ArticleStore


def export_file(data_dir: Path, portal: str, run_id: str) -> Path:
    return data_dir / portal / f"{run_id}.jsonl"


def publish(store: ArticleStore, data_dir: Path, portal: str, run_id: str) -> Path | None:
    """Write the run's file for the portal from the store; None when it stored nothing."""
    lines = [item.encode("utf-8") + b"\n" for item in store.items(portal, run_id)]
    path = export_file(data_dir, portal, run_id)
    if not lines:
        return None
    write_atomic(path, b"".join(lines))
    store.mark_published(portal, run_id, str(path))
    return path


def publish_pending(store: ArticleStore, data_dir: Path) -> list[Path]:
    """Publish what earlier runs stored but did not publish (killed before the end of a portal)."""
    published = [publish(store, data_dir, portal, run_id) for portal, run_id in store.unpublished()]
    return [path for path in published if path is not None]
