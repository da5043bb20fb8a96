"""Item pipelines, one concern each, in the order of ``settings.ITEM_PIPELINES``:

normalise text -> clean body -> dates -> date window -> officials -> figures -> meeting -> fingerprint
-> validate -> revision (incremental runs). Each calls pure functions of ``govnews_crawler.extraction``.
"""

from .base import ArticlePipeline
from .body import CleanBodyPipeline
from .dates import DatesPipeline
from .fingerprint import FingerprintPipeline
from .meeting import MeetingPipeline
from .normalize import NormalizeTextPipeline
from .people import OfficialsPipeline
from .quantities import FiguresPipeline
from .revision import RevisionPipeline
from .validate import ValidatePipeline
from .window import DateWindowPipeline

__all__ = [
    "ArticlePipeline", "CleanBodyPipeline", "DatesPipeline", "DateWindowPipeline", "FingerprintPipeline",
    "MeetingPipeline", "NormalizeTextPipeline", "OfficialsPipeline", "FiguresPipeline", "RevisionPipeline",
    "ValidatePipeline",
]
