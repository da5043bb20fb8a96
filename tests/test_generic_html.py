"""The generic extractor on a page no template knows."""

from .conftest import ROOT

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<meta property="og:title" content="Hội nghị giao ban tháng 3">
<title>Cổng TTĐT huyện</title></head><body>
<div class="header">Hôm nay, Thứ hai ngày 10/08/2020 <a href="/">Trang chủ</a></div>
<div class="menu"><ul><li>Giới thiệu</li><li>Tin tức</li></ul></div>
<div class="content"><h1>Hội nghị giao ban tháng 3</h1>
<div class="date">Ngày đăng: 12/03/2021 08:15</div>
<div class="body">
<p>Sáng ngày 10/3, UBND huyện tổ chức hội nghị giao ban. Đồng chí Nguyễn Văn An – Chủ tịch UBND huyện chủ trì hội nghị.</p>
<p><img src="/a.jpg" alt="hn1"></p><p><em>Toàn cảnh hội nghị giao ban tháng 3</em></p>
<p>Thu ngân sách đạt 45 tỷ đồng, bằng 60% dự toán. Toàn huyện có 12 xã đạt chuẩn NTM.</p>
<p>Kết luận hội nghị, đồng chí Nguyễn Văn An yêu cầu các phòng tập trung triển khai nhiệm vụ.</p>
<p>Minh Châu</p></div></div>
<div class="footer">Thống kê: 12.345</div><script>var x = 1;</script></body></html>"""


def test_generic_page_end_to_end(parse_file, tmp_path):
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    item = parse_file(page)
    assert item["extractor"] == "generic"
    assert item["title"] == "Hội nghị giao ban tháng 3"
    assert item["published_at"] == "2021-03-12T08:15:00+07:00"
    assert item["event_date"] == "2021-03-10" and item["event_part_of_day"] == "morning"
    assert item["image_captions"] == ["Toàn cảnh hội nghị giao ban tháng 3"]
    assert item["author"] == "Minh Châu"
    assert item["body"].startswith("Sáng ngày 10/3") and item["body"].endswith("triển khai nhiệm vụ.")
    assert "Thống kê" not in item["body"] and "Trang chủ" not in item["body"]
    assert [o["name"] for o in item["officials"]] == ["Nguyễn Văn An"]
    assert item["officials"][0]["roles"] == ["chair", "concluder"]
    assert [(f["kind"], f["value"]) for f in item["figures"]] == [
        ("money", 45000000000), ("percent", 60), ("count", 12)]
    assert item["is_meeting"] and "briefing" in item["meeting_kinds"]


def test_project_root_has_scrapy_cfg():
    import configparser

    config = configparser.ConfigParser()
    config.read(ROOT / "scrapy.cfg")
    assert config["settings"]["default"] == "govnews_crawler.settings"
    assert config["deploy:local"]["project"] == "govnews_crawler"


BANNER_PAGE = """<html><head><meta charset="utf-8"><title>Trang thông tin điện tử xã Đông Sơn</title></head><body>
<div class="top"><h1>Trang thông tin điện tử xã Đông Sơn</h1></div>
<ul class="menu"><li><a href="/">Trang chủ</a></li><li><a href="/gt">Giới thiệu</a></li><li><a href="/tt">Tin tức</a></li></ul>
<div class="baiviet">{heading}<span class="thoigian">14:05 03/11/2022</span>
<div class="nd"><p>Chiều ngày 02/11/2022, Đảng ủy xã tổ chức hội nghị sơ kết công tác 10 tháng.</p>
<p>Đồng chí Lê Văn Hòa, Bí thư Đảng ủy xã chủ trì và kết luận hội nghị.</p></div></div>
</body></html>"""


def test_heading_class_near_the_body_beats_the_site_banner():
    from govnews_crawler.platforms.generic_extractor import parse_article

    page = BANNER_PAGE.format(heading='<div class="Tieu_De">Đảng ủy xã sơ kết công tác 10 tháng năm 2022</div>')
    assert parse_article(page)["title"] == "Đảng ủy xã sơ kết công tác 10 tháng năm 2022"
    page = BANNER_PAGE.format(heading='<p class="news-headline">Sơ kết công tác Đảng 10 tháng</p>')
    assert parse_article(page)["title"] == "Sơ kết công tác Đảng 10 tháng"


def test_a_banner_above_the_menu_or_far_from_the_body_is_no_headline():
    from govnews_crawler.platforms.generic_extractor import parse_article

    meta = '<meta property="og:title" content="Sơ kết công tác Đảng 10 tháng">'
    page = BANNER_PAGE.format(heading="").replace("</head>", meta + "</head>")
    assert parse_article(page)["title"] == "Sơ kết công tác Đảng 10 tháng"
    menu = BANNER_PAGE[BANNER_PAGE.index('<ul class="menu">'):BANNER_PAGE.index("</ul>") + 5]
    far = BANNER_PAGE.format(heading="").replace(menu, "<div>" + "Giới thiệu chung về xã Đông Sơn. " * 15 + "</div>")
    assert parse_article(far.replace("</head>", meta + "</head>"))["title"] == "Sơ kết công tác Đảng 10 tháng"
    near = BANNER_PAGE.format(heading="<h2>Hội nghị sơ kết công tác Đảng</h2>")
    assert parse_article(near)["title"] == "Hội nghị sơ kết công tác Đảng"
