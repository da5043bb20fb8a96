"""content_sha1: the hex SHA-1 of the NFC body, for de-duplication."""

import hashlib
import unicodedata

from govnews_crawler.pipelines.base import ArticlePipeline


def content_sha1(body: str) -> str:
    return hashlib.sha1(unicodedata.normalize("NFC", body).encode("utf-8")).hexdigest()


class FingerprintPipeline(ArticlePipeline):
    def process(self, adapter):
        adapter["content_sha1"] = content_sha1(adapter.get("body") or "")
