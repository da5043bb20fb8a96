"""Pipelines inside a Scrapy crawler: drops are counted in the crawl stats."""

import pytest
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler

from govnews_crawler import settings as project_settings
from govnews_crawler.item.article import ArticleItem, ArticleLoader
from govnews_crawler.pipelines import ValidatePipeline
from govnews_crawler.pipelines.fingerprint import content_sha1


@pytest.fixture
def crawler():
    return get_crawler(settings_dict={"ITEM_PIPELINES": project_settings.ITEM_PIPELINES})


@pytest.mark.parametrize("missing", ["url", "body"])
def test_items_without_url_or_body_are_dropped_and_counted(crawler, missing):
    pipeline = ValidatePipeline.from_crawler(crawler)
    item = ArticleItem(url="https://x.gov.vn/a", body="Nội dung.")
    del item[missing]
    with pytest.raises(DropItem, match=f"no {missing}"):
        pipeline.process_item(item)
    assert crawler.stats.get_value(f"govnews/dropped/missing_{missing}") == 1


def test_valid_items_get_every_field(crawler):
    item = ValidatePipeline.from_crawler(crawler).process_item(ArticleItem(url="u", body="b"))
    assert set(item.keys()) == set(ArticleItem.fields)
    assert item["archive_url"] is None


def test_loader_normalises_and_takes_first():
    loader = ArticleLoader()
    loader.add_value("title", ["  Hội nghị Huyện uỷ\u00a0 mở rộng ", "second"])
    loader.add_value("image_captions", ["Ảnh 1", "", "Ảnh 2"])
    loader.add_value("source_text", ["dòng một", "dòng hai"])
    item = loader.load_item()
    assert item["title"] == "Hội nghị Huyện ủy mở rộng"
    assert item["image_captions"] == ["Ảnh 1", "Ảnh 2"]
    assert item["source_text"] == "dòng một\ndòng hai"


def test_content_sha1_is_of_the_nfc_body():
    assert content_sha1("Huye\u0302\u0323n") == content_sha1("Huyện")
    assert len(content_sha1("x")) == 40
