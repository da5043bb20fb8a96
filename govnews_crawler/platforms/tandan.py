"""Tân Dân SharePoint portals (Thanh Hóa, Ninh Thuận, Điện Biên districts).

Articles ``/portal/Pages/YYYY-M-D/<Slug><random>.aspx``, paging ``?PageIndex=N``, date
``Đăng ngày 11 - 11 - 2023``; selectors as public crawlers of these portals use them.
"""

import re

from govnews_crawler.platforms.base import Platform


class TanDan(Platform):
    name = "tandan"
    markers = (".tandan-p-article-news-title", ".tandan-title-view", ".tandan-content-view")
    article_url = re.compile(r"/portal/Pages/\d{4}-\d{1,2}-\d{1,2}/[^/?#]+\.aspx$", re.I)
    distinctive_urls = True
    item_css = None
    link_css = ".tandan-p-article-news-title a, .channel-news-title a, .title-news a"
    next_css = "span.CurrentPage + a"
    title_css = (".tandan-title-view", ".tandan-p-article-news-title")
    date_css = (".tandan-date-view", ".tandan-span-date-publish")
    category_css = (".tandan-category-view",)
    body_css = (".tandan-content-view", ".tandan-p-article-main", ".ms-rtestate-field")
    drop_css = ("script", "style", ".tandan-div-article-other")
    lead_css = (".tandan-p-article-news-summary",)
    caption_css = (".tandan-content-view p.image-caption",)
    author_css = (".tandan-author-view",)


PLATFORM = TanDan()
