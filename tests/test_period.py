"""The reporting period of a figure: the forms reports use, and the hard cases."""

import json
import re
from datetime import date

import pytest

from govnews_crawler.extraction.period import figure_period, period_in, period_order

from .conftest import DATA

CASES = DATA / "cases"


@pytest.mark.parametrize(("text", "day", "expected"), [
    ("6 tháng đầu năm 2020, tổng thu ngân sách đạt", None, "2020-H1"),
    ("6 tháng cuối năm 2021 phấn đấu", None, "2021-H2"),
    ("Kết quả 9 tháng, thu ngân sách đạt", date(2022, 10, 12), "2022-9M"),
    ("Sau 9 tháng năm 2021, huyện thu", None, "2021-9M"),
    ("Trong quý I/2022, giải ngân", None, "2022-Q1"),
    ("Quý III năm 2023, các cơ quan", None, "2023-Q3"),
    ("Trong quý IV, huyện đã", date(2021, 1, 8), "2020-Q4"),  # a report of January looks back
    ("Trong tháng 10, toàn huyện", date(2020, 11, 2), "2020-10"),
    ("Tháng 12/2019 đạt", None, "2019-12"),
    ("Năm 2019, tổng giá trị sản xuất", None, "2019"),
    ("Năm qua, xã đã vận động", date(2023, 1, 6), "2022"),
    ("Năm nay huyện đặt mục tiêu", date(2023, 1, 6), "2023"),
    ("tăng 7% so với năm 2019", None, None),            # a comparison, not the period
    ("Sáng ngày 12 tháng 10 năm 2022, tổng thu", None, None),  # a date, not a period
    ("Năm học 2023 - 2024 có", None, None),             # a school year is not a calendar year
    ("Đến nay, toàn huyện đã tiêm", date(2022, 3, 21), None),
    ("9 tháng, thu ngân sách", None, None),             # no year anywhere: unknown
])
def test_period_forms(text, day, expected):
    assert period_in(text, len(text), [], day) == expected


def test_sentence_before_paragraph_before_title():
    body = "Hội nghị giao ban.\n\nTrong quý I, huyện thu 50 tỷ đồng. Toàn huyện có 3 doanh nghiệp mới.\n\nKhác: 7 nghị quyết."
    figures = [{"text": "50 tỷ đồng", "sentence": "Trong quý I, huyện thu 50 tỷ đồng."},
               {"text": "3 doanh nghiệp", "sentence": "Toàn huyện có 3 doanh nghiệp mới."},
               {"text": "7 nghị quyết", "sentence": "Khác: 7 nghị quyết."}]
    periods = [figure_period(f, body, "Giao ban 6 tháng đầu năm 2021", date(2021, 7, 5)) for f in figures]
    assert periods == ["2021-Q1", "2021-Q1", "2021-H1"]


def test_nearest_mention_before_the_figure():
    sentence = "Năm 2022 thu 80 tỷ đồng; 6 tháng đầu năm 2023 thu 45 tỷ đồng."
    assert period_in(sentence, sentence.find("80 tỷ"), [], None) == "2022"
    assert period_in(sentence, sentence.find("45 tỷ"), [], None) == "2023-H1"


# The hard cases' figures, annotated by reading each text: (case, figure text) -> period.
GOLD_PERIODS = {
    ("A1_footer_danh_gia.txt", "ước đạt 86,5 tỷ đồng"): "2022-9M",
    ("A1_footer_danh_gia.txt", "78,2%"): "2022-9M",
    ("A1_footer_danh_gia.txt", "14 doanh nghiệp"): "2022-9M",
    ("A2_last_para_no_punct.txt", "420 triệu đồng"): "2022",
    ("A2_last_para_no_punct.txt", "12 hộ nghèo"): "2022",
    ("A2_last_para_no_punct.txt", "480 triệu đồng"): "2022",
    ("A2b_last_para_cut.txt", "86 tập thể"): "2022",
    ("A2b_last_para_cut.txt", "240 cá nhân"): "2022",
    ("A3_hard_wrapped.txt", "6.215 người"): None,
    ("A3_hard_wrapped.txt", "32 cơ sở"): None,
    ("A5a_no_title_first_para.txt", "96,4 tỷ đồng"): None,  # "9 tháng" of no known year
    ("A7_para_after_image.txt", "58,3 tỷ đồng"): "2023-Q1",
    ("A7_para_after_image.txt", "9 công trình giao thông nông thôn"): "2023-Q1",
    ("B1_tandan_summary.html", "3.200 m2"): "2023-Q3",
    ("B2_generic_split_container.html", "9.840 học sinh"): None,  # a school year
    ("B2_generic_split_container.html", "3,4 tỷ đồng"): None,
    ("C1_after_qualified.txt", "ước đạt 512 tỷ đồng"): None,
    ("C1_after_qualified.txt", "12 ha"): None,
    ("C4_lexicon_gaps.txt", "25 DN"): None,  # "Trong năm" of an undated text
    ("D1_year_before_comma.txt", "1.250 tỷ đồng"): "2022",
    ("F2_meeting_in_caption.txt", "2.150 tỷ đồng"): "2023",
    ("F2_meeting_in_caption.txt", "5 xã"): "2023",
    ("F2_meeting_in_caption.txt", "7 nghị quyết"): "2023",
}


def _sentence(body, text):
    return next(s for s in re.split(r"(?<=[.;])\s+", body) if text in s)


def test_periods_of_the_hard_cases():
    gold = {c["file"]: c for c in map(json.loads, (CASES / "gold_cases.jsonl").read_text(encoding="utf-8").splitlines())}
    found = {}
    for (name, text) in GOLD_PERIODS:
        case = gold[name]
        stamp = case.get("event_date") or case.get("published_at")
        figure = {"text": text, "sentence": _sentence(case["body"], text)}
        found[name, text] = figure_period(figure, case["body"], case.get("title"),
                                          date.fromisoformat(stamp[:10]) if stamp else None)
    assert found == GOLD_PERIODS


def test_periods_sort_in_time():
    periods = ["2021", "2020-9M", "2021-Q1", "2020-05", "2020", "2020-H1", "2020-Q3", "2021-H2"]
    assert sorted(periods, key=period_order) == ["2020-05", "2020-H1", "2020-Q3", "2020-9M", "2020", "2021-Q1",
                                                  "2021-H2", "2021"]
