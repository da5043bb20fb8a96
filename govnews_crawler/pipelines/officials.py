"""Officials named in the body and captions, with titles and roles."""

from govnews_crawler.extraction.officials import find_officials
from govnews_crawler.pipelines.base import ArticlePipeline


class OfficialsPipeline(ArticlePipeline):
    def process(self, adapter):
        officials = find_officials(adapter.get("body") or "", adapter.get("image_captions") or [])
        adapter["officials"] = officials
        self.count("officials", len(officials))
