"""Is the article a meeting report, and of which kinds."""

import re

MEETING_WORDS = (
    r"hội nghị|cuộc họp|buổi họp|phiên họp|kỳ họp|họp|giao ban|tiếp xúc cử tri|buổi làm việc|"
    r"làm việc với|đối thoại|hội thảo|tọa đàm|đại hội|buổi tiếp công dân|phiên chất vấn|chất vấn"
)
# A meeting word that names another meeting's decisions, not the event reported.
NOT_THE_EVENT = r"(?:nghị quyết|NQ|văn kiện|chào mừng|hướng tới|tiến tới|chuẩn bị|sau)\s+(?:\w+\s+){0,2}"
MEETING = re.compile(rf"(?<!\w)(?:{MEETING_WORDS})(?!\w)", re.IGNORECASE)
EXCLUDED = re.compile(rf"{NOT_THE_EVENT}(?:{MEETING_WORDS})(?!\w)", re.IGNORECASE)
# Anywhere in the body, these say the report is of a meeting.
HELD = re.compile(
    rf"(?:chủ trì|kết luận|khai mạc|bế mạc|tổ chức|diễn ra|phát biểu|tham dự|dự)\s+(?:tại\s+)?"
    rf"(?:{MEETING_WORDS})(?:\s+[^\s,.;:]+){{0,5}}",
    re.IGNORECASE,
)

KINDS = (
    ("online", r"trực tuyến|trực tiếp kết hợp trực tuyến|kết nối (?:trực tuyến|đến các điểm cầu)|điểm cầu"),
    ("regular", r"thường kỳ|định kỳ|thường lệ|phiên họp thường"),
    ("briefing", r"giao ban"),
    ("review", r"tổng kết|sơ kết|kiểm điểm|(?:hội nghị|họp)[^.;]{0,40}đánh giá"),
    ("council_session", r"(?<!trình )(?<!trình các )kỳ họp|phiên họp (?:của )?HĐND"),
    ("voter_contact", r"tiếp xúc cử tri"),
    ("working_session", r"làm việc với|buổi làm việc"),
    ("inspection", r"kiểm tra|thẩm định|giám sát|khảo sát"),
    ("congress", r"(?<!nghị quyết )(?<!NQ )đại hội"),
    ("dialogue", r"đối thoại"),
    ("seminar", r"hội thảo|tọa đàm"),
)
_KIND_PATTERNS = [(kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in KINDS]


def _mentions_meeting(text: str) -> bool:
    return bool(MEETING.search(EXCLUDED.sub(" ", text)))


def classify_meeting(title: str | None, body: str) -> tuple[bool, list[str]]:
    """``(is_meeting, meeting_kinds)`` from the title, the opening paragraph and the body."""
    lead = body.split("\n\n", 1)[0]
    headline = f"{title or ''}\n{lead}"
    is_meeting = _mentions_meeting(headline) or bool(HELD.search(EXCLUDED.sub(" ", body)))
    if not is_meeting:
        return False, []
    scope = "\n".join([headline, *(held.group() for held in HELD.finditer(body))])
    kinds = [kind for kind, pattern in _KIND_PATTERNS if pattern.search(scope)]
    return True, kinds
