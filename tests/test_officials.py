"""Officials rules on sentences beyond the seeds."""

import re

import pytest

from govnews_crawler.extraction.officials import find_officials


def people(text):
    return {o["name"]: (o["titles"], o["roles"]) for o in find_officials(text)}


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Chủ tịch UBND tỉnh Hà Tĩnh Võ Trọng Hải chủ trì hội nghị.",
         {"Võ Trọng Hải": (["Chủ tịch UBND tỉnh Hà Tĩnh"], ["chair"])}),
        ("Đoàn công tác do Thượng tá Lê Văn Sơn, Trưởng Công an huyện dẫn đầu.",
         {"Lê Văn Sơn": (["Trưởng Công an huyện"], ["head_of_delegation"])}),
        ("Dự có ông Nguyễn Văn An, Giám đốc Sở Tài nguyên và Môi trường.",
         {"Nguyễn Văn An": (["Giám đốc Sở Tài nguyên và Môi trường"], ["attendee"])}),
        ("Tiếp đó, đồng chí Phó Chủ tịch UBND huyện Lê Minh Đức trình bày tờ trình.",
         {"Lê Minh Đức": (["Phó Chủ tịch UBND huyện"], ["speaker"])}),
        ("Đ/c Trần Văn Cường - PCT UBND huyện phát biểu.",
         {"Trần Văn Cường": (["PCT UBND huyện"], ["speaker"])}),
        ("Hiệu trưởng Trường THCS Lê Lợi Nguyễn Thị Thu Hà báo cáo.",
         {"Nguyễn Thị Thu Hà": (["Hiệu trưởng Trường THCS Lê Lợi"], ["speaker"])}),
        ("Chủ tịch UBND xã Hà Linh Nguyễn Văn Bình kết luận.",
         {"Nguyễn Văn Bình": (["Chủ tịch UBND xã Hà Linh"], ["concluder"])}),
        ("Hội nghị do đồng chí Lê Văn Nam, Tỉnh ủy viên, Bí thư Huyện ủy và đồng chí Hoàng Thị Lan, "
         "Chủ tịch UBND huyện đồng chủ trì.",
         {"Lê Văn Nam": (["Tỉnh ủy viên", "Bí thư Huyện ủy"], ["co_chair"]),
          "Hoàng Thị Lan": (["Chủ tịch UBND huyện"], ["co_chair"])}),
        ("Đồng chí Lò Văn Pâng và Giàng A Páo cùng dự.",
         {"Lò Văn Pâng": ([], ["attendee"]), "Giàng A Páo": ([], ["attendee"])}),
    ],
)
def test_anchors_titles_roles(sentence, expected):
    assert people(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "UBND huyện Kỳ Anh tổ chức hội nghị tại xã Thạch Hạ, tỉnh Hà Tĩnh.",
        "Phát biểu tại buổi tiếp xúc, ông Trần Văn Bảo, trú tại thôn 3 phản ánh về đường giao thông.",
        "Các đồng chí Phó Chủ tịch UBND huyện và lãnh đạo các phòng dự hội nghị.",
        "Giám đốc Sở Nội vụ Hà Tĩnh đánh giá cao kết quả.",
    ],
)
def test_no_official(sentence):
    assert people(sentence) == {}


def test_a_person_once_with_the_full_title():
    text = ("Đồng chí Phùng Thành Vinh – Bí thư Huyện ủy chủ trì. "
            "Kết luận, đồng chí Phùng Thành Vinh- Bí thư yêu cầu tập trung.")
    assert people(text) == {"Phùng Thành Vinh": (["Bí thư Huyện ủy"], ["chair", "concluder"])}


def test_roles_from_captions():
    found = find_officials("Đồng chí Phùng Thành Vinh – Bí thư Huyện ủy chủ trì hội nghị.",
                           ["Đồng chí Phùng Thành Vinh- Bí thư kết luận hội nghị"])
    assert found == [{"name": "Phùng Thành Vinh", "titles": ["Bí thư Huyện ủy"], "roles": ["chair", "concluder"]}]


def test_post_after_a_list_of_names_goes_to_each():
    found = people("Dự hội nghị có các đồng chí: Lê Văn Sơn, Bí thư Đảng ủy xã; Trương Thị Hoa, Mai Đình Khoa và "
                   "Chu Văn Nghĩa, Phó Chủ tịch UBND xã.")
    assert set(found) == {"Lê Văn Sơn", "Trương Thị Hoa", "Mai Đình Khoa", "Chu Văn Nghĩa"}
    assert all(found[n][0] == ["Phó Chủ tịch UBND xã"] for n in ("Trương Thị Hoa", "Mai Đình Khoa", "Chu Văn Nghĩa"))
    assert all("attendee" in found[n][1] for n in found)


def test_honorific_pair_shares_the_post():
    found = people("Sáng 4/12, ông Tạ Quang Hưng và bà Đinh Thị Lan, đại biểu HĐND tỉnh tiếp xúc cử tri phường Bắc Hà.")
    assert found["Tạ Quang Hưng"][0] == found["Đinh Thị Lan"][0] == ["Đại biểu HĐND tỉnh"]


@pytest.mark.parametrize(
    "text, name",
    [
        ("Hội nghị biểu dương đồng chí Lò Văn Pánh, đảng viên Chi bộ bản Nà Sự, có nhiều đóng góp.", "Lò Văn Pánh"),
        ("UBND xã tặng giấy khen cho ông Hoàng Văn Dũng, hội viên Hội Nông dân thôn Trung.", "Hoàng Văn Dũng"),
    ],
)
def test_affiliation_without_post_is_no_official(text, name):
    assert name not in people(text)


@pytest.mark.parametrize(
    "text, name, title",
    [
        ("Tham dự có đồng chí Đỗ Minh Hải, Trưởng Ban Chỉ đạo phòng chống thiên tai thị xã, cùng các thành viên.",
         "Đỗ Minh Hải", "Trưởng Ban Chỉ đạo phòng chống thiên tai thị xã"),
        ("Bà Kiều Thị Ngân, Thư ký kỳ họp, đọc tờ trình.", "Kiều Thị Ngân", "Thư ký kỳ họp"),
    ],
)
def test_long_posts_kept_whole(text, name, title):
    assert title in people(text)[name][0]


def test_role_cues_are_lowercase_as_the_text_they_are_matched_on():
    from govnews_crawler.extraction.officials import PLURAL_HONORIFIC, ROLE_CUES

    for pattern in [PLURAL_HONORIFIC, *(cue for _, cue in ROLE_CUES)]:
        letters = re.sub(r"\\[A-Za-z]", "", pattern.pattern)
        assert letters == letters.lower(), pattern.pattern
    officials = find_officials("Hội nghị do đồng chí Lê Văn Hòa, Chủ tịch UBND huyện, CHỦ TRÌ.")
    assert officials == [{"name": "Lê Văn Hòa", "titles": ["Chủ tịch UBND huyện"], "roles": ["chair"]}]
