"""The article item of docs/item.md and the loader that fills it."""

import scrapy
from itemloaders.processors import Identity, Join, MapCompose, TakeFirst
from scrapy.loader import ItemLoader


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


def _squeezed(value):
    """One line of single spaces (Unicode normalisation is the first pipeline's job)."""
    return " ".join(value.split()) if isinstance(value, str) else value


def _nonempty(value):
    return value if value not in ("", None) else None


class ArticleLoader(ItemLoader):
    """Fills an ArticleItem: first value wins, short texts on one line, the source text
    joined by lines. Text is normalised once, by ``NormalizeTextPipeline``."""

    default_item_class = ArticleItem
    default_input_processor = MapCompose(_nonempty)
    default_output_processor = TakeFirst()

    title_in = category_in = author_in = date_line_in = MapCompose(_squeezed, _nonempty)
    source_text_out = Join("\n")
    image_captions_in = MapCompose(_squeezed, _nonempty)
    image_captions_out = Identity()
