"""Each seed through the pipelines against every field of gold_seeds.jsonl."""

import re

import pytest

from govnews_crawler.extraction.text import fold_key

from .conftest import SEEDS, gold_records

GOLD = gold_records()
IDS = [g["file"][:3] for g in GOLD]


@pytest.fixture(scope="module")
def parsed(parse_file):
    return {g["file"]: parse_file(SEEDS / g["file"]) for g in GOLD}


def _contains_either(a: str, b: str) -> bool:
    a, b = fold_key(a), fold_key(b)
    return a in b or b in a


@pytest.mark.parametrize("gold", GOLD, ids=IDS)
def test_scalar_fields(parsed, gold):
    item = parsed[gold["file"]]
    for name in ("title", "category", "published_at", "event_date", "event_part_of_day",
                 "is_meeting", "author", "view_count"):
        if name in gold:
            expected = gold[name]
            actual = item[name]
            if isinstance(expected, str):
                expected, actual = fold_key(expected), fold_key(actual or "")
            assert actual == expected, name


@pytest.mark.parametrize("gold", GOLD, ids=IDS)
def test_officials(parsed, gold):
    item = parsed[gold["file"]]
    found = {fold_key(o["name"]): o for o in item["officials"]}
    assert set(found) == {fold_key(o["name"]) for o in gold["officials"]}
    for expected in gold["officials"]:
        mine = found[fold_key(expected["name"])]
        for title in expected["titles"]:
            assert any(_contains_either(title, t) for t in mine["titles"]), (expected["name"], title)
        assert set(expected["roles"]) <= set(mine["roles"]), expected["name"]


@pytest.mark.parametrize("gold", GOLD, ids=IDS)
def test_figures(parsed, gold):
    figures = parsed[gold["file"]]["figures"]
    key = lambda f: (f["kind"], f["value"], f.get("denominator"))
    assert sorted(map(key, figures), key=str) == sorted(map(key, gold["figures"]), key=str)
    by_key = {key(f): f for f in figures}
    for expected in gold["figures"]:
        mine = by_key[key(expected)]
        assert mine["unit"] == expected["unit"]
        assert mine["qualifier"] == expected.get("qualifier")
        assert mine["sentence"] and mine["text"] in mine["sentence"]


@pytest.mark.parametrize("gold", GOLD, ids=IDS)
def test_not_figures_absent(parsed, gold):
    figures = parsed[gold["file"]]["figures"]
    for text in gold["not_figures"]:
        assert not any(fold_key(text) in fold_key(f["text"]) for f in figures), text
        if re.fullmatch(r"[\d.]+", text):
            assert not any(str(f["value"]) == text.replace(".", "") for f in figures), text


@pytest.mark.parametrize("gold", GOLD, ids=IDS)
def test_captions_moved_out_of_body(parsed, gold):
    item = parsed[gold["file"]]
    assert [fold_key(c) for c in item["image_captions"]] == [fold_key(c) for c in gold["image_captions"]]
    body = fold_key(item["body"])
    for caption in gold["image_captions"]:
        assert fold_key(caption) not in body


@pytest.mark.parametrize("gold", GOLD, ids=IDS)
def test_furniture_not_in_body(parsed, gold):
    item = parsed[gold["file"]]
    for text in gold["not_in_body"]:
        assert text not in item["body"], text
    if gold.get("author"):
        assert not item["body"].rstrip().endswith(gold["author"])


@pytest.mark.parametrize("gold", GOLD, ids=IDS)
def test_item_contract(parsed, gold):
    item = parsed[gold["file"]]
    assert item["url"].startswith("file://") and item["url"].endswith(gold["file"])
    assert re.fullmatch(r"[0-9a-f]{40}", item["content_sha1"])
    assert item["crawled_at"]
    assert item["body"] and "\n\n\n" not in item["body"]
    assert item["extractor"] == "text"
