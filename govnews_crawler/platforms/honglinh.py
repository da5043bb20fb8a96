"""The Hồng Lĩnh portal: ``/portal/pages/YYYY-MM-DD/<Title-Slug>-<id>.aspx``.

The date is in the address; the page footer carries rating, comment and visitor
widgets (``Đánh giá:``, ``Mã xác thực không đúng.``, ``Thống kê: N``, ``Online: N``).
"""

import re

from govnews_crawler.platforms.base import Platform


class HongLinh(Platform):
    name = "honglinh"
    markers = ("div.hl-article", "div.hl-news-list")
    article_url = re.compile(r"/portal/pages/\d{4}-\d{1,2}-\d{1,2}/[^/?#]+\.aspx$", re.I)
    distinctive_urls = True
    item_css = ".hl-news-list .hl-news-item"
    link_css = "a.hl-news-title"
    next_css = ".hl-pager a.hl-next"
    title_css = (".hl-article h1.hl-title",)
    date_css = (".hl-article .hl-date",)
    category_css = (".hl-article .hl-category",)
    body_css = (".hl-article .hl-content",)
    drop_css = ("script", "style", ".hl-rating", ".hl-comments")
    caption_css = (".hl-content .image-caption",)


PLATFORM = HongLinh()
