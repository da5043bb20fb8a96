"""NukeViet 4 (``<meta name="generator" content="NukeViet v4.5">``): RSS at ``/rss/``,
articles ``/<cat>/<slug>-<id>.html``, date ``Thứ ba - 24/12/2019 03:56``."""

import re

from govnews_crawler.platforms.base import Platform


class NukeViet(Platform):
    name = "nukeviet"
    generator = re.compile(r"NukeViet", re.I)
    markers = ("#news-bodyhtml",)
    article_url = re.compile(r"/[\w-]+/[\w-]+-\d+\.html$|[?&]nv=news&op=[\w-]+/[\w-]+-\d+")
    item_css = ".news_column .panel-body .item, .news_column .list-news .item"
    link_css = "h3 a"
    listing_date_css = ".text-muted"
    next_css = ".pagination a[rel=next]"
    title_css = (".news_column h1.title",)
    date_css = (".news_column span.h-date",)
    category_css = (".breadcrumbs li:last-child",)
    body_css = ("#news-bodyhtml",)
    drop_css = ("script", "style")
    caption_css = ("#news-bodyhtml figcaption",)
    lead_css = (".news_column .hometext",)
    author_css = (".news_column .h-author strong",)


PLATFORM = NukeViet()
