"""NFC, one tone placement, dashes and spaces for every text the item holds."""

from govnews_crawler.extraction.text import normalize_text
from govnews_crawler.pipelines.base import ArticlePipeline


def _normalized(value):
    if isinstance(value, str):
        return normalize_text(value)
    if isinstance(value, list):
        return [_normalized(v) for v in value]
    if isinstance(value, dict):
        return {k: _normalized(v) for k, v in value.items()}
    return value


class NormalizeTextPipeline(ArticlePipeline):
    def process(self, adapter):
        for name, value in list(adapter.items()):
            adapter[name] = _normalized(value)
