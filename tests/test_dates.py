import pytest

from govnews_crawler.extraction.dates import (
    body_year,
    date_from_url,
    find_event,
    looks_like_date_line,
    parse_date_line,
)


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Ngày đăng 29/07/2020 | 07:50 | View count: 755", "2020-07-29T07:50:00+07:00"),
        ("Ngày đăng: 08/07/2024  11:38", "2024-07-08T11:38:00+07:00"),
        ("Cập nhật: 19/11/2020", "2020-11-19"),
        ("21:27 27/06/2020", "2020-06-27T21:27:00+07:00"),
        ("Đăng ngày 11 - 11 - 2023", "2023-11-11"),
        ("Ngày 04/08/2020 17:29:33", "2020-08-04T17:29:33+07:00"),
        ("(05:12, 18/06/2020)", "2020-06-18T05:12:00+07:00"),
        ("Ngày xuất bản: 16/09/2020 5:02:00 CH", "2020-09-16T17:02:00+07:00"),
        ("Thứ Năm 04/11/2021 09:58", "2021-11-04T09:58:00+07:00"),
        ("Thứ ba - 24/12/2019 03:56", "2019-12-24T03:56:00+07:00"),
        ("Ngày 13-05-2021 - Lượt xem: 45", "2021-05-13"),
        ("24/09/2021", "2021-09-24"),
    ],
)
def test_date_lines(line, expected):
    assert looks_like_date_line(line)
    assert parse_date_line(line) == expected


@pytest.mark.parametrize(
    "line",
    ["Hôm nay, Thứ hai ngày 10/08/2020", "Ngày 25/7, UBND huyện tổ chức hội nghị", "Sáng ngày 14/12/2020, Đoàn Thẩm định"],
)
def test_not_date_lines(line):
    assert not looks_like_date_line(line)


@pytest.mark.parametrize(
    "body, published, expected",
    [
        ("Sáng ngày 30/6, UBND huyện tổ chức hội nghị.", "2020-07-01", ("2020-06-30", "morning")),
        ("Chiều 26/10, UBND huyện họp.", "2020-10-27T08:00:00+07:00", ("2020-10-26", "afternoon")),
        ("Sáng ngày 14/12/2020, Đoàn làm việc.", None, ("2020-12-14", "morning")),
        ("Ngày 25/7, UBND huyện tổ chức hội nghị.", "2020-07-29T07:50:00+07:00", ("2020-07-25", None)),
        ("Tối 30/12, huyện tổ chức tổng kết.", "2021-01-02", ("2020-12-30", "evening")),
        ("Trưa ngày 5/1, đoàn đến thăm.", "2021-01-06", ("2021-01-05", "noon")),
        ("Thực hiện Kế hoạch số 12/KH-UBND ngày 2/3, sáng 9/3 huyện họp.", "2022-03-10", ("2022-03-09", "morning")),
        ("Huyện đã hoàn thành kế hoạch.", "2022-03-10", (None, None)),
    ],
)
def test_event_dates(body, published, expected):
    assert find_event(body, published) == expected


def test_year_from_the_body_when_unpublished():
    body = "Chiều ngày 26/10, UBND huyện họp.\n\nVề nhiệm vụ tháng 11 năm 2020, triển khai tuyển quân năm 2021 và hoạt động năm 2021."
    assert find_event(body, None) == ("2020-10-26", "afternoon")


def test_body_year_ignores_history_and_ranges():
    assert body_year("6 tháng cuối năm 2020; cấp đổi đất trước tháng 12 năm 1980; giai đoạn 2011 – 2020") == 2020
    assert body_year("Không có năm nào.") is None


def test_date_from_url():
    assert date_from_url("https://honglinh.hatinh.gov.vn/portal/pages/2020-12-14/Doan-tham-dinh-484841.aspx") == "2020-12-14"
    assert date_from_url("https://doluong.gov.vn/hoi-nghi/") is None


@pytest.mark.parametrize(
    "body, published, expected",
    [
        ("Sáng nay (30/6), huyện tổ chức kỳ họp.", "2021-06-30", ("2021-06-30", "morning")),
        ("Ngày 30 tháng 6 năm 2020, UBND huyện họp.", None, ("2020-06-30", None)),
        ("Trong 2 ngày (29-30/6), HĐND huyện tổ chức kỳ họp.", "2021-07-01", ("2021-06-29", None)),  # a range starts on its first day
    ],
)
def test_other_event_date_forms(body, published, expected):
    assert find_event(body, published) == expected


@pytest.mark.parametrize(
    "body, published, expected",
    [
        # a year before a comma is a year (D1)
        ("Chiều ngày 14/12, huyện họp bàn kế hoạch năm 2024, định hướng năm 2025. Trong năm 2024, huyện đạt 12 chỉ tiêu.",
         None, ("2024-12-14", "afternoon")),
        # a cited document's date is not the event (D3)
        ("Căn cứ Nghị quyết số 08/NQ-HĐND ngày 10/7/2023 của HĐND tỉnh, sáng 25/8/2023 Thường trực HĐND xã Cẩm Lạc họp.",
         None, ("2023-08-25", "morning")),
        ("Thực hiện Luật Tiếp công dân ngày 25 tháng 11 năm 2013, ngày 5 tháng 9 năm 2024 UBND huyện tiếp công dân.",
         None, ("2024-09-05", None)),
        # day lists and ranges start on their first day (D4)
        ("Trong hai ngày 16 và 17/5, Đoàn giám sát của HĐND huyện làm việc tại xã Sơn Kim.", "2024-05-20", ("2024-05-16", None)),
        ("Từ ngày 3 đến ngày 5 tháng 6 năm 2024, huyện tổ chức lớp bồi dưỡng.", None, ("2024-06-03", None)),
        ("Trong các ngày 11-12/9/2023, xã Thạch Đài tổ chức đại hội.", None, ("2023-09-11", None)),
        # 29/2 takes a year of the named term in which it exists (D5)
        ("Sáng 29/2, HĐND thị xã khóa XII, nhiệm kỳ 2016 – 2021 họp phiên bất thường.", None, ("2020-02-29", "morning")),
    ],
)
def test_event_date_hard_cases(body, published, expected):
    assert find_event(body, published) == expected
