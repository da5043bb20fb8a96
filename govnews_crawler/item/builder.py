"""The one way an article item is built from a page's raw fields, by the spider and by
``govnews parse`` alike."""

from govnews_crawler.common.clock import utc_now_iso
from govnews_crawler.item.article import ArticleItem, ArticleLoader
from govnews_crawler.registry import Portal


def build_item(fields: dict, url: str, portal: Portal | None = None, *, archive_url: str | None = None,
               listed_title: str | None = None) -> ArticleItem:
    """An ArticleItem of raw fields (normalised by the loader), with the portal's unit and
    province; a title from the listing is used when the page gives none."""
    loader = ArticleLoader()
    loader.add_value("url", url)
    loader.add_value("archive_url", archive_url)
    if portal is not None:
        loader.add_value("portal", portal.key)
        loader.add_value("unit", portal.unit)
        loader.add_value("province", portal.province)
    loader.add_value("crawled_at", utc_now_iso())
    for name, value in fields.items():
        loader.add_value(name, value)
    if listed_title:
        loader.add_value("title", listed_title)
    return loader.load_item()
