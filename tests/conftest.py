"""Test data kept in the repo: the seeds, their gold annotations and the hard cases."""

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
SEEDS = DATA / "seeds"
GOLD = DATA / "gold_seeds.jsonl"
CASES = DATA / "cases"
GOLD_CASES = CASES / "gold_cases.jsonl"


def gold_records() -> list[dict]:
    with GOLD.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


@pytest.fixture(scope="session")
def runner():
    from govnews_crawler.pipelines.chain import PipelineRunner

    return PipelineRunner()


@pytest.fixture(scope="session")
def parse_file(runner):
    """Run a saved file through the project's pipelines, as `govnews parse` does."""
    from govnews_crawler.item.builder import build_item
    from govnews_crawler.registry import load_portals
    from govnews_crawler.sources.files import read_article_file

    def parse(path: Path, portal: str | None = None) -> dict:
        item = runner.process(build_item(read_article_file(path), path.resolve().as_uri(),
                                         load_portals()[portal] if portal else None))
        return dict(item) if item is not None else None

    return parse


@pytest.fixture(scope="session")
def postgres():
    """A real PostgreSQL server for the session (devtools/postgres.py; .ci/run installs it)."""
    from govnews_crawler.devtools.postgres import PostgresServer

    with PostgresServer() as server:
        yield server


@pytest.fixture
def database_url(postgres, request):
    """The URL of a new, empty database of its own for the test."""
    return postgres.database("t_" + "".join(c if c.isalnum() else "_" for c in request.node.name)[:50].lower())
