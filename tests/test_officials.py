"""Officials rules on sentences beyond the seeds."""

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
