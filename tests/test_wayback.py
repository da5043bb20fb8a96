"""CDX parsing, capture choice, page decoding and 'not found' pages."""

import json
from datetime import date

import pytest

from govnews_crawler.sources.pages import decode_page, is_soft_404
from govnews_crawler.sources.wayback import (
    Capture,
    CdxError,
    canonical,
    capture_url,
    cdx_url,
    newest_per_page,
    parse_cdx,
)

HEADER = ["timestamp", "original", "statuscode", "mimetype", "digest"]


def test_cdx_rows_and_resume_key():
    text = json.dumps([HEADER, ["20200101000000", "http://x.vn/a", "200", "text/html", "D"], [], ["key-2"]])
    captures, key = parse_cdx(text)
    assert captures == [Capture("20200101000000", "http://x.vn/a", "200", "text/html", "D")] and key == "key-2"
    assert parse_cdx(json.dumps([HEADER])) == ([], None)
    assert parse_cdx("") == ([], None)


@pytest.mark.parametrize("text", ["<html><body>503</body></html>", '[["timestamp","original"],["2020', '{"a": 1}',
                                  json.dumps([HEADER, ["only", "three", "fields"]])])
def test_bad_cdx_answers_raise(text):
    with pytest.raises(CdxError):
        parse_cdx(text)


def test_the_newest_capture_of_each_page():
    old = Capture("20200101000000", "http://www.x.vn:80/a", "200", "text/html", "1")
    new = Capture("20230101000000", "https://x.vn/a", "200", "text/html", "2")
    other = Capture("20210101000000", "https://x.vn/b", "200", "text/html", "3")
    assert newest_per_page([old, other, new]) == [new, other]
    assert canonical("http://www.X.vn:80/a#top") == canonical("https://x.vn/a") == "//x.vn/a"


def test_query_and_capture_addresses():
    url = cdx_url("https://web.archive.org/", "kyanh.hatinh.gov.vn", since=date(2020, 1, 2), resume_key="k")
    assert url.startswith("https://web.archive.org/cdx/search/cdx?url=kyanh.hatinh.gov.vn%2F%2A&output=json")
    assert "filter=statuscode%3A200" in url and "showResumeKey=true" in url
    assert "from=20200102" in url and "resumeKey=k" in url and "to=" not in url
    capture = Capture("20200101000000", "https://x.vn/a?b=1", "200", "text/html", "D")
    assert capture_url("https://web.archive.org", capture) == "https://web.archive.org/web/20200101000000id_/https://x.vn/a?b=1"


def test_pages_are_decoded_as_what_they_are():
    assert decode_page("Hội nghị".encode(), "text/html; charset=iso-8859-1") == ("Hội nghị", "utf-8")
    assert decode_page("Đà Lat".encode("cp1258"), "text/html; charset=windows-1258") == ("Đà Lat", "cp1258")
    assert decode_page("Hội nghị".encode("utf-16-le"), None)[1] == "cp1258"


@pytest.mark.parametrize("title, text, missing", [
    ("Không tìm thấy trang", "", True),
    ("404", "", True),
    ("Cổng TTĐT", "Lỗi 404 - Trang bạn yêu cầu không tồn tại.", True),
    ("Hội nghị chuyên đề số 404", "Sáng nay hội nghị chuyên đề số 404 khai mạc.", False),
    ("Hội nghị", "Các đại biểu thảo luận về 404 hồ sơ tồn đọng.", False),
])
def test_soft_404(title, text, missing):
    assert is_soft_404(title, text) is missing


ROWS = [("20200101000000", "http://x.vn/a", "200", "text/html", "D1"),
        ("20200202000000", "http://x.vn/b?id=2", "200", "text/html", "D2")]
DEFAULT = ["urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length"]


def default_row(row):
    stamp, original, status, mime, digest = row
    return ["vn,x)/" + original.split("/", 3)[3], stamp, original, mime, status, digest, "1234"]


def test_cdx_answers_in_every_shape_give_the_same_captures():
    want = [Capture(*row) for row in ROWS]
    reordered = ["digest", "original", "mimetype", "timestamp", "statuscode"]
    as_reordered = [[dict(zip(HEADER, row))[name] for name in reordered] for row in ROWS]
    answers = {
        "five fields": json.dumps([HEADER, *map(list, ROWS), [], ["k2"]]),
        "seven default fields": json.dumps([DEFAULT, *map(default_row, ROWS), [], ["k2"]]),
        "reordered": json.dumps([reordered, *as_reordered, [], ["k2"]]),
        "plain text, default fields": "\n".join(" ".join(default_row(row)) for row in ROWS) + "\n\nk2\n",
    }
    for shape, text in answers.items():
        assert parse_cdx(text) == (want, "k2"), shape
    plain = "\n".join(" ".join(row) for row in ROWS) + "\n"
    assert parse_cdx(plain, fields=tuple(HEADER)) == (want, None)
    with pytest.raises(CdxError):
        parse_cdx("a b c\n\nk1\nk2\n")
