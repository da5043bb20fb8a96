"""Nghệ An subsites (``<unit>.nghean.gov.vn``, 2021 on): articles ``/<category>/<slug>-<id>``,
paging ``?pageindex=N``, files on ``datafiles.nghean.gov.vn``."""

import re

from govnews_crawler.platforms.base import Platform


class NgheAn(Platform):
    name = "nghean"
    markers = ('img[src*="datafiles.nghean.gov.vn"]', "div.na-detail", "div.na-list")
    article_url = re.compile(r"\.nghean\.gov\.vn/[\w-]+/[\w-]+-\d+$|^https?://[^/]+/[\w-]+/[\w-]+-\d+$")
    item_css = ".na-list .na-item"
    link_css = "h3 a"
    listing_date_css = ".na-time"
    next_css = ".na-pager a[rel=next]"
    title_css = (".na-detail h1.na-title",)
    date_css = (".na-detail .na-time",)
    category_css = (".na-detail .na-category",)
    body_css = (".na-detail .na-content",)
    drop_css = ("script", "style", ".na-related")
    caption_css = (".na-content .image-caption", "figcaption")
    author_css = (".na-content p.na-author",)


PLATFORM = NgheAn()
