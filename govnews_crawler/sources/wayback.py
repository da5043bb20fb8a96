"""The Internet Archive's CDX API and raw captures, as pure functions.

CDX answers are JSON rows: a header row (the ``fl`` fields, in any order; the
server's default is ``urlkey,timestamp,original,mimetype,statuscode,digest,length``),
capture rows, and with ``showResumeKey=true`` an empty row followed by ``[resumeKey]``
when more remain. The plain-text output (space-separated rows, a blank line, then the
resume key) is read too; without a header row its fields are those asked for with ``fl``.
A capture's raw bytes, without the archive's toolbar, are at
``/web/<timestamp>id_/<original>``.
"""

import json
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode, urlsplit, urlunsplit

CDX_FIELDS = ("timestamp", "original", "statuscode", "mimetype", "digest")
# What the article listing needs: the server filters status and type, so only these two travel.
LISTING_FIELDS = ("timestamp", "original")
LISTING_FILTERS = ("statuscode:200", "mimetype:text/html")
DEFAULT_FIELDS = ("urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length")


class CdxError(ValueError):
    """A CDX answer that is not the JSON rows the API promises."""


@dataclass(frozen=True)
class Capture:
    timestamp: str  # YYYYMMDDhhmmss
    original: str
    statuscode: str = ""
    mimetype: str = ""
    digest: str = ""


def cdx_url(endpoint: str, host: str, since: date | None = None, resume_key: str | None = None,
            limit: int = 1000, collapse: str = "digest", *, path: str = "",
            fields: tuple[str, ...] = CDX_FIELDS, resumable: bool = True, output: str = "json",
            filters: tuple[str, ...] = ("statuscode:200",)) -> str:
    """The CDX query for every capture under ``host`` + ``path``, paged with resume keys.

    Only ``from`` is derived from the window: an article published before ``until``
    may have been captured long after it, so the publication date decides that end.
    """
    params = [("url", f"{host}{path}/*"), *([("output", "json")] if output == "json" else []), ("fl", ",".join(fields)),
              *(("filter", rule) for rule in filters)]
    if collapse:
        params.append(("collapse", collapse))
    if resumable:
        params.append(("showResumeKey", "true"))
    params.append(("limit", str(limit)))
    if since:
        params.append(("from", since.strftime("%Y%m%d")))
    if resume_key:
        params.append(("resumeKey", resume_key))
    return f"{endpoint.rstrip('/')}/cdx/search/cdx?{urlencode(params)}"


def parse_cdx(text: str, fields: tuple[str, ...] | None = None) -> tuple[list[Capture], str | None]:
    """Captures of a CDX answer (JSON or plain text) and the resume key, if more pages remain.

    ``fields`` names the columns of a plain-text answer (the ``fl`` asked for; the
    server's 7 default fields when ``None``); a JSON answer names them in its header row.
    """
    if not text.strip():
        return [], None
    if text.lstrip().startswith("["):
        try:
            rows = json.loads(text)
        except json.JSONDecodeError as exc:
            raise CdxError(f"not JSON ({exc.msg} at character {exc.pos}): {text[:60]!r}") from None
    else:
        rows = text_rows(text, fields or DEFAULT_FIELDS)
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise CdxError(f"not a list of rows: {text[:60]!r}")
    if not rows:
        return [], None
    header, body = rows[0], rows[1:]
    if not all(isinstance(h, str) for h in header) or not {"timestamp", "original"} <= set(header):
        raise CdxError(f"unexpected header row {header!r}")
    resume_key = None
    if len(body) >= 2 and body[-2] == [] and len(body[-1]) == 1:
        resume_key, body = body[-1][0], body[:-2]
    captures = []
    for row in body:
        if len(row) != len(header):
            raise CdxError(f"row of {len(row)} fields under a header of {len(header)}: {row!r}")
        values = dict(zip(header, row))
        captures.append(Capture(**{name: values.get(name, "") for name in CDX_FIELDS}))
    return captures, resume_key


def text_rows(text: str, fields: tuple[str, ...]) -> list[list[str]]:
    """A plain-text CDX answer as the JSON output's rows, its header row first."""
    if text.lstrip().startswith("<"):
        raise CdxError(f"not CDX rows: {text[:60]!r}")
    lines = text.strip("\n").split("\n")
    rows: list[list[str]] = [list(fields)]
    for number, line in enumerate(lines):
        if not line.strip():
            rest = [rest_line.strip() for rest_line in lines[number + 1:] if rest_line.strip()]
            if len(rest) != 1:
                raise CdxError(f"a blank line not followed by one resume key: {rest[:2]!r}")
            return [*rows, [], rest]
        rows.append(line.split(" "))
    return rows


def canonical(url: str) -> str:
    """One key for the addresses of one page: scheme, 'www.', default port and
    fragment ignored ('http://www.x.vn:80/a' and 'https://x.vn/a' are one page)."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    return urlunsplit(("", host, parts.path or "/", parts.query, ""))


def newest_per_page(captures) -> list[Capture]:
    """The newest capture of each page, in the order pages were first seen."""
    newest: dict[str, Capture] = {}
    for capture in captures:
        key = canonical(capture.original)
        if key not in newest or capture.timestamp > newest[key].timestamp:
            newest[key] = capture
    return list(newest.values())


def capture_url(endpoint: str, capture: Capture) -> str:
    """The address of a capture's raw bytes."""
    return f"{endpoint.rstrip('/')}/web/{capture.timestamp}id_/{capture.original}"
