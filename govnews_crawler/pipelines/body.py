"""Body clean-up: title, section, date line, captions and byline out of the raw text."""

from govnews_crawler.extraction.structure import byline_author, split_article
from govnews_crawler.pipelines.base import ArticlePipeline


class CleanBodyPipeline(ArticlePipeline):
    def process(self, adapter):
        parts = split_article(adapter.get("source_text") or "", title=adapter.get("title"))
        adapter["title"] = parts.title
        adapter["category"] = adapter.get("category") or parts.category
        adapter["date_line"] = adapter.get("date_line") or parts.date_line
        adapter["view_count"] = adapter.get("view_count") or parts.view_count
        marked_author = adapter.get("author")
        adapter["author"] = (byline_author(marked_author) or marked_author) if marked_author else parts.author
        captions = list(adapter.get("image_captions") or [])
        captions += [c for c in parts.captions if c not in captions]
        adapter["image_captions"] = captions
        adapter["body"] = parts.body
        self.count("captions", len(captions))
