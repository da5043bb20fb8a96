"""The article item of docs/item.md."""

import scrapy


class ArticleItem(scrapy.Item):
    """One article. Feed exports keep this field order."""

    url = scrapy.Field()
    archive_url = scrapy.Field()
    portal = scrapy.Field()
    unit = scrapy.Field()
    province = scrapy.Field()
    title = scrapy.Field()
    category = scrapy.Field()
    published_at = scrapy.Field()
    event_date = scrapy.Field()
    event_part_of_day = scrapy.Field()
    is_meeting = scrapy.Field()
    meeting_kinds = scrapy.Field()
    author = scrapy.Field()
    view_count = scrapy.Field()
    body = scrapy.Field()
    image_captions = scrapy.Field()
    officials = scrapy.Field()
    figures = scrapy.Field()
    crawled_at = scrapy.Field()
    content_sha1 = scrapy.Field()
    revision = scrapy.Field()  # 1 when first exported; +1 each time its text changed
    # Provenance, so every extracted value can be checked against its source.
    extractor = scrapy.Field()  # which template or fallback read the page
    date_line = scrapy.Field()  # the text published_at was read from
    source_text = scrapy.Field()  # the article's text as read, before cleaning
