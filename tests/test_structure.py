"""Layout rules of split_article on texts beyond the seeds and cases, and the Tân Dân lead."""

import pytest

from govnews_crawler.extraction.structure import split_article
from govnews_crawler.platforms.tandan import PLATFORM as TANDAN


@pytest.mark.parametrize(
    "raw, paragraph",
    [
        # a paragraph opening with a footer word is body (A1)
        ("Xã tổng kết năm\n\nNgày 2/1, xã Cẩm Quan tổng kết.\n\nBình luận về kết quả, đồng chí Bí thư nói rõ hơn.\n\n"
         "Bình luận\n\nTin khác", "Bình luận về kết quả, đồng chí Bí thư nói rõ hơn."),
        ("Huyện họp\n\nChiều 8/5, huyện họp.\n\nĐánh giá chung, các xã đã hoàn thành kế hoạch.\n\nĐánh giá: 4/5",
         "Đánh giá chung, các xã đã hoàn thành kế hoạch."),
        # an unpunctuated last paragraph is body, not a caption (A2)
        ("Xã Kỳ Tiến giao ban\n\nSáng 6/3, xã giao ban.\n\nKết quả thu thuế: đạt 1,2 tỷ đồng, bằng 60% dự toán",
         "Kết quả thu thuế: đạt 1,2 tỷ đồng, bằng 60% dự toán"),
        ("Phường họp dân\n\nTối 9/9, phường họp dân.\n\nNgười dân đề nghị sớm sửa tuyến đường liên tổ; phường đã ghi nh",
         "Người dân đề nghị sớm sửa tuyến đường liên tổ; phường đã ghi nh"),
        # the paragraph after an image is body when it reads as one (A7)
        ("Hội nghị\n\nSáng 1/6, huyện họp.\n\nimg01\n\nTrong tháng, huyện giải ngân 12 tỷ đồng; khởi công 3 công trình "
         "thủy lợi và 2 tuyến đường giao thông, đạt tiến độ đề ra.", "Trong tháng, huyện giải ngân 12 tỷ đồng"),
    ],
)
def test_body_paragraphs_kept(raw, paragraph):
    parts = split_article(raw)
    assert paragraph in parts.body and not any(paragraph in c for c in parts.captions)


def test_hard_wrapped_lines_rejoined():
    parts = split_article("Chiều\nngày 3/8/2023, ông Lương Văn\nĐức, Chủ tịch UBND xã, chủ trì buổi\nlàm việc với 14 hộ dân.")
    assert parts.title is None
    assert parts.body == "Chiều ngày 3/8/2023, ông Lương Văn Đức, Chủ tịch UBND xã, chủ trì buổi làm việc với 14 hộ dân."


@pytest.mark.parametrize(
    "raw, title, category",
    [
        ("Tin tức - Sự kiện\n\nHuyện ra quân làm đường giao thông\n\nSáng 2/2, huyện ra quân.", "Huyện ra quân làm đường giao thông",
         "Tin tức - Sự kiện"),
        ("Khảo sát ý kiến\n\nBạn thấy dịch vụ công trực tuyến thế nào?\n\nXã Sơn Trà họp dân\n\nNgày 5/5, xã họp dân.",
         "Xã Sơn Trà họp dân", None),
        ("tin-tuc-su-kien - Cổng TTĐT huyện\n\nHuyện đón bằng nông thôn mới\n\nNgày 7/7, huyện đón bằng.",
         "Huyện đón bằng nông thôn mới", None),
        ("Hôm nay, Chủ nhật ngày 12/11/2023\n\nHuyện gặp mặt doanh nghiệp\n\nChiều 10/11, huyện gặp mặt.",
         "Huyện gặp mặt doanh nghiệp", None),
    ],
)
def test_furniture_above_the_title(raw, title, category):
    parts = split_article(raw)
    assert (parts.title, parts.category) == (title, category)
    assert parts.body.startswith(("Sáng", "Ngày", "Chiều"))


@pytest.mark.parametrize(
    "raw, caption",
    [
        ("Đồng chí Vi Văn Tài, Chủ tịch UBND huyện kết luận tại buổi làm việc\n\nNgày 3/3, huyện làm việc với xã.", True),
        ("Sau 6 tháng, xã thu 2,1 tỷ đồng, đạt 55% dự toán; 12 hộ thoát nghèo;\nAn ninh được giữ vững.", False),
    ],
)
def test_text_opening_with_the_body_or_a_caption(raw, caption):
    parts = split_article(raw)
    assert parts.title is None
    assert bool(parts.captions) is caption
    assert parts.body.startswith("Ngày 3/3" if caption else "Sau 6 tháng")


def test_bulleted_counters_are_furniture():
    parts = split_article("Xã ra quân dọn vệ sinh\n  • Ngày đăng: 12/03/2022\n  • Lượt xem: 257\n\nSáng 12/3, xã ra quân.")
    assert (parts.title, parts.date_line, parts.view_count) == ("Xã ra quân dọn vệ sinh", "Ngày đăng: 12/03/2022", 257)
    assert parts.body == "Sáng 12/3, xã ra quân."


@pytest.mark.parametrize(
    "summary",
    ["Sáng 14/4, Hội Nông dân huyện Thọ Xuân tổng kết 5 năm phong trào nông dân thi đua sản xuất.",
     "Ngày 2/10, UBND huyện Quan Sơn họp bàn phương án phòng chống lũ."],
)
def test_tandan_summary_is_the_lead(summary):
    page = (
        "<html><body><div class='tandan-p-article-news-title'>Tiêu đề</div>"
        f"<div class='tandan-p-article-news-summary'>{summary}</div>"
        "<div class='tandan-content-view'><p>Đoạn thứ hai của bài.</p></div></body></html>"
    )
    text = TANDAN.parse_article(page, "https://example.gov.vn/portal/Pages/2023-10-2/a.aspx")["source_text"]
    assert text.splitlines()[0] == summary and "Đoạn thứ hai của bài." in text
