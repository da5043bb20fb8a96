"""The exported-articles state shared by the workers, in Redis."""

from govnews_crawler.distributed.keys import state_key
from govnews_crawler.state.records import Exported


class RedisStateStore:
    """The exported-articles state shared by the workers (one Redis hash)."""

    immediate = True  # record each article as soon as it is exported

    def __init__(self, server, key: str = ""):
        self.server, self.key = server, key or state_key()

    def get(self, url: str) -> Exported | None:
        value = self.server.hget(self.key, url)
        if not value:
            return None
        sha1, revision, _ = value.split(" ", 2)
        return Exported(sha1, int(revision))

    def record(self, rows) -> int:
        rows = list(rows)
        if rows:
            self.server.hset(self.key, mapping={url: f"{sha1} {revision} {portal}"
                                                for url, portal, sha1, revision, _ in rows})
        return len(rows)

    def count(self, portal: str | None = None) -> int:
        if portal is None:
            return self.server.hlen(self.key)
        return sum(1 for v in self.server.hvals(self.key) if v.split(" ", 2)[2] == portal)

    def close(self) -> None:
        self.server.close()
