"""The compiled check in front of jsonschema: it vouches for an item only when jsonschema finds it valid."""

import copy

import pytest
from jsonschema import Draft202012Validator

from govnews_crawler.item.schema import _certainly_valid, problems, schema

from .conftest import SEEDS

WRONG = [None, "", "x", "https://a.vn/b", 0, -1, 1, 2.5, True, [], ["a"], ["a", "a"], [""], {}, {"name": "A"},
         [{"name": "", "titles": [], "roles": []}], [{"name": "A", "titles": ["B"], "roles": ["chair"], "x": 1}],
         "2023-01-02", "2023-01-02T08:00:00+07:00", "morning", "0" * 40]


@pytest.fixture(scope="module")
def items(parse_file):
    """Two seeds' items: the ones with the most officials and figures."""
    parsed = [parse_file(path, "kyanh") for path in sorted(SEEDS.glob("*.txt"))]
    return [max(parsed, key=lambda i: len(i["officials"])), max(parsed, key=lambda i: len(i["figures"]))]


def _variants(item: dict):
    """The item with each field, and each field of its first official and figure, set to each wrong value,
    dropped, or joined by an unknown field."""
    yield item
    yield {**item, "unknown": 1}
    for name in item:
        yield {key: value for key, value in item.items() if key != name}
        for value in WRONG:
            yield {**item, name: value}
    for field in ("officials", "figures"):
        for key in item[field][0] if item[field] else ():
            for value in WRONG:
                changed = copy.deepcopy(item)
                changed[field][0][key] = value
                yield changed


def test_the_check_never_vouches_for_an_invalid_item(items):
    reference = Draft202012Validator(schema())  # the schema as written, its $refs unresolved
    check = _certainly_valid()
    assert check is not None
    seen = {True: 0, False: 0}
    for item in items:
        for variant in _variants(item):
            valid = reference.is_valid(variant)
            seen[valid] += 1
            assert not check(variant) or valid, variant
            assert (problems(variant) == []) == valid
    assert seen[True] > 20 and seen[False] > 200


def test_a_subclass_of_a_json_type_is_left_to_jsonschema(items):
    class Text(str):
        pass

    item = dict(items[0])
    item["body"] = Text(item["body"])
    assert not _certainly_valid()(item)
    assert problems(item) == []
