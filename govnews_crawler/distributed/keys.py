"""Every Redis key the project uses, in one place."""

PREFIX = "govnews"


def state_key() -> str:
    return f"{PREFIX}:state"


def queue_key(spider_name: str) -> str:
    """scrapy-redis's request queue of a spider (its default ``%(spider)s:requests``)."""
    return f"{spider_name}:requests"


def dupefilter_key(spider_name: str) -> str:
    """scrapy-redis's dupefilter of a spider (its default ``%(spider)s:dupefilter``)."""
    return f"{spider_name}:dupefilter"


def workers_key(spider_name: str) -> str:
    return f"{PREFIX}:{spider_name}:workers"


def heartbeat_key(spider_name: str, worker: str) -> str:
    return f"{PREFIX}:{spider_name}:alive:{worker}"


def idle_key(spider_name: str, worker: str) -> str:
    return f"{PREFIX}:{spider_name}:idle:{worker}"


def archive_budget_key(endpoint: str, part: str) -> str:
    """The archive budget shared by all workers (distributed/limiter.py): 'cdx', 'capture', 'pause', 'refusals'."""
    return f"govnews:archive:{endpoint}:{part}"
