"""Figure rules on sentences beyond the seeds."""

import pytest

from govnews_crawler.extraction.figures import find_figures


def figures(text):
    return [(f["kind"], f["value"], f["unit"], f["qualifier"]) for f in find_figures(text)]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Tổng vốn 563 tỷ 859 triệu đồng.", [("money", 563859000000, "VND", None)]),
        ("Dự án 1,5 nghìn tỷ đồng.", [("money", 1500000000000, "VND", None)]),
        ("Vốn FDI 30 triệu USD.", [("money", 30000000, "USD", None)]),
        ("Gieo cấy 150ha lúa, làm 20 km đường.", [("area", 150, "ha", None), ("length", 20, "km", None)]),
        ("Cấp 3.000 m3 nước và 500 lít dầu.", [("volume", 3000, "m3", None), ("volume", 500, "lít", None)]),
        ("Thu hoạch khoảng 12 tạ và hơn 200 kg.", [("mass", 12, "tạ", "approx"), ("mass", 200, "kg", "over")]),
        ("Đón 1,5 triệu lượt khách.", [("count", 1500000, "lượt", None)]),
        ("Hỗ trợ dưới 50 hộ; chưa đến 10%.", [("count", 50, "hộ", "under"), ("percent", 10, "%", "under")]),
        ("Các dự án từ 5 tỷ đồng trở lên.", [("money", 5000000000, "VND", "over")]),
        ("Thu ngân sách đạt 54 tỷ.", [("money", 54000000000, "VND", None)]),
        ("Mức hỗ trợ 500.000đ/người.", [("money", 500000, "VND", None)]),
    ],
)
def test_units_multipliers_qualifiers(sentence, expected):
    assert figures(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Sáng ngày 30/6, hội nghị khai mạc lúc 7h30.",
        "Theo Quyết định số 123/QĐ-UBND ngày 12/3/2020 và Nghị định 45/2020/NĐ-CP.",
        "Đại hội lần thứ 25, kỳ họp thứ 12, khóa XIX, đợt 3, mức độ 4.",
        "Phòng chống dịch Covid-19 và Covid – 19 trong 6 tháng đầu năm, giai đoạn 2021 – 2030.",
        "Triển khai ở 1 số xã trong 20 năm qua, đến tháng 12 năm 1980.",
        "Quốc lộ 1A qua tổ 5 phường Bắc Hồng.",
    ],
)
def test_not_figures(sentence):
    assert figures(sentence) == []


def test_ratio_and_compared_to():
    found = find_figures("Hoàn thành 12/17 chỉ tiêu; thu ngân sách đạt 178 tỷ đồng bằng 75% so với dự toán.")
    ratio, money, percent = found
    assert (ratio["kind"], ratio["value"], ratio["denominator"], ratio["unit"]) == ("ratio", 12, 17, "chỉ tiêu")
    assert money["measure"] == "thu ngân sách"
    assert percent["compared_to"] == "dự toán"
    assert "denominator" not in money


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a figure right after a qualified one is exact (C1)
        ("Sản lượng lương thực ước đạt 41.200 tấn, vượt 3,5% kế hoạch; diện tích ngô gần 640 ha, tăng 25 ha.",
         [("mass", 41200, "tấn", "approx"), ("percent", 3.5, "%", None),
          ("area", 640, "ha", "approx"), ("area", 25, "ha", None)]),
        # a number glued to the word before (C2)
        ("Tỷ lệ hộ dùng nước sạch đạt97,3%, cao hơn năm trước.", [("percent", 97.3, "%", None)]),
        # counts after compound cues (C3)
        ("Phường có tổng số 2.870 hộ, dân số 11.460 người; đã nâng cấp 12 tuyến đường và cấp 410 thẻ bảo hiểm y tế.",
         [("count", 2870, "hộ", None), ("count", 11460, "người", None), ("count", 12, "tuyến", None),
          ("count", 410, "thẻ", None)]),
        # open-vocabulary counts (C4)
        ("Huyện đã trồng 3.500 cây xanh, xây 18 nhà văn hóa, cấp 260 sổ đỏ cho 7 HTX và tiêm 1.200 liều vắc-xin.",
         [("count", 3500, "cây", None), ("count", 18, "nhà", None), ("count", 260, "sổ", None),
          ("count", 7, "HTX", None), ("count", 1200, "liều vắc-xin", None)]),
        ("Hội nghị đã thảo luận 11 báo cáo và biểu quyết thông qua 8 đề án.",
         [("count", 11, "báo cáo", None), ("count", 8, "đề án", None)]),
        # a rate basis is no area and no qualifier (C5)
        ("Năng suất lúa trên 1 ha đạt 62 tạ.", [("mass", 62, "tạ", None)]),
        ("Mỗi 1 ha rừng trồng cho thu nhập 80 triệu đồng.", [("money", 80000000, "VND", None)]),
    ],
)
def test_hard_figures(sentence, expected):
    assert figures(sentence) == expected


def test_measures_carried_and_labelled():
    found = find_figures("Thu ngân sách nhà nước đạt 145 tỷ đồng, bằng 92% dự toán. "
                         "Kinh phí làm đường giao thông: 3 tuyến với tổng số tiền 6,2 tỷ đồng.")
    measures = {f["text"]: (f["measure"], f["compared_to"]) for f in found}
    assert measures["145 tỷ đồng"] == ("Thu ngân sách nhà nước", None)
    assert measures["92%"] == ("Thu ngân sách nhà nước", "dự toán")
    assert measures["6,2 tỷ đồng"][0] == "Kinh phí làm đường giao thông"


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Đến nay, tổng số hộ tham gia bảo hiểm y tế là 4.520 hộ.", ("4.520 hộ", "tổng số hộ tham gia bảo hiểm y tế")),
        ("Qua đợt ra quân, số lượng đoàn viên mới kết nạp đạt 250 người.", ("250 người", "số lượng đoàn viên mới kết nạp")),
        ("Xã đã xây mới 3 phòng học, đưa tổng số phòng học kiên cố lên 48 phòng học.",
         ("48 phòng học", "tổng số phòng học kiên cố")),
        ("Huyện đã hỗ trợ 12 hộ làm nhà.", ("12 hộ", None)),
        ("Xã có tổng số 1.245 hộ.", ("1.245 hộ", None)),
    ],
)
def test_count_measure_is_the_number_of_something(sentence, expected):
    assert [(f["text"], f["measure"]) for f in find_figures(sentence)][-1] == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Ban Chấp hành khóa mới gồm 11 đồng chí.", [("count", 11, "đồng chí")]),
    ("Đoàn công tác gồm 7 đồng chí, hỗ trợ 5 triệu đồng mỗi hộ.", [("count", 7, "đồng chí"), ("money", 5000000, "VND")]),
])
def test_dong_chi_is_counted_not_money(sentence, expected):
    assert [(f["kind"], f["value"], f["unit"]) for f in find_figures(sentence)] == expected
