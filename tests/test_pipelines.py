"""Pipelines inside a Scrapy crawler: drops are counted in the crawl stats."""

import pytest
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler

from govnews_crawler import settings as project_settings
from govnews_crawler.item.article import ArticleItem
from govnews_crawler.item.builder import build_item
from govnews_crawler.pipelines import NormalizeTextPipeline, ValidatePipeline
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


def valid_item(**changes) -> ArticleItem:
    fields = {"url": "https://kyanh.hatinh.gov.vn/a.html", "portal": "kyanh", "body": "Sáng 30/6, hội nghị.",
              "content_sha1": "0" * 40, "crawled_at": "2020-07-01T00:00:00+00:00", "is_meeting": True,
              "meeting_kinds": ["review"], "image_captions": [], "published_at": "2020-06-30",
              "officials": [{"name": "Nguyễn Văn A", "titles": ["Chủ tịch UBND huyện"], "roles": ["chair"]}],
              "figures": [{"text": "86,5 tỷ đồng", "kind": "money", "value": 86500000000, "unit": "VND",
                           "qualifier": None, "measure": None, "compared_to": None, "sentence": "Thu 86,5 tỷ đồng."}]}
    return ArticleItem(**{**fields, **changes})


def test_valid_items_get_every_field(crawler):
    item = ValidatePipeline.from_crawler(crawler).process_item(valid_item())
    assert set(item.keys()) == set(ArticleItem.fields)
    assert item["archive_url"] is None
    assert crawler.stats.get_value("govnews/items_valid") == 1


@pytest.mark.parametrize(("changes", "field"), [
    ({"published_at": "30/06/2020"}, "published_at"),
    ({"meeting_kinds": ["picnic"]}, "meeting_kinds"),
    ({"officials": [{"name": "A", "titles": [], "roles": ["boss"]}]}, "officials"),
    ({"figures": [{"text": "5", "kind": "money", "value": "5", "unit": "VND", "qualifier": None, "sentence": "5"}]},
     "figures"),
    ({"content_sha1": "xyz"}, "content_sha1"),
])
def test_items_that_break_the_schema_are_dropped_naming_the_field(crawler, changes, field):
    with pytest.raises(DropItem, match=field):
        ValidatePipeline.from_crawler(crawler).process_item(valid_item(**changes))
    assert crawler.stats.get_value("govnews/dropped/invalid") == 1
    assert crawler.stats.get_value(f"govnews/invalid/{field}") == 1


def test_the_builder_takes_first_and_the_text_pipeline_normalises_once(crawler):
    item = build_item({"title": ["  Hội nghị Huyện uỷ\u00a0 mở rộng ", "second"], "image_captions": ["Ảnh 1", "", "Ảnh 2"],
                       "source_text": ["dòng một", "dòng hai"], "author": "", "view_count": 12}, "http://a.vn/1",
                      listed_title="from the listing")
    assert item["title"] == "Hội nghị Huyện uỷ mở rộng"  # as written, on one line
    assert "author" not in item and item["view_count"] == 12 and "archive_url" not in item
    assert build_item({"title": None}, "http://a.vn/1", listed_title="Từ danh sách")["title"] == "Từ danh sách"
    item = NormalizeTextPipeline.from_crawler(crawler).process_item(item)
    assert item["title"] == "Hội nghị Huyện ủy mở rộng"
    assert item["image_captions"] == ["Ảnh 1", "Ảnh 2"]
    assert item["source_text"] == "dòng một\ndòng hai"


def test_content_sha1_is_of_the_nfc_body():
    assert content_sha1("Huye\u0302\u0323n") == content_sha1("Huyện")
    assert len(content_sha1("x")) == 40


@pytest.mark.parametrize("body, meeting, event", [
    ("Thực hiện Kế hoạch số 125/KH-UBND ngày 22/3/2024 của UBND huyện, xã ra quân làm sạch đường làng.", False, None),
    ("Bà con phấn đấu hoàn thành thu hoạch lúa trước ngày 10/9 để kịp gieo vụ đông.", False, None),
    ("Sáng ngày 12/3/2024, UBND xã tổ chức hội nghị giao ban tháng 3.", True, "2024-03-12"),
])
def test_an_article_that_reports_no_meeting_has_no_event_date(runner, body, meeting, event):
    item = runner.process(build_item({"title": "Tin địa phương", "source_text": body}, "http://a.vn/1"))
    assert (item["is_meeting"], item["event_date"]) == (meeting, event)
    assert item["event_part_of_day"] == ("morning" if event else None)
