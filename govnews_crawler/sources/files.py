"""Saved articles and pages read from files: ``.txt`` texts and ``.html`` pages."""

import os
import stat
from pathlib import Path

from govnews_crawler.platforms import parse_page
from govnews_crawler.sources.pages import decode_page, page_kind

MAX_FILE_BYTES = 20 * 1024 * 1024  # the crawler's DOWNLOAD_MAXSIZE: no saved page is larger

HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".aspx", ".php"}


class InputError(Exception):
    """A file that cannot be read as an article."""


def read_article_file(path: Path, platform: str | None = None, limit: int = MAX_FILE_BYTES) -> dict:
    """Raw article fields of a saved ``.txt`` article or ``.html`` page (read by the
    named platform's template, else the one its markup shows, else the generic one).

    Only regular files of at most ``limit`` bytes are read (never a FIFO, a device or
    a directory, which could block or never end); bytes are decoded as the crawler
    decodes pages (UTF-8, else the declared charset, else Windows-1258)."""
    data = _read_regular(path, limit)
    if not data.strip():
        raise InputError("empty file")
    is_html = path.suffix.lower() in HTML_SUFFIXES or data.lstrip()[:1] == b"<"
    kind = page_kind(data, "text/html" if is_html else "text/plain")
    if kind not in (None, "text"):
        raise InputError(f"not a text or web page ({kind})")
    text, _ = decode_page(data.removeprefix(b"\xef\xbb\xbf"), None)
    if is_html:
        return parse_page(text, path.resolve().as_uri(), platform)
    return {"source_text": text, "extractor": "text"}


def _read_regular(path: Path, limit: int) -> bytes:
    """The bytes of a regular file, opened without blocking and checked before reading."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        raise InputError("no such file") from None
    except IsADirectoryError:
        raise InputError("is a directory, not a file") from None
    except OSError as exc:
        raise InputError(exc.strerror or str(exc)) from None
    info = os.fstat(fd)
    problem = ("is a directory, not a file" if stat.S_ISDIR(info.st_mode)
               else "not a regular file (a FIFO, device or socket is never read)" if not stat.S_ISREG(info.st_mode)
               else f"{info.st_size} bytes, over the limit of {limit} bytes" if info.st_size > limit else None)
    if problem:
        os.close(fd)
        raise InputError(problem)
    with os.fdopen(fd, "rb") as f:
        try:
            data = f.read(limit + 1)
        except OSError as exc:
            raise InputError(exc.strerror or str(exc)) from None
    if len(data) > limit:
        raise InputError(f"over the limit of {limit} bytes")
    return data
