"""Liferay portals (old hanoi.gov.vn, Bắc Ninh, Hậu Giang, Thọ Xuân): ``/web/<site>/…``,
articles ``/-/asset_publisher/<ID>/content/<slug>``, asset-publisher RSS
``/-/asset_publisher/<ID>/rss``; dates ``Ngày 04/08/2020 17:29:33``."""

import re

from govnews_crawler.platforms.base import Platform


class Liferay(Platform):
    name = "liferay"
    generator = re.compile(r"Liferay", re.I)
    markers = (".portlet-asset-publisher", ".journal-content-article", "div.asset-full-content")
    article_url = re.compile(r"/-/asset_publisher/\w+/content/[^?#]+")
    distinctive_urls = True
    item_css = ".asset-abstract"
    link_css = ".asset-title a"
    listing_date_css = ".metadata-publish-date"
    next_css = ".lfr-pagination-buttons a.next, .taglib-page-iterator a.next"
    title_css = (".asset-full-content .header-title", ".taglib-header .header-title")
    date_css = (".asset-full-content .metadata-publish-date",)
    category_css = (".asset-full-content .asset-categories",)
    body_css = (".asset-full-content .journal-content-article",)
    drop_css = ("script", "style", ".asset-links", ".taglib-ratings")
    caption_css = (".journal-content-article .image-caption",)
    author_css = (".journal-content-article p.author",)


PLATFORM = Liferay()
