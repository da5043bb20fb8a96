"""The demo's articles, written for the demo: two fictional districts over 2020–2021.

``huyện Mẫu`` (Hà Tĩnh) is a live sample portal on the old Hà Tĩnh district platform,
its pages saved in ``demo/site`` (regenerate them with ``python -m govnews_crawler.demo.content``);
``huyện Mẫu Sơn`` (Nghệ An) is a closed sample portal on WordPress, read from a stand-in
archive whose captures are rendered here. Meetings with officials and figures, council
sessions, a voter contact, and news that is no meeting.
"""

import html
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

SITE = Path(__file__).resolve().parent / "site"
PER_PAGE = 5


@dataclass(frozen=True)
class Article:
    slug: str
    published: str  # YYYY-MM-DDTHH:MM
    title: str
    paragraphs: tuple[str, ...]
    captions: tuple[str, ...] = ()
    author: str = "Minh Châu"
    category: str = "Chính trị"


MAU = [
    Article("giao-ban-thang-5-2020", "2020-06-05T16:30", "UBND huyện Mẫu tổ chức hội nghị giao ban tháng 5", (
        "Sáng ngày 4/6, UBND huyện Mẫu tổ chức hội nghị giao ban đánh giá kết quả thực hiện nhiệm vụ tháng 5, triển khai nhiệm vụ tháng 6. Đồng chí Nguyễn Văn An – Phó Bí thư Huyện ủy, Chủ tịch UBND huyện chủ trì hội nghị.",
        "Trong tháng 5, thu ngân sách trên địa bàn đạt 12,5 tỷ đồng, bằng 48% dự toán; toàn huyện gieo cấy 1.250 ha lúa. Có thêm 2 xã đạt chuẩn nông thôn mới.",
        "Phát biểu kết luận hội nghị, đồng chí Nguyễn Văn An yêu cầu các phòng, ban, đơn vị tập trung hoàn thành các chỉ tiêu năm 2020.",
    ), ("Toàn cảnh hội nghị giao ban tháng 5", "Đồng chí Trần Thị Bình, Phó Chủ tịch UBND huyện báo cáo tại hội nghị")),
    Article("ra-quan-ve-sinh-moi-truong", "2020-06-03T09:05", "Ra quân tổng vệ sinh môi trường hưởng ứng Ngày Môi trường thế giới", (
        "Hưởng ứng Ngày Môi trường thế giới, đoàn viên thanh niên các xã đã ra quân thu gom rác thải, phát quang đường làng, ngõ xóm.",
        "Các đoàn viên trồng thêm cây xanh dọc các tuyến đường trục xã, khơi thông cống rãnh quanh khu dân cư.",
    ), ("Đoàn viên thanh niên thu gom rác thải, phát quang đường làng",), "Thu Hà", "Văn hóa - Xã hội"),
    Article("so-ket-6-thang-dau-nam-2020", "2020-07-08T15:10", "Huyện Mẫu sơ kết 6 tháng đầu năm 2020", (
        "Chiều ngày 7/7, UBND huyện Mẫu tổ chức hội nghị sơ kết tình hình kinh tế - xã hội 6 tháng đầu năm 2020. Đồng chí Nguyễn Văn An, Chủ tịch UBND huyện chủ trì; dự hội nghị có đồng chí Lê Minh Đức, Bí thư Huyện ủy.",
        "6 tháng đầu năm 2020, tổng giá trị sản xuất ước đạt 2.410 tỷ đồng, tăng 5,8% so với cùng kỳ; tổng thu ngân sách trên địa bàn ước đạt 96,4 tỷ đồng, bằng 52% dự toán.",
        "Toàn huyện có 24 doanh nghiệp thành lập mới; giải quyết việc làm mới cho 1.150 lao động; giải ngân vốn đầu tư công đạt 118 tỷ đồng.",
        "Kết luận hội nghị, đồng chí Lê Minh Đức đề nghị các ngành tập trung phòng chống dịch và đẩy nhanh tiến độ giải ngân.",
    ), ("Đồng chí Lê Minh Đức, Bí thư Huyện ủy phát biểu kết luận",)),
    Article("giao-ban-quy-iii-2020", "2020-10-12T10:20", "Hội nghị giao ban quý III và đánh giá kết quả 9 tháng năm 2020", (
        "Sáng ngày 12/10/2020, UBND huyện Mẫu tổ chức hội nghị giao ban quý III. Đồng chí Trần Thị Bình, Phó Chủ tịch UBND huyện chủ trì hội nghị.",
        "Trong 9 tháng, tổng thu ngân sách trên địa bàn ước đạt 141,2 tỷ đồng, bằng 76% dự toán; tổng giá trị sản xuất ước đạt 3.650 tỷ đồng; tổng sản lượng lương thực đạt 48.600 tấn.",
        "Toàn huyện có 37 doanh nghiệp thành lập mới; giải ngân vốn đầu tư công đạt 186 tỷ đồng.",
    ), ("Toàn cảnh hội nghị giao ban quý III",), "Thu Hà"),
    Article("ky-hop-thu-15-hdnd-huyen", "2020-12-18T17:45", "Kỳ họp thứ 15 HĐND huyện Mẫu khóa XIX", (
        "Ngày 17/12/2020, HĐND huyện Mẫu khóa XIX tổ chức kỳ họp thứ 15. Đồng chí Phạm Quốc Hưng, Phó Bí thư Thường trực Huyện ủy, Chủ tịch HĐND huyện chủ trì kỳ họp; dự có đồng chí Nguyễn Văn An, Chủ tịch UBND huyện.",
        "Năm 2020, tổng giá trị sản xuất đạt 4.980 tỷ đồng, tăng 6,1% so với năm trước; tổng thu ngân sách trên địa bàn đạt 188,6 tỷ đồng; thu nhập bình quân đầu người đạt 41,5 triệu đồng; tỷ lệ hộ nghèo giảm còn 3,9%.",
        "Trong năm, toàn huyện có thêm 4 xã đạt chuẩn nông thôn mới; tổng sản lượng lương thực đạt 66.200 tấn.",
        "Kỳ họp đã thông qua 9 nghị quyết quan trọng về phát triển kinh tế - xã hội năm 2021.",
    ), ("Quang cảnh kỳ họp thứ 15 HĐND huyện",), "Quang Vinh"),
    Article("tiep-xuc-cu-tri-xa-son-tay", "2021-01-15T08:40", "Đại biểu HĐND huyện tiếp xúc cử tri xã Sơn Tây", (
        "Sáng ngày 14/1/2021, đồng chí Phạm Quốc Hưng, Chủ tịch HĐND huyện cùng các đại biểu HĐND huyện đã tiếp xúc cử tri xã Sơn Tây.",
        "Cử tri kiến nghị sớm nâng cấp tuyến đường liên xã và hỗ trợ 35 hộ nghèo xây mới nhà ở.",
        "Đồng chí Phạm Quốc Hưng tiếp thu, giải trình các ý kiến thuộc thẩm quyền của huyện.",
    ), ("Cử tri xã Sơn Tây phát biểu ý kiến",), "Quang Vinh"),
    Article("hoi-thi-van-nghe-quan-chung", "2021-03-26T14:00", "Sôi nổi hội thi văn nghệ quần chúng mừng Đảng, mừng Xuân", (
        "Hội thi văn nghệ quần chúng năm nay thu hút 18 đội đến từ các xã, thị trấn với nhiều tiết mục đặc sắc.",
        "Các tiết mục ca ngợi quê hương, đất nước và công cuộc xây dựng nông thôn mới được khán giả đón nhận nhiệt tình.",
    ), ("Một tiết mục tại hội thi",), "Thu Hà", "Văn hóa - Xã hội"),
    Article("giao-ban-quy-i-2021", "2021-04-06T16:15", "UBND huyện giao ban kinh tế - xã hội quý I/2021", (
        "Chiều ngày 5/4, UBND huyện Mẫu tổ chức hội nghị giao ban kinh tế - xã hội quý I/2021. Đồng chí Nguyễn Văn An, Chủ tịch UBND huyện chủ trì hội nghị.",
        "Trong quý I, tổng thu ngân sách trên địa bàn đạt 46,8 tỷ đồng, bằng 23% dự toán; giải ngân vốn đầu tư công đạt 52 tỷ đồng; toàn huyện có 11 doanh nghiệp thành lập mới.",
        "Đồng chí Nguyễn Văn An yêu cầu các xã hoàn thành kế hoạch gieo cấy vụ Xuân.",
    ), ("Đồng chí Nguyễn Văn An, Chủ tịch UBND huyện phát biểu chỉ đạo",)),
    Article("so-ket-6-thang-dau-nam-2021", "2021-07-09T11:30", "Huyện Mẫu sơ kết 6 tháng đầu năm 2021", (
        "Sáng ngày 8/7, UBND huyện Mẫu tổ chức hội nghị sơ kết 6 tháng đầu năm 2021. Đồng chí Nguyễn Văn An, Chủ tịch UBND huyện chủ trì; đồng chí Trần Thị Bình, Phó Chủ tịch UBND huyện báo cáo kết quả.",
        "6 tháng đầu năm 2021, tổng giá trị sản xuất ước đạt 2.630 tỷ đồng, tăng 9,1% so với cùng kỳ; tổng thu ngân sách trên địa bàn ước đạt 104,7 tỷ đồng, bằng 54% dự toán.",
        "Toàn huyện có 29 doanh nghiệp thành lập mới; giải quyết việc làm mới cho 1.320 lao động; giải ngân vốn đầu tư công đạt 131 tỷ đồng.",
    ), ("Toàn cảnh hội nghị sơ kết",), "Thu Hà"),
    Article("ky-hop-thu-3-hdnd-huyen-2021", "2021-12-20T18:00", "Kỳ họp thứ 3 HĐND huyện Mẫu khóa XX", (
        "Ngày 20/12/2021, HĐND huyện Mẫu khóa XX tổ chức kỳ họp thứ 3. Đồng chí Phạm Quốc Hưng, Chủ tịch HĐND huyện chủ trì kỳ họp; đồng chí Nguyễn Văn An, Chủ tịch UBND huyện báo cáo tình hình kinh tế - xã hội.",
        "Năm 2021, tổng giá trị sản xuất đạt 5.410 tỷ đồng, tăng 8,6% so với năm trước; tổng thu ngân sách trên địa bàn đạt 212,4 tỷ đồng; thu nhập bình quân đầu người đạt 45,2 triệu đồng; tỷ lệ hộ nghèo giảm còn 3,1%.",
        "Trong năm, toàn huyện có thêm 3 xã đạt chuẩn nông thôn mới; tổng sản lượng lương thực đạt 67.900 tấn.",
        "Kỳ họp đã thông qua 11 nghị quyết.",
    ), ("Quang cảnh kỳ họp thứ 3 HĐND huyện khóa XX",), "Quang Vinh"),
]

