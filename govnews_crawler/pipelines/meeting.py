"""Meeting or not, and which kinds of meeting."""

from govnews_crawler.extraction.meeting import classify_meeting
from govnews_crawler.pipelines.base import ArticlePipeline


class MeetingPipeline(ArticlePipeline):
    def process(self, adapter):
        is_meeting, kinds = classify_meeting(adapter.get("title"), adapter.get("body") or "",
                                          adapter.get("image_captions") or [])
        adapter["is_meeting"] = is_meeting
        adapter["meeting_kinds"] = kinds
        if is_meeting:
            self.count("meetings")
