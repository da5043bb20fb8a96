"""Page bytes to text (the charset a page really uses), and pages that say they are missing."""

import re

from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding


def decode_page(body: bytes, content_type: str | None) -> tuple[str, str]:
    """Text of a page and the encoding used: UTF-8 whenever the bytes are valid UTF-8
    (archived pages often declare a charset they do not use), else the charset the
    HTTP header or the page declares, else Windows-1258 (Vietnamese)."""
    try:
        return body.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    for encoding in (http_content_type_encoding(content_type or ""), html_body_declared_encoding(body)):
        if encoding and encoding.replace("-", "").lower() not in ("utf8",):
            try:
                return body.decode(encoding), encoding
            except (UnicodeDecodeError, LookupError):
                continue
    return body.decode("cp1258", errors="replace"), "cp1258"


# Lowercase, matched on lowercased text (a case-insensitive Vietnamese pattern is slow).
SOFT_404 = re.compile(
    r"(?:lỗi|error)\s*404|\b404\s*(?:[-–:|]\s*)?(?:not found|error|lỗi)|không tìm thấy|không tồn tại|"
    r"page not found|\bnot found\b|đã bị xóa|trang bạn (?:yêu cầu|truy cập)",
)


def is_soft_404(title: str | None, text: str) -> bool:
    """A page answered 200 that says it is missing: its title or a short text says so."""
    if title and (SOFT_404.search(title.lower()) or title.strip() == "404"):
        return True
    return len(text) < 400 and bool(SOFT_404.search(text.lower()))


BINARY_SIGNATURES = (
    (b"%PDF", "pdf"), (b"\x89PNG", "image"), (b"\xff\xd8\xff", "image"), (b"GIF8", "image"), (b"RIFF", "media"),
    (b"PK\x03\x04", "archive"), (b"\x1f\x8b", "archive"), (b"Rar!", "archive"), (b"7z\xbc\xaf", "archive"),
    (b"\xd0\xcf\x11\xe0", "office"), (b"ID3", "media"),
)
CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))
TEXT_TYPES = ("text/html", "application/xhtml", "text/xml", "application/xml", "application/rss", "application/atom")


def page_kind(body: bytes, content_type: str | None) -> str | None:
    """None for an HTML or XML text page; else what it is (``pdf``, ``image``, ``archive``,
    ``json``, ``binary``, ``empty`` …), judged from the bytes as well as the header."""
    head = body[:2048].lstrip()
    if not head.strip(b"\x00"):
        return "empty"
    sample = body[:65536]
    if len(sample) - len(sample.translate(None, CONTROL_BYTES)) > len(sample) // 100:  # NULs, noise: not text
        return "binary"
    for signature, kind in BINARY_SIGNATURES:
        if head.startswith(signature):
            return kind
    if head[:1] in (b"{", b"[") and b"<" not in head[:200]:
        return "json"
    declared = (content_type or "").split(";")[0].strip().lower()
    if declared and not declared.startswith(TEXT_TYPES) and declared not in ("text/plain", "application/octet-stream"):
        return declared.split("/")[-1] or "binary"
    return None if b"<" in sample else "text"


def bounded_fields(fields: dict, limit: int) -> tuple[dict, bool]:
    """The page's fields with the article text (``source_text``), and its image captions
    together, cut to ``limit`` characters (the text at a line end where there is one);
    and whether anything was cut. The pipelines' work grows faster than the text."""
    text = fields.get("source_text") or ""
    captions = list(fields.get("image_captions") or [])
    if not limit or (len(text) <= limit and sum(map(len, captions)) <= limit):
        return fields, False
    if len(text) > limit:
        end = text.rfind("\n", 0, limit + 1)
        text = text[: end if end > limit // 2 else limit]
    kept, total = [], 0
    for caption in captions:
        total += len(caption)
        if total > limit:
            break
        kept.append(caption)
    bounded = {**fields, "source_text": text}
    if "image_captions" in fields:
        bounded["image_captions"] = kept
    return bounded, True
