"""The one reading of each kind of argument a person types: dates, counts, flags."""

import re
from datetime import date
from urllib.parse import urlsplit


class ArgumentError(ValueError):
    """An argument value of the wrong form; the message names the argument and the form."""


def date_arg(name: str, value: str | None) -> date | None:
    """``YYYY-MM-DD`` as a date; None when not given."""
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ArgumentError(f"{name}={value!r}: expected a date as YYYY-MM-DD") from None


def positive_int_arg(name: str, value: object) -> int | None:
    """A whole number of at least 1; None when not given."""
    if value in (None, ""):
        return None
    try:
        number = int(str(value))
    except ValueError:
        number = 0
    if number < 1:
        raise ArgumentError(f"{name}={value!r}: expected a whole number of at least 1")
    return number


def url_arg(name: str, value: str | None) -> str | None:
    """An ``http(s)://host[/path]`` address; None when not given."""
    if value in (None, ""):
        return None
    parts = urlsplit(str(value))
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ArgumentError(f"{name}={value!r}: expected an http(s) address such as https://host/path")
    return str(value)


def flag_arg(name: str, value: object) -> bool:
    """``1``/``0`` (also true/false, yes/no)."""
    if value in (None, "", "0", "false", "no", False):
        return False
    if value in ("1", "true", "yes", True):
        return True
    raise ArgumentError(f"{name}={value!r}: expected 1 or 0")


RUN_ID = re.compile(r"[0-9A-Za-z][0-9A-Za-z_.-]{0,63}")


def run_id_arg(name: str, value: str | None) -> str:
    """A run id: it names files (``<data>/<portal>/<run-id>.jsonl``), so no path; '' when not given."""
    if value in (None, ""):
        return ""
    if not RUN_ID.fullmatch(str(value)) or ".." in str(value):
        raise ArgumentError(f"{name}={value!r}: expected letters, digits, '_', '-' or '.', as a file name")
    return str(value)
