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
        ("Trong 2 ngày (29-30/6), HĐND huyện tổ chức kỳ họp.", "2021-07-01", ("2021-06-30", None)),
    ],
)
def test_other_event_date_forms(body, published, expected):
    assert find_event(body, published) == expected
