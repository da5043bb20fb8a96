"""Each invented hard case of tests/data/cases through the pipelines against its gold."""

import json
import re

import pytest

from govnews_crawler.extraction.text import collapse, fold_key

from .conftest import CASES, GOLD_CASES

with GOLD_CASES.open(encoding="utf-8") as _f:
    GOLD = [json.loads(line) for line in _f if line.strip()]
# (file, check) -> why it fails for now; None as check: every check of the file.
XFAIL: dict[tuple[str, str | None], str] = {}


@pytest.fixture(scope="module")
def parsed(parse_file):
    return {g["file"]: parse_file(CASES / g["file"]) for g in GOLD}


def _contains_either(a: str, b: str) -> bool:
    a, b = fold_key(a), fold_key(b)
    return a in b or b in a


def _figure_key(figure: dict) -> tuple:
    return figure["kind"], figure["value"], figure.get("denominator")


def _check_scalars(item: dict, gold: dict) -> None:
    for name in ("title", "published_at", "event_date", "event_part_of_day", "is_meeting", "author"):
        expected, actual = gold[name], item[name]
        if isinstance(expected, str):
            expected, actual = fold_key(expected), fold_key(actual or "")
        assert actual == expected, name
    assert set(gold["meeting_kinds"]) <= set(item["meeting_kinds"] or []), "meeting_kinds"


def _check_officials(item: dict, gold: dict) -> None:
    found = {fold_key(o["name"]): o for o in item["officials"]}
    assert set(found) == {fold_key(o["name"]) for o in gold["officials"]}, "officials"
    for expected in gold["officials"]:
        mine = found[fold_key(expected["name"])]
        for title in expected["titles"]:
            assert any(_contains_either(title, t) for t in mine["titles"]), (expected["name"], title)
        assert set(expected["roles"]) <= set(mine["roles"]), expected["name"]


def _check_figures(item: dict, gold: dict) -> None:
    figures = item["figures"]
    assert sorted(map(_figure_key, figures), key=str) == sorted(map(_figure_key, gold["figures"]), key=str)
    by_key = {_figure_key(f): f for f in figures}
    for expected in gold["figures"]:
        mine = by_key[_figure_key(expected)]
        assert mine["unit"] == expected["unit"], expected["text"]
        assert mine["qualifier"] == expected.get("qualifier"), expected["text"]
        if expected.get("measure"):
            assert _contains_either(mine["measure"] or "-", expected["measure"]), (expected["text"], mine["measure"])
        if expected.get("compared_to"):
            assert fold_key(mine["compared_to"] or "") == fold_key(expected["compared_to"]), expected["text"]
        assert mine["sentence"] and mine["text"] in mine["sentence"]
    for text in gold["not_figures"]:
        assert not any(fold_key(text) in fold_key(f["text"]) for f in figures), text
        if re.fullmatch(r"[\d.]+", text):
            assert not any(str(f["value"]) == text.replace(".", "") for f in figures), text


def _check_body(item: dict, gold: dict) -> None:
    assert [fold_key(c) for c in item["image_captions"]] == [fold_key(c) for c in gold["image_captions"]]
    for text in gold["not_in_body"]:
        assert text not in item["body"], text
    assert collapse(item["body"]) == collapse(gold["body"])


CHECKS = {"scalars": _check_scalars, "officials": _check_officials, "figures": _check_figures, "body": _check_body}


def _params() -> list:
    params = []
    for name, check in CHECKS.items():
        for gold in GOLD:
            reason = XFAIL.get((gold["file"], None)) or XFAIL.get((gold["file"], name))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            params.append(pytest.param(gold, check, id=f"{name}-{gold['file'].rsplit('.', 1)[0]}", marks=marks))
    return params


@pytest.mark.parametrize("gold, check", _params())
def test_case(parsed, gold, check):
    check(parsed[gold["file"]], gold)
