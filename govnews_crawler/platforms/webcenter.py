"""Oracle WebCenter (Quảng Nam districts):
``/webcenter/portal/<unit>/pages_tin-tuc/chi-tiet?dDocName=PORTAL<id>``, paging ``selectedPage=N``;
date ``Ngày xuất bản: 16/09/2020 5:02:00 CH``."""

import re

from govnews_crawler.platforms.base import Platform


class WebCenter(Platform):
    name = "webcenter"
    markers = ('a[href*="dDocName=PORTAL"]', "div.wc-article")
    article_url = re.compile(r"/webcenter/portal/[\w-]+/pages_[\w-]+/chi-tiet\?dDocName=PORTAL\d+")
    distinctive_urls = True
    item_css = ".wc-news-list .wc-news-item"
    link_css = "a.wc-news-title"
    listing_date_css = ".wc-news-date"
    next_css = ".wc-pager a.wc-next"
    title_css = (".wc-article h1",)
    date_css = (".wc-article .wc-publish-date",)
    category_css = (".wc-article .wc-category",)
    body_css = (".wc-article .wc-content",)
    drop_css = ("script", "style", ".wc-share", ".wc-other-news")
    caption_css = (".wc-content .image-caption",)
    author_css = (".wc-content p.wc-author",)


PLATFORM = WebCenter()