MAU_SON = [
    Article("hoi-nghi-giao-ban-thang-9-2020", "2020-10-05T16:30", "UBND huyện Mẫu Sơn giao ban đánh giá kết quả 9 tháng năm 2020", (
        "Sáng ngày 5/10, UBND huyện Mẫu Sơn tổ chức hội nghị giao ban. Đồng chí Nguyễn Văn An – Phó Bí thư Huyện ủy, Chủ tịch UBND huyện Mẫu Sơn chủ trì hội nghị.",
        "Trong 9 tháng, tổng thu ngân sách trên địa bàn ước đạt 78,3 tỷ đồng, bằng 71% dự toán; tổng giá trị sản xuất ước đạt 2.870 tỷ đồng; giải ngân vốn đầu tư công đạt 97 tỷ đồng.",
        "Kết luận hội nghị, đồng chí Nguyễn Văn An đề nghị các đơn vị tập trung hoàn thành các chỉ tiêu năm.",
    ), ("Toàn cảnh hội nghị giao ban",), "Hữu Hoàn", "Tin tức"),
    Article("tong-ket-nam-2020", "2021-01-08T15:00", "Huyện Mẫu Sơn tổng kết công tác năm 2020", (
        "Chiều ngày 7/1/2021, UBND huyện Mẫu Sơn tổ chức hội nghị tổng kết công tác năm 2020. Đồng chí Hồ Thị Mai, Bí thư Huyện ủy dự và chỉ đạo; đồng chí Nguyễn Văn An, Chủ tịch UBND huyện chủ trì hội nghị.",
        "Năm qua, tổng giá trị sản xuất đạt 3.960 tỷ đồng, tăng 5,2% so với năm trước; tổng thu ngân sách trên địa bàn đạt 109,5 tỷ đồng; tỷ lệ hộ nghèo giảm còn 6,4%; tỷ lệ hộ cận nghèo còn 5,1%.",
        "Toàn huyện có thêm 2 xã đạt chuẩn nông thôn mới; giải quyết việc làm mới cho 980 lao động.",
    ), ("Đồng chí Hồ Thị Mai, Bí thư Huyện ủy phát biểu chỉ đạo",), "Hữu Hoàn", "Tin tức"),
    Article("ra-mat-mo-hinh-dan-van-kheo", "2021-03-02T09:00", "Ra mắt mô hình dân vận khéo ở xã Sơn Lâm", (
        "Xã Sơn Lâm vừa ra mắt mô hình dân vận khéo trong xây dựng đường giao thông nông thôn, với sự tham gia của các đoàn thể.",
        "Nhân dân tự nguyện hiến đất, góp ngày công để mở rộng các tuyến đường xóm.",
    ), ("Lễ ra mắt mô hình",), "Hữu Hoàn", "Tin tức"),
    Article("giao-ban-6-thang-2021", "2021-07-06T17:00", "Huyện Mẫu Sơn đánh giá kết quả 6 tháng đầu năm 2021", (
        "Sáng ngày 6/7/2021, UBND huyện Mẫu Sơn tổ chức hội nghị đánh giá kết quả 6 tháng đầu năm 2021. Đồng chí Nguyễn Văn An, Chủ tịch UBND huyện chủ trì; dự có đồng chí Hồ Thị Mai, Bí thư Huyện ủy.",
        "6 tháng đầu năm 2021, tổng giá trị sản xuất ước đạt 2.050 tỷ đồng, tăng 6,8% so với cùng kỳ; tổng thu ngân sách trên địa bàn ước đạt 61,2 tỷ đồng; giải ngân vốn đầu tư công đạt 64 tỷ đồng.",
        "Toàn huyện có 17 doanh nghiệp thành lập mới.",
    ), ("Toàn cảnh hội nghị",), "Hữu Hoàn", "Tin tức"),
    Article("ky-hop-hdnd-huyen-mau-son-2021", "2021-12-22T18:30", "HĐND huyện Mẫu Sơn tổ chức kỳ họp cuối năm 2021", (
        "Ngày 22/12/2021, HĐND huyện Mẫu Sơn tổ chức kỳ họp thường lệ cuối năm. Đồng chí Võ Đình Thành, Chủ tịch HĐND huyện chủ trì kỳ họp.",
        "Năm 2021, tổng giá trị sản xuất đạt 4.290 tỷ đồng; tổng thu ngân sách trên địa bàn đạt 121,8 tỷ đồng; thu nhập bình quân đầu người đạt 38,6 triệu đồng; tỷ lệ hộ nghèo giảm còn 5,2%.",
        "Kỳ họp đã thông qua 8 nghị quyết.",
    ), ("Quang cảnh kỳ họp",), "Hữu Hoàn", "Tin tức"),
]


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _hatinh_date(article: Article) -> str:
    return datetime.fromisoformat(article.published).strftime("%H:%M %d/%m/%Y")


