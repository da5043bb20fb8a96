"""The item contract as a JSON Schema (``schema.json``), and the check of an item against it."""

import json
from functools import cache
from importlib import resources

from jsonschema import Draft202012Validator


@cache
def schema() -> dict:
    return json.loads(resources.files("govnews_crawler.item").joinpath("schema.json").read_text(encoding="utf-8"))


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(schema())


def problems(item: dict) -> list[tuple[str, str]]:
    """Each field that breaks the contract, as (field path, what is wrong); empty when valid."""
    found = []
    for error in sorted(_validator().iter_errors(item), key=lambda e: list(e.absolute_path)):
        path = ".".join(str(p) for p in error.absolute_path) or "(item)"
        found.append((path, error.message[:200]))
    return found
