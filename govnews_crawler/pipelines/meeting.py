"""Meeting or not, and which kinds of meeting. ``event_date`` is the meeting's own date
(docs/item.md): an article that reports no meeting has none, whatever date its body
names first (a deadline, a cited document's date)."""

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
        elif adapter.get("event_date"):
            adapter["event_date"] = adapter["event_part_of_day"] = None
            self.count("event_date_of_no_meeting")