def _hatinh_page(title: str, main: str) -> str:
    return ('<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8"><title>' + _e(title) + "</title></head>\n<body>\n"
            '<div class="header"><ul class="menu"><li><a href="/mau/portal/folder/tin-tuc/1.html">Tin tức</a></li></ul></div>'
            + main + '<div class="footer"><p>Cổng thông tin điện tử huyện Mẫu</p><p>Số lượt truy cập: 1.234.567</p></div>\n'
            "</body></html>\n")


def hatinh_article(article: Article) -> str:
    """An article page of the old Hà Tĩnh district platform."""
    parts, captions = [], list(article.captions)
    for number, paragraph in enumerate(article.paragraphs):
        parts.append(f"<p>{_e(paragraph)}</p>")
        if number < len(captions):
            parts.append(f'<table class="image" align="center"><tr><td><img src="/mau/static/uploads/{article.slug}-{number}.jpg" '
                         f'alt=""></td></tr><tr><td class="image_desc">{_e(captions[number])}</td></tr></table>')
    parts.append(f'<p class="article-author">{_e(article.author)}</p>')
    return _hatinh_page(article.title, (
        f'<div class="article-detail"><ol class="breadcrumb"><li><a href="/mau/portal/folder/tin-tuc/1.html">Tin tức</a></li>'
        f'<li class="active">{_e(article.category)}</li></ol><h1 class="article-title">{_e(article.title)}</h1>'
        f'<div class="article-date">{_hatinh_date(article)}</div><div class="article-content">\n' + "\n".join(parts) + "\n</div></div>"))


