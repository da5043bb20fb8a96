"""Is the article a meeting report, and of which kinds.

The patterns are lowercase and matched on lowercased text: Python's ``re`` tries a
case-insensitive pattern that opens on a Vietnamese letter at every position of the
text, a lowercase one only where its first letters are (five to ten times faster).
"""

import re

from govnews_crawler.extraction.text import opening_on

MEETING_WORDS = (
    r"hội nghị|cuộc họp|buổi họp|phiên họp|kỳ họp|họp|giao ban|tiếp xúc cử tri|buổi làm việc|"
    r"làm việc với|đối thoại|hội thảo|tọa đàm|đại hội|buổi tiếp công dân|phiên chất vấn|chất vấn"
)
# A meeting word that names another meeting's decisions, not the event reported.
NOT_THE_EVENT = r"(?:nghị quyết|nq|văn kiện|chào mừng|hướng tới|tiến tới|chuẩn bị|sau)\s+(?:\w+\s+){0,2}"
MEETING = re.compile(rf"(?<!\w)(?:{MEETING_WORDS})(?!\w)")
EXCLUDED = re.compile(rf"{NOT_THE_EVENT}(?:{MEETING_WORDS})(?!\w)")
# Anywhere in the body, these say the report is of a meeting.
HELD = re.compile(
    rf"(?:chủ trì|kết luận|khai mạc|bế mạc|tổ chức|diễn ra|phát biểu|tham dự|dự)\s+(?:tại\s+)?"
    rf"(?:{MEETING_WORDS})(?:\s+[^\s,.;:]+){{0,5}}",
)

KINDS = (
    ("online", r"trực tuyến|trực tiếp kết hợp trực tuyến|kết nối (?:trực tuyến|đến các điểm cầu)|điểm cầu"),
    ("regular", r"thường kỳ|định kỳ|thường lệ|phiên họp thường"),
    ("briefing", r"giao ban"),
    ("review", r"tổng kết|sơ kết|kiểm điểm|(?:hội nghị|họp)[^.;]{0,80}đánh giá"),
    ("council_session", r"(?<!trình )(?<!trình các )kỳ họp|phiên họp (?:của )?hđnd"),  # opens on k or p
    ("voter_contact", r"tiếp xúc cử tri"),
    ("working_session", r"làm việc với|buổi làm việc"),
    ("inspection", r"kiểm tra|thẩm định|giám sát|khảo sát"),
    ("congress", r"(?<!nghị quyết )(?<!nq )đại hội"),  # opens on đ
    ("dialogue", r"đối thoại"),
    ("seminar", r"hội thảo|tọa đàm"),
)
MEETING_KINDS = tuple(kind for kind, _ in KINDS)  # the one list of tags, e.g. for a JSON-schema enum
# The kinds whose pattern opens on a look-behind get a look-ahead on their first letters.
_OPENING = {"council_session": "kp", "congress": "đ"}
_KIND_PATTERNS = [(kind, opening_on(_OPENING[kind], pattern) if kind in _OPENING else re.compile(pattern))
                  for kind, pattern in KINDS]
# An inspection or supervision visit: a delegation that inspects, or a named visit.
INSPECTION = re.compile(
    r"\b(?:buổi|đợt|cuộc|chuyến)\s+(?:kiểm tra|giám sát|khảo sát)\b"
    r"|\bđoàn\b[^.;\n]{0,150}?\b(?:kiểm tra|giám sát|khảo sát)\b",
)
# A paragraph that opens on a time of day reports an event of its own ('Chiều cùng ngày, …').
EVENT_PARAGRAPH = re.compile(r"^(?:sáng|trưa|chiều|tối)\b[^\n]*", re.MULTILINE)


def _mentions_meeting(text: str) -> bool:
    return bool(MEETING.search(EXCLUDED.sub(" ", text)))


def classify_meeting(title: str | None, body: str, captions: list[str] | tuple[str, ...] = ()) -> tuple[bool, list[str]]:
    """``(is_meeting, meeting_kinds)`` from the title, the opening paragraph, the
    captions (a photo of the meeting names it) and the body."""
    title, body, captions = (title or "").lower(), body.lower(), [c.lower() for c in captions]
    lead = body.split("\n\n", 1)[0]
    headline = "\n".join([title, lead, *captions])
    is_meeting = (
        _mentions_meeting(headline)
        or bool(INSPECTION.search(headline))
        or bool(HELD.search(EXCLUDED.sub(" ", body)))
    )
    if not is_meeting:
        return False, []
    held = (match.group() for match in HELD.finditer(body))
    events = (match.group() for match in EVENT_PARAGRAPH.finditer(body))
    scope = "\n".join([headline, *held, *events])
    kinds = [kind for kind, pattern in _KIND_PATTERNS if pattern.search(scope)]
    return True, kinds
