"""Every Redis key the project uses, in one place."""

PREFIX = "govnews"


def queue_key(spider_name: str) -> str:
    """The shared request queue of a spider (a sorted set by priority, scrapy-redis's name)."""
    return f"{spider_name}:requests"


def dupefilter_key(spider_name: str) -> str:
    """scrapy-redis's dupefilter of a spider (its default ``%(spider)s:dupefilter``)."""
    return f"{spider_name}:dupefilter"


def workers_key(spider_name: str) -> str:
    """The set of workers that joined a spider's crawl and did not leave."""
    return f"{PREFIX}:{spider_name}:workers"


def lease_key(spider_name: str, worker: str) -> str:
    """A worker's lease (a key with a TTL the worker keeps renewing): gone means dead."""
    return f"{PREFIX}:{spider_name}:lease:{worker}"


def inflight_key(spider_name: str, worker: str) -> str:
    """The requests a worker took from the queue and has not finished (a sorted set)."""
    return f"{PREFIX}:{spider_name}:inflight:{worker}"


def archive_budget_key(endpoint: str, part: str) -> str:
    """The archive budget shared by all workers (distributed/limiter.py): 'cdx', 'capture', 'pause', 'refusals'."""
    return f"{PREFIX}:archive:{endpoint}:{part}"
