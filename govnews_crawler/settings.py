"""Scrapy settings: the project's policy. Per-run changes go on the command line (-s)."""

BOT_NAME = "govnews_crawler"
SPIDER_MODULES = ["govnews_crawler.spiders"]
NEWSPIDER_MODULE = "govnews_crawler.spiders"

ITEM_PIPELINES = {
    "govnews_crawler.pipelines.NormalizeTextPipeline": 100,
    "govnews_crawler.pipelines.CleanBodyPipeline": 200,
    "govnews_crawler.pipelines.DatesPipeline": 300,
    "govnews_crawler.pipelines.OfficialsPipeline": 400,
    "govnews_crawler.pipelines.FiguresPipeline": 500,
    "govnews_crawler.pipelines.MeetingPipeline": 600,
    "govnews_crawler.pipelines.FingerprintPipeline": 700,
    "govnews_crawler.pipelines.ValidatePipeline": 800,
}

# Feeds: UTF-8 JSON lines, never \u-escaped.
FEED_EXPORT_ENCODING = "utf-8"

TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
