"""Requests in the shared queue as JSON, never pickle: anyone who can write to Redis
must not be able to make a worker run code.

A request travels as ``Request.to_dict(spider=...)`` in JSON; bytes and the one
value class the spiders put in ``cb_kwargs`` (``ListingEntry``) are tagged. Reading
back accepts only that shape: plain ``Request``s over http(s), callbacks named
``parse``/``parse_*`` and errback ``on_error`` of the spider (looked up by name).
Anything else raises ``RejectedPayload``; nothing from the payload is imported,
called or unpickled.
"""

import base64
import json
import re
from dataclasses import asdict, fields
from typing import Any

from scrapy import Request
from scrapy.utils.request import request_from_dict

from govnews_crawler.platforms.base import ListingEntry

FIELDS = {"url", "callback", "errback", "headers", "method", "body", "cookies", "meta", "encoding", "priority",
          "dont_filter", "flags", "cb_kwargs"}
CALLBACK = re.compile(r"parse(_[a-z0-9_]+)?")
ERRBACKS = {"on_error"}
METHODS = {"GET", "HEAD", "POST"}
ENTRY_FIELDS = {f.name for f in fields(ListingEntry)}


class RejectedPayload(ValueError):
    """A queue entry that is not a request this project wrote."""


def _plain(value: Any) -> Any:
    if isinstance(value, bytes):
        return {"$bytes": base64.b64encode(value).decode("ascii")}
    if isinstance(value, ListingEntry):
        return {"$entry": asdict(value)}
    if isinstance(value, dict):
        return {k.decode("latin-1") if isinstance(k, bytes) else str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"cannot put a {type(value).__name__} into the shared queue")


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


def dumps(request: Request, spider) -> bytes:
    """The queue entry of a request."""
    return json.dumps(_plain(request.to_dict(spider=spider)), ensure_ascii=False, sort_keys=True).encode()


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
    if errback is not None and errback not in ERRBACKS:
        raise RejectedPayload(f"errback {errback!r}")
    for name, kind in (("meta", dict), ("cb_kwargs", dict), ("headers", dict), ("cookies", (dict, list)),
                       ("flags", list)):
        if name in obj and obj[name] is not None and not isinstance(obj[name], kind):
            raise RejectedPayload(f"{name} is a {type(obj[name]).__name__}")
    try:
        return request_from_dict(obj, spider=spider)
    except (TypeError, ValueError, AttributeError) as problem:
        raise RejectedPayload(f"not a request of {spider.name}: {problem}") from None
