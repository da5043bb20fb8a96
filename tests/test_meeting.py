"""Meeting or not, and its kinds, on wordings beyond the seeds and cases."""

import re

import pytest

from govnews_crawler.extraction.meeting import MEETING_KINDS, classify_meeting


@pytest.mark.parametrize(
    "title, body",
    [
        (None, "Sáng 12/6, Đoàn giám sát của HĐND tỉnh do đồng chí Phan Văn Tâm dẫn đầu đã giám sát việc thực hiện "
               "chính sách bảo hiểm y tế tại xã Kỳ Thọ."),
        ("Buổi kiểm tra công tác phòng cháy tại chợ Hà Trung", "Lực lượng chức năng đã chỉ ra các tồn tại."),
        (None, "Chiều 3/10, đoàn công tác của Sở Tài nguyên và Môi trường khảo sát hiện trạng bãi rác thôn Đông."),
    ],
)
def test_inspection_visits_are_meetings(title, body):
    assert classify_meeting(title, body) == (True, ["inspection"])


def test_an_inspection_report_without_a_delegation_is_no_meeting():
    assert classify_meeting("Kết quả kiểm tra chất lượng nước", "Nước sinh hoạt của xã đạt chuẩn.")[0] is False


@pytest.mark.parametrize(
    "caption, kind",
    [
        ("Quang cảnh kỳ họp thứ 7 HĐND huyện khóa XX", "council_session"),
        ("Đồng chí Lê Ngọc Huấn phát biểu tại hội nghị tiếp xúc cử tri xã Cẩm Trung", "voter_contact"),
    ],
)
def test_captions_count_for_the_meeting(caption, kind):
    title, body = "Huyện thông qua 9 nghị quyết", "Các đại biểu đã thống nhất cao."
    assert classify_meeting(title, body) == (False, [])
    is_meeting, kinds = classify_meeting(title, body, captions=[caption])
    assert is_meeting and kind in kinds


def test_kinds_listed_once():
    assert "inspection" in MEETING_KINDS and len(set(MEETING_KINDS)) == len(MEETING_KINDS)


def test_the_patterns_are_lowercase_as_the_text_they_are_matched_on():
    """classify_meeting lowercases its text; an uppercase letter in a pattern would never match."""
    from govnews_crawler.extraction import meeting

    patterns = [meeting.MEETING, meeting.EXCLUDED, meeting.HELD, meeting.INSPECTION, meeting.EVENT_PARAGRAPH,
                *(pattern for _, pattern in meeting._KIND_PATTERNS)]
    for pattern in patterns:
        letters = re.sub(r"\\[A-Za-z]", "", pattern.pattern)  # escapes such as \S, \W keep their case
        assert letters == letters.lower(), pattern.pattern
    assert classify_meeting("KỲ HỌP THỨ 7 HĐND HUYỆN", "Sáng 5/7, HĐND huyện khai mạc kỳ họp thứ 7.") == \
        (True, ["council_session"])
