"""WordPress (doluong.gov.vn): articles ``/<slug>/``, listings ``/?cat=N&paged=N``,
feeds ``/feed/``; alt-text leftovers such as ``hn3`` sit in bodies."""

import re

from govnews_crawler.platforms.base import Platform


class WordPress(Platform):
    name = "wordpress"
    generator = re.compile(r"^WordPress", re.I)
    markers = ("link[href*='/wp-content/']", "script[src*='/wp-includes/']", "div.entry-content")
    article_url = re.compile(r"^https?://[^/]+/(?!(?:category|tag|author|page|feed|wp-)[/-])[^?#]+/$")
    item_css = "article.post"
    link_css = ".entry-title a"
    listing_date_css = "time.entry-date"
    next_css = ".nav-links a.next"
    title_css = ("h1.entry-title",)
    published_css = ("time.entry-date.published::attr(datetime)", 'meta[property="article:published_time"]::attr(content)')
    date_css = ("time.entry-date.published", "time.entry-date")
    category_css = (".cat-links a",)
    body_css = ("article .entry-content", ".entry-content")
    drop_css = ("script", "style", ".sharedaddy", ".jp-relatedposts", ".post-views")
    caption_css = ("figcaption", ".wp-caption-text")
    author_css = ("p.post-author",)


PLATFORM = WordPress()