def hatinh_path(article: Article) -> str:
    return f"/mau/portal/read/tin-tuc/{article.slug}.html"


def hatinh_listing(articles: list[Article], page: int, last: int) -> str:
    items = "".join(f'<div class="news-item"><a class="news-title" href="{hatinh_path(a)}">{_e(a.title)}</a>'
                    f'<span class="news-date">{_hatinh_date(a)}</span></div>' for a in articles)
    next_link = f'<a class="next" href="/mau/portal/folder/tin-tuc/{page + 1}.html">Trang sau</a>' if page < last else ""
    return _hatinh_page("Tin tức", f'<div class="list-news">{items}</div><div class="paging"><a class="active">{page}</a>'
                        f"{next_link}</div>")


def wordpress_article(article: Article) -> str:
    """An article page of a WordPress district portal."""
    stamp = datetime.fromisoformat(article.published)
    parts, captions = [], list(article.captions)
    for number, paragraph in enumerate(article.paragraphs):
        parts.append(f"<p>{_e(paragraph)}</p>")
        if number < len(captions):
            parts.append(f'<figure class="wp-caption aligncenter"><img src="/wp-content/uploads/{stamp:%Y/%m}/{article.slug}.jpg" '
                         f'alt=""><figcaption class="wp-caption-text">{_e(captions[number])}</figcaption></figure>')
    parts.append(f"<p>{_e(article.author)}</p>")
    return ('<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8"><title>' + _e(article.title) + "</title>"
            '<meta name="generator" content="WordPress 5.4.2"></head>\n<body>\n<article class="post"><header>'
            f'<h1 class="entry-title">{_e(article.title)}</h1><time class="entry-date published" '
            f'datetime="{stamp.isoformat()}:00+07:00">{stamp:%d/%m/%Y}</time><span class="cat-links"><a rel="category tag">'
            f'{_e(article.category)}</a></span></header><div class="entry-content">\n' + "\n".join(parts)
            + '\n<div class="sharedaddy">Chia sẻ</div></div></article>\n</body></html>\n')


def write_site(folder: Path = SITE) -> None:
    """The live sample portal's pages and ``routes.json``, newest first in the listings."""
    newest = sorted(MAU, key=lambda a: a.published, reverse=True)
    pages = [newest[i:i + PER_PAGE] for i in range(0, len(newest), PER_PAGE)]
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.html"):
        old.unlink()
    routes = {}
    for number, chunk in enumerate(pages, 1):
        name = f"listing-{number}.html"
        (folder / name).write_text(hatinh_listing(chunk, number, len(pages)), encoding="utf-8")
        routes[f"/mau/portal/folder/tin-tuc/{number}.html"] = name
    for article in newest:
        name = f"{article.slug}.html"
        (folder / name).write_text(hatinh_article(article), encoding="utf-8")
        routes[hatinh_path(article)] = name
    (folder / "routes.json").write_text(json.dumps(routes, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    write_site()
