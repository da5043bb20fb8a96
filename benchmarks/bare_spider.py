"""The baseline of crawl_speed.py: fetch the same pages, yield only the raw HTML."""

import scrapy


class BareSpider(scrapy.Spider):
    name = "bare"

    def __init__(self, base_url, listing="/mau/portal/folder/tin-tuc/1.html", **kwargs):
        super().__init__(**kwargs)
        self.first = base_url.rstrip("/") + listing

    async def start(self):
        yield scrapy.Request(self.first, callback=self.parse_listing)

    def parse_listing(self, response):
        for href in response.css(".news-item a::attr(href)").getall():
            yield response.follow(href, callback=self.parse_article)
        next_page = response.css(".paging a.next::attr(href)").get()
        if next_page:
            yield response.follow(next_page, callback=self.parse_listing)

    def parse_article(self, response):
        yield {"url": response.url, "html": response.text}
