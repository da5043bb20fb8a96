"""A local feed storage that never lets a file being written pass for a finished one."""

import os
import shutil
from pathlib import Path

from scrapy.extensions.feedexport import FileFeedStorage

from govnews_crawler.state import PART


class AtomicFileFeedStorage(FileFeedStorage):
    """Writes ``<path>.part``, unbuffered (a killed crawl keeps every whole line it
    wrote), then flushes, fsyncs and renames it to ``<path>`` when the feed is closed.

    ``-o`` (append) starts the ``.part`` as a copy of the existing file, so the file
    grows by this crawl's items, atomically; ``-O`` (overwrite) starts it empty.
    """

    def open(self, spider):
        part = Path(self.path + PART)
        part.parent.mkdir(parents=True, exist_ok=True)
        if "a" in self.write_mode and Path(self.path).exists():
            shutil.copyfile(self.path, part)
        return part.open(self.write_mode, buffering=0)

    def store(self, file):
        os.fsync(file.fileno())
        file.close()
        os.replace(self.path + PART, self.path)
