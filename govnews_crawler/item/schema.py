"""The item contract as a JSON Schema (``schema.json``), and the check of an item against it.

Every item passes a check compiled from the schema first, a few plain Python tests that
say "valid" only when jsonschema would; the items it cannot vouch for go to jsonschema,
whose errors are the answer. A keyword the compiler does not know sends every item there.
"""

import json
import re
from collections.abc import Callable
from functools import cache
from importlib import resources
from numbers import Number
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator


@cache
def schema() -> dict:
    return json.loads(resources.files("govnews_crawler.item").joinpath("schema.json").read_text(encoding="utf-8"))


@cache
def _inlined_schema() -> dict:
    """The schema with its local ``$ref``s written in place (the same checks, without a
    reference lookup for every field of every item)."""
    document = schema()
    return _inlined(document, document.get("$defs", {}))


@cache
def _validator() -> "Draft202012Validator":
    from jsonschema import Draft202012Validator  # imported when an item needs it (0.1 s)

    return Draft202012Validator(_inlined_schema())


def _inlined(node: Any, defs: dict) -> Any:
    """``node`` with each ``{"$ref": "#/$defs/name"}`` replaced by that definition (inlined too)."""
    if isinstance(node, dict):
        ref = node.get("$ref", "")
        if len(node) == 1 and ref.startswith("#/$defs/"):
            return _inlined(defs[ref.removeprefix("#/$defs/")], defs)
        return {key: _inlined(value, defs) for key, value in node.items()}
    if isinstance(node, list):
        return [_inlined(value, defs) for value in node]
    return node


Check = Callable[[Any], bool]
ANNOTATIONS = frozenset(["$schema", "$id", "$defs", "title", "description"])
# Exact Python types of the JSON types (a subclass is left to jsonschema).
JSON_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,), "null": (type(None),), "boolean": (bool,), "integer": (int,), "number": (int, float),
    "array": (list,), "object": (dict,),
}


@cache
def _certainly_valid() -> Check | None:
    """The compiled check of the inlined schema; None when it uses a keyword not compiled."""
    try:
        return _compiled(_inlined_schema())
    except KeyError:
        return None


def _compiled(node: dict) -> Check:
    """A check that holds only for instances valid against ``node`` (raises KeyError on
    a keyword it does not know)."""
    checks = [_keyword(name, value, node) for name, value in node.items() if name not in ANNOTATIONS]
    return lambda instance: all(check(instance) for check in checks)


def _keyword(name: str, value: Any, node: dict) -> Check:
    if name == "type":
        allowed = tuple(t for kind in ([value] if isinstance(value, str) else value) for t in JSON_TYPES[kind])
        return lambda v: type(v) in allowed
    if name == "properties":
        fields = {key: _compiled(sub) for key, sub in value.items()}
        return _on(dict, lambda v: all(check(v[key]) for key, check in fields.items() if key in v))
    if name == "additionalProperties" and value is False:
        return _on(dict, frozenset(node.get("properties", {})).issuperset)
    if name == "required":
        return _on(dict, lambda v: all(key in v for key in value))
    if name == "items":
        each = _compiled(value)
        return _on(list, lambda v: all(each(x) for x in v))
    if name == "anyOf":
        options = [_compiled(sub) for sub in value]
        return lambda v: any(option(v) for option in options)
    if name == "enum":
        return lambda v: any(type(v) is type(e) and v == e for e in value)
    if name == "uniqueItems" and value is True:
        return _on(list, lambda v: all(type(x) is str for x in v) and len(set(v)) == len(v))
    if name == "pattern":
        search = re.compile(value).search
        return _on(str, lambda v: search(v) is not None)
    if name == "minLength":
        return _on(str, lambda v: len(v) >= value)
    if name == "minimum":
        return lambda v: v >= value if type(v) in (int, float) else isinstance(v, bool) or not isinstance(v, Number)
    raise KeyError(name)


def _on(kind: type, test: Check) -> Check:
    """A keyword that applies to one JSON type: tested on that exact Python type, true of
    other types (jsonschema skips them too); a subclass is left to jsonschema."""
    return lambda v: test(v) if type(v) is kind else not isinstance(v, kind)


def problems(item: dict) -> list[tuple[str, str]]:
    """Each field that breaks the contract, as (field path, what is wrong); empty when valid."""
    check = _certainly_valid()
    if check is not None and check(item):
        return []
    found = []
    for error in sorted(_validator().iter_errors(item), key=lambda e: list(e.absolute_path)):
        path = ".".join(str(p) for p in error.absolute_path) or "(item)"
        found.append((path, error.message[:200]))
    return found
