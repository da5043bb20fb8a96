"""The old Hà Tĩnh district platform (kyanh, huongson, vuquang … .hatinh.gov.vn, ~2018–2022).

Articles ``/<d>/portal/read/<category>/<sub>/<slug>.html``, listings
``/<d>/portal/folder/<category>/<page>.html``, date line time first (``21:27 27/06/2020``),
chrome ``EmailPrintAa`` and ``Số lượt truy cập``, images under ``/<d>/static/uploads/ckeditor/``.
"""

import re

from govnews_crawler.platforms.base import Platform


class HaTinhDistrict(Platform):
    name = "hatinh_district"
    markers = ('a[href*="/portal/folder/"]', 'img[src*="/static/uploads/ckeditor/"]')
    article_url = re.compile(r"/portal/read/[^?#]+\.html$")
    distinctive_urls = True
    item_css = ".list-news .news-item"
    link_css = "a.news-title"
    listing_date_css = ".news-date"
    next_css = ".paging a.next"
    title_css = (".article-detail h1.article-title", "h1")
    date_css = (".article-detail .article-date",)
    category_css = (".breadcrumb li.active", ".breadcrumb li:last-child")
    body_css = (".article-detail .article-content",)
    drop_css = ("script", "style", ".article-tools")
    caption_css = ("td.image_desc", "p.image-caption")
    author_css = ("p.article-author",)


PLATFORM = HaTinhDistrict()
