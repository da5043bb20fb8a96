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


SOFT_404 = re.compile(
    r"(?:lỗi|error)\s*404|\b404\s*(?:[-–:|]\s*)?(?:not found|error|lỗi)|không tìm thấy|không tồn tại|"
    r"page not found|\bnot found\b|đã bị xóa|trang bạn (?:yêu cầu|truy cập)",
    re.IGNORECASE,
)


def is_soft_404(title: str | None, text: str) -> bool:
    """A page answered 200 that says it is missing: its title or a short text says so."""
    if title and (SOFT_404.search(title) or title.strip() == "404"):
        return True
    return len(text) < 400 and bool(SOFT_404.search(text))
