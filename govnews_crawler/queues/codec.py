"""Requests as JSON, never pickle, in the shared Redis queue and in a JOBDIR's queues:
anyone who can write to Redis (or into the state folder) must not be able to make a
crawl run code.

A request travels as the dict of ``Request.to_dict(spider=...)`` in JSON; bytes and the one
value class the spiders put in ``cb_kwargs`` (``ListingEntry``) are tagged. Reading
back accepts only that shape: plain ``Request``s over http(s), callbacks named
``parse``/``parse_*`` and errbacks ``on_error``/``*_failed`` of the spider (looked up by name).
Anything else raises ``RejectedPayload``; nothing from the payload is imported,
called or unpickled.
"""

import base64
import json
import re
from dataclasses import fields
from typing import Any

from scrapy import Request
from scrapy.utils.request import request_from_dict

from govnews_crawler.platforms.base import ListingEntry

FIELDS = {"url", "callback", "errback", "headers", "method", "body", "cookies", "meta", "encoding", "priority",
          "dont_filter", "flags", "cb_kwargs"}
CALLBACK = re.compile(r"parse(_[a-z0-9_]+)?")
# Errbacks: on_error, and the archive's sample_failed-style handlers of one request kind.
ERRBACK = re.compile(r"on_error|[a-z0-9_]+_failed")
METHODS = {"GET", "HEAD", "POST"}
ENTRY_FIELDS = {f.name for f in fields(ListingEntry)}


class RejectedPayload(ValueError):
    """A queue entry that is not a request this project wrote."""


class Unserializable(ValueError):
    """A request this codec cannot write (Scrapy's scheduler keeps such a request in memory)."""


def _plain(value: Any) -> Any:
    """JSON's values, bytes and ``ListingEntry`` tagged (the common cases first: a request's
    values are mostly strings)."""
    if value is None or isinstance(value, (str, int, float)):  # bool is an int
        return value
    if isinstance(value, dict):
        return {k if isinstance(k, str) else k.decode("latin-1") if isinstance(k, bytes) else str(k): _plain(v)
                for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, bytes):
        return {"$bytes": base64.b64encode(value).decode("ascii")}
    if isinstance(value, ListingEntry):
        return {"$entry": {name: getattr(value, name) for name in ENTRY_FIELDS}}
    raise Unserializable(f"cannot put a {type(value).__name__} into a request queue")


def _tagged(obj: dict) -> Any:
    if "$bytes" in obj:
        if len(obj) != 1 or not isinstance(obj["$bytes"], str):
            raise RejectedPayload("malformed $bytes")
        return base64.b64decode(obj["$bytes"], validate=True)
    if "$entry" in obj:
        entry = obj["$entry"]
        if len(obj) != 1 or not isinstance(entry, dict) or set(entry) - ENTRY_FIELDS or "url" not in entry \
                or not all(v is None or isinstance(v, str) for v in entry.values()):
            raise RejectedPayload("malformed $entry")
        return ListingEntry(**entry)
    return obj


def _method_name(spider, method) -> str | None:
    """The name of the spider's method ``method`` is (what ``Request.to_dict`` finds by
    listing every member of the spider, once for the callback and once for the errback)."""
    if method is None:
        return None
    name = getattr(method, "__name__", None)
    if getattr(method, "__self__", None) is not spider or name is None \
            or getattr(getattr(spider, name, None), "__func__", None) is not method.__func__:
        raise Unserializable(f"{method!r} is not a method of the spider {spider.name}")
    return name


def as_dict(request: Request, spider) -> dict[str, Any]:
    """``request.to_dict(spider=spider)`` for a plain ``Request`` with the spider's methods as callbacks."""
    if type(request) is not Request:
        raise Unserializable(f"a {type(request).__name__} is not a plain Request")
    entry = {"url": request.url, "callback": _method_name(spider, request.callback),
             "errback": _method_name(spider, request.errback), "headers": dict(request.headers)}
    for attribute in Request.attributes:
        entry.setdefault(attribute, getattr(request, attribute))
    return entry


def dumps(request: Request, spider) -> bytes:
    """The queue entry of a request; ``Unserializable`` (a ValueError) when it cannot be one."""
    return json.dumps(_plain(as_dict(request, spider)), ensure_ascii=False, sort_keys=True).encode()


def loads(payload: bytes, spider) -> Request:
    """The request a queue entry holds; ``RejectedPayload`` for anything else."""
    try:
        obj = json.loads(payload.decode("utf-8"), object_hook=_tagged)
    except (UnicodeDecodeError, ValueError) as problem:
        raise RejectedPayload(f"not JSON: {problem}") from None
    if not isinstance(obj, dict) or not {"url", "callback"} <= set(obj) or set(obj) - FIELDS:
        raise RejectedPayload("not a request: unexpected fields")
    url, method = obj["url"], obj.get("method", "GET")
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        raise RejectedPayload(f"not an http(s) address: {str(url)[:80]!r}")
    if method not in METHODS:
        raise RejectedPayload(f"method {method!r}")
    callback, errback = obj.get("callback"), obj.get("errback")
    if callback is not None and not (isinstance(callback, str) and CALLBACK.fullmatch(callback)):
        raise RejectedPayload(f"callback {callback!r}")
    if errback is not None and not (isinstance(errback, str) and ERRBACK.fullmatch(errback)):
        raise RejectedPayload(f"errback {errback!r}")
    for name, kind in (("meta", dict), ("cb_kwargs", dict), ("headers", dict), ("cookies", (dict, list)),
                       ("flags", list)):
        if name in obj and obj[name] is not None and not isinstance(obj[name], kind):
            raise RejectedPayload(f"{name} is a {type(obj[name]).__name__}")
    try:
        return request_from_dict(obj, spider=spider)
    except (TypeError, ValueError, AttributeError) as problem:
        raise RejectedPayload(f"not a request of {spider.name}: {problem}") from None
