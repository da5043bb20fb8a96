"""A JOBDIR's request queues hold the codec's JSON, not Scrapy's pickle.

Scrapy's ``PickleLifoDiskQueue`` unpickles what the state folder holds, and finds each
request's callback by listing every member of the spider (``inspect.getmembers``, twice a
request). These queues are queuelib's same files with the JSON entries of ``codec``:
nothing read back is unpickled, and an entry that is not a request of the spider raises
``RejectedPayload``, which the JOBDIR check (``runs/jobdir.py``) turns into a dropped
queue. A JOBDIR an older version left in pickle is dropped the same way.
"""

from pathlib import Path

from queuelib import queue as queuelib
from scrapy import Request

from govnews_crawler.queues import codec


class _JsonRequests:
    """Requests in and out of one queuelib disk queue (a file, or a folder of chunks)."""

    files: type[queuelib.LifoDiskQueue] | type[queuelib.FifoDiskQueue]

    def __init__(self, crawler, key: str):
        Path(key).parent.mkdir(parents=True, exist_ok=True)
        self.spider = crawler.spider
        self.queue = self.files(key)

    @classmethod
    def from_crawler(cls, crawler, key: str, *args, **kwargs):
        return cls(crawler, key)

    def push(self, request: Request) -> None:
        self.queue.push(codec.dumps(request, self.spider))

    def pop(self) -> Request | None:
        payload = self.queue.pop()
        return codec.loads(payload, self.spider) if payload else None

    def peek(self) -> Request | None:
        payload = self.queue.peek()
        return codec.loads(payload, self.spider) if payload else None

    def close(self) -> None:
        self.queue.close()

    def __len__(self) -> int:
        return len(self.queue)


class JsonLifoDiskQueue(_JsonRequests):
    """Scrapy's default order for a crawl's requests (last in, first out), as JSON."""

    files = queuelib.LifoDiskQueue


class JsonFifoDiskQueue(_JsonRequests):
    """Scrapy's default order for start requests (first in, first out), as JSON."""

    files = queuelib.FifoDiskQueue
