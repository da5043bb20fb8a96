"""The registry is the test axis: every portal entry is crawled from its platform's
fixtures through its own entry (listing paths, feeds, article pattern, unit, province),
and the README's portal table is the registry's."""

import json
import subprocess
import sys

import pytest

from govnews_crawler.cli.portals import markdown_table
from govnews_crawler.registry import load_portals

from .crawling import FIXTURES, ROOT, assert_no_deprecations
from .test_spiders import check_item, expected_for

PORTALS = load_portals()
MAKE_FIXTURES = "python tests/fixtures/build.py (or `govnews capture` for saved real pages)"


@pytest.fixture(scope="module")
def registry_crawl(tmp_path_factory):
    out = tmp_path_factory.mktemp("registry")
    done = subprocess.run([sys.executable, "-m", "tests.registry_crawl", str(out)], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    assert_no_deprecations(done.stderr)
    stats = json.loads((out / "stats.json").read_text(encoding="utf-8"))
    return out, stats


@pytest.mark.parametrize("key", sorted(PORTALS))
def test_every_portal_reads_its_platforms_pages(registry_crawl, key):
    portal = PORTALS[key]
    if not (FIXTURES / portal.platform / "expected.json").exists():
        pytest.fail(f"platform {portal.platform!r} of portal {key!r} has no fixtures: make them with {MAKE_FIXTURES}")
    out, stats = registry_crawl
    items = [json.loads(line) for line in (out / f"{key}.jsonl").read_text(encoding="utf-8").splitlines()]
    want = expected_for(portal.platform)
    assert len(items) == len(want["articles"]), stats[key]
    by_path = {"/" + item["url"].split("/", 3)[3]: item for item in items}
    assert sorted(by_path) == sorted(want["articles"])
    for path, expected in want["articles"].items():
        check_item(by_path[path], {**expected, "portal": key})
        assert by_path[path]["extractor"] == portal.platform
    assert not stats[key].get("govnews/checks_failed")
    errors = {name: n for name, n in stats[key].items() if name.startswith("govnews/errors/")}
    assert not errors, errors


def test_the_readme_portal_table_is_the_registry():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert markdown_table() in readme, "README's portal table is stale: paste the output of `govnews portals`"
