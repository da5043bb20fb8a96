"""One spider class per registry entry, so ``scrapy list`` shows every portal and
``scrapy crawl kyanh`` runs Kỳ Anh's. Adding a portal is an entry in
``registry/portals.toml``; no class is written by hand."""

from govnews_crawler.registry import load_portals
from govnews_crawler.spiders.portal import PortalSpider


def _spider_class(portal) -> type[PortalSpider]:
    class_name = "".join(part.capitalize() for part in portal.key.split("_")) + "Spider"
    doc = f"{portal.unit}, {portal.province} ({portal.platform}, {portal.status})"
    return type(class_name, (PortalSpider,), {
        "name": portal.key, "portal": portal, "__module__": __name__, "__doc__": doc,
    })


def spider_class(key: str) -> type[PortalSpider]:
    """The spider class of a registry entry."""
    return _spider_class(load_portals()[key])


for _portal in load_portals().values():
    _cls = _spider_class(_portal)
    globals()[_cls.__name__] = _cls

del _portal, _cls
