"""The item contract as a JSON Schema: its enums are the code's, and real items pass it."""

from govnews_crawler.extraction import figures, meeting, officials
from govnews_crawler.item.schema import problems, schema

from .conftest import SEEDS


def _enum(*path: str) -> set:
    node = schema()
    for key in path:
        node = node[key]
    return set(node["enum"]) - {None}


def test_meeting_kinds_roles_and_figure_kinds_are_the_codes():
    assert {kind for kind, _ in meeting.KINDS} <= _enum("properties", "meeting_kinds", "items")
    assert set(officials.ROLE_ORDER) <= _enum("$defs", "official", "properties", "roles", "items")
    unit_kinds = {kind for kind, _ in figures.UNITS.values()}
    assert unit_kinds | {"count", "ratio"} <= _enum("$defs", "figure", "properties", "kind")


def test_every_seed_item_keeps_the_contract(parse_file):
    for path in sorted(SEEDS.glob("*.txt")):
        item = parse_file(path, "kyanh")
        assert problems(item) == [], path.name
