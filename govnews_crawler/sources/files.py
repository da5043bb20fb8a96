"""Saved articles and pages read from files: ``.txt`` texts and ``.html`` pages."""

from pathlib import Path

from w3lib.encoding import html_body_declared_encoding

from govnews_crawler.platforms import parse_page

HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".aspx", ".php"}


class InputError(Exception):
    """A file that cannot be read as an article."""


def read_article_file(path: Path, platform: str | None = None) -> dict:
    """Raw article fields of a saved ``.txt`` article or ``.html`` page (read by the
    named platform's template, else the one its markup shows, else the generic one)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file") from None
    except OSError as exc:
        raise InputError(exc.strerror or str(exc)) from None
    if not data.strip():
        raise InputError("empty file")
    is_html = path.suffix.lower() in HTML_SUFFIXES or data.lstrip()[:1] == b"<"
    encoding = (html_body_declared_encoding(data) if is_html else None) or "utf-8-sig"
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise InputError(f"cannot decode as {encoding}") from None
    if is_html:
        return parse_page(text, path.resolve().as_uri(), platform)
    return {"source_text": text, "extractor": "text"}
