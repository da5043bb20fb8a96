"""Indicator codes: the curated table and the phrase variants that name each indicator."""

import json

import pytest

from govnews_crawler.extraction.indicators import catalogue, indicator_of

from .conftest import CASES, GOLD


@pytest.mark.parametrize(("measure", "code"), [
    ("tổng thu ngân sách", "budget_revenue"),
    ("Thu ngân sách nhà nước trên địa bàn", "budget_revenue"),
    ("thu nội địa", "budget_revenue"),
    ("Tổng giá trị sản xuất theo hiện hành", "production_value"),
    ("Giá trị sản xuất nông nghiệp", "agriculture_production_value"),
    ("giá trị sản xuất công nghiệp - tiểu thủ công nghiệp", "industry_production_value"),
    ("Thu nhập bình quân đầu người", "income_per_capita"),
    ("tổng sản lượng lương thực", "food_output"),
    ("Tỷ lệ hộ nghèo", "poverty_rate"),
    ("tỷ lệ hộ cận nghèo", "near_poverty_rate"),
    ("giải ngân vốn đầu tư công", "public_investment_disbursement"),
    ("Kim ngạch xuất khẩu", "export_value"),
    ("tỷ lệ bao phủ bảo hiểm y tế", "health_insurance_coverage"),
    ("Giá trị thu hoạch trên 1 ha đất canh tác", None),
    ("tổng kinh phí", None),
])
def test_measure_phrases(measure, code):
    assert indicator_of({"measure": measure}) == code


@pytest.mark.parametrize(("figure", "code"), [
    ({"text": "14 doanh nghiệp", "unit": "doanh nghiệp", "sentence": "Toàn huyện có 14 doanh nghiệp thành lập mới."},
     "new_enterprises"),
    ({"text": "5 xã", "unit": "xã", "sentence": "Toàn huyện có thêm 5 xã đạt chuẩn nông thôn mới."},
     "new_countryside_communes"),
    ({"text": "1.250 lao động", "unit": "lao động", "sentence": "Giải quyết việc làm mới cho 1.250 lao động."},
     "jobs_created"),
    ({"text": "5 xã", "unit": "xã", "sentence": "Đoàn đã làm việc tại 5 xã vùng lũ."}, None),
    # no measure from the extraction: the clause just before the figure names it
    ({"text": "3,9%", "unit": "%", "sentence": "Năm 2020, thu nhập tăng; tỷ lệ hộ nghèo giảm còn 3,9%."}, "poverty_rate"),
    ({"text": "5,1%", "unit": "%", "sentence": "Tỷ lệ hộ nghèo còn 6,4%; tỷ lệ hộ cận nghèo còn 5,1%."}, "near_poverty_rate"),
    ({"text": "ước đạt 2.630 tỷ đồng", "unit": "VND", "sentence": "6 tháng, tổng giá trị sản xuất ước đạt 2.630 tỷ đồng."},
     "production_value"),
    ({"text": "52%", "unit": "%", "sentence": "Thu ngân sách đạt 96 tỷ đồng, bằng 52% dự toán."}, None),
])
def test_counts_without_a_measure(figure, code):
    assert indicator_of(figure) == code


def test_catalogue_is_versioned_and_codes_unique():
    version, indicators = catalogue()
    codes = [i.code for i in indicators]
    assert version and len(codes) == len(set(codes)) >= 20
    assert all(p == p.lower() for i in indicators for p in i.phrases)


def test_how_many_figures_of_the_fixtures_get_an_indicator():
    figures = [f for path in (GOLD, CASES / "gold_cases.jsonl")
               for case in map(json.loads, path.read_text(encoding="utf-8").splitlines()) for f in case["figures"]]
    coded = [f for f in figures if indicator_of(f)]
    print(f"{len(coded)} of {len(figures)} gold figures get an indicator")
    assert {indicator_of(f) for f in coded} >= {"budget_revenue", "production_value", "public_investment_disbursement"}
