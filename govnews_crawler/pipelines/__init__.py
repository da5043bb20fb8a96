"""Item pipelines, one concern each, in the order of ``settings.ITEM_PIPELINES``:

normalise text -> clean body -> dates -> officials -> figures -> meeting -> fingerprint
-> validate -> revision (incremental runs). Each calls pure functions of ``govnews_crawler.extraction``.
"""

from govnews_crawler.pipelines.base import ArticlePipeline
from govnews_crawler.pipelines.body import CleanBodyPipeline
from govnews_crawler.pipelines.dates import DatesPipeline
from govnews_crawler.pipelines.figures import FiguresPipeline
from govnews_crawler.pipelines.fingerprint import FingerprintPipeline
from govnews_crawler.pipelines.meeting import MeetingPipeline
from govnews_crawler.pipelines.officials import OfficialsPipeline
from govnews_crawler.pipelines.revision import RevisionPipeline
from govnews_crawler.pipelines.text import NormalizeTextPipeline
from govnews_crawler.pipelines.validate import ValidatePipeline

__all__ = [
    "ArticlePipeline",
    "CleanBodyPipeline",
    "DatesPipeline",
    "FiguresPipeline",
    "FingerprintPipeline",
    "MeetingPipeline",
    "NormalizeTextPipeline",
    "OfficialsPipeline",
    "RevisionPipeline",
    "ValidatePipeline",
]
