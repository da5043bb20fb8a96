"""A local feed storage that never lets a file being written pass for a finished one."""

import os
from pathlib import Path

from scrapy.extensions.feedexport import FileFeedStorage

from govnews_crawler.state import PART


class AtomicFileFeedStorage(FileFeedStorage):
    """Writes ``<path>.part``, unbuffered (a killed crawl keeps every whole line it
    wrote), and renames it to ``<path>`` when the feed is closed."""

    def open(self, spider):
        part = Path(self.path + PART)
        part.parent.mkdir(parents=True, exist_ok=True)
        return part.open(self.write_mode, buffering=0)

    def store(self, file):
        file.close()
        os.replace(self.path + PART, self.path)
